#!/usr/bin/env bash
# Regenerates the WebAssembly spec-suite fixtures used by jic-wasm's SpecSuiteTest:
#   ../shared/testdata/wasm-spec/{core,memory64}/*.wast  ->  jic-wasm/src/test/resources/wasm-spec/<suite>/<name>/
# Each .wast becomes <name>.json (the command list) plus the .wasm/.wat modules it references.
# Needs wabt's wast2json (Debian: apt-get install -y wabt; tested with 1.0.32). The output is
# checked in, so CI never runs this script.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
src="${WASM_SPEC_SRC:-$root/../shared/testdata/wasm-spec}"
out="$root/jic-wasm/src/test/resources/wasm-spec"
command -v wast2json >/dev/null || { echo "wast2json not found: apt-get install -y wabt" >&2; exit 1; }

convert() { # suite wastfile extra-flags...
  local suite="$1" wast="$2"; shift 2
  local name; name="$(basename "$wast" .wast)"
  local dir="$out/$suite/$name"
  mkdir -p "$dir"
  if ! wast2json "$@" "$wast" -o "$dir/$name.json" 2>/dev/null; then
    # wabt 1.0.32 cannot parse some newer text syntax (e.g. table.get without a table index).
    echo "wast2json failed on $suite/$name: recorded in unconverted.txt" >&2
    echo "$suite/$name" >> "$out/unconverted.txt"
    rm -rf "$dir"
    return 0
  fi
  # Text-format modules (assert_malformed "text") are not jic's concern: drop them.
  rm -f "$dir"/*.wat
  # Machine-independent source name.
  sed -i "s#\"source_filename\": \"[^\"]*/wasm-spec/#\"source_filename\": \"#" "$dir/$name.json"
}

rm -rf "$out/core" "$out/memory64" "$out/unconverted.txt"
for f in "$src"/core/*.wast; do convert core "$f"; done
for f in "$src"/memory64/*.wast; do convert memory64 "$f" --enable-memory64; done
# The list of converted files, so the test finds them without scanning the classpath.
(cd "$out" && find core memory64 -name '*.json' | LC_ALL=C sort > index.txt)
du -sh "$out"
