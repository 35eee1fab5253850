#!/usr/bin/env bash
# Builds every canister fixture from source, offline once the npm packages are installed, and
# copies the .wasm and .did files to jic-wasm/src/test/resources/canisters/.
# Deterministic: two runs give byte-identical outputs (SHA256SUMS in the output directory).
# usage: canisters/build.sh            (from anywhere; needs node >= 20 and npm)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../jic-wasm/src/test/resources/canisters"
work="$here/build"
start=$SECONDS

cd "$here"
# Exactly the versions in package-lock.json; install scripts are not needed (azle's only installs
# a dfx extension, esbuild's only checks its platform binary).
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
rm -rf "$work"
mkdir -p "$work" "$out"

# Motoko (moc.js from npm motoko@4.10.0). One compile per process, wasm64 first
# (shared/notes/CLIENTS.md: a classicOP compile breaks later enhancedOP ones in one process).
node motoko/compile.cjs motoko/Counter.mo enhancedOP "$work/motoko-counter-wasm64"
node motoko/compile.cjs motoko/Kernel.mo enhancedOP "$work/motoko-kernel-wasm64"
node motoko/compile.cjs motoko/Counter.mo classicOP "$work/motoko-counter-wasm32"
node motoko/compile.cjs motoko/Kernel.mo classicOP "$work/motoko-kernel-wasm32"
# mo:base comes from npm motoko@3.20.0 (installed as motoko-v3).
node motoko/compile.cjs motoko/Legacy.mo classicOP "$work/motoko-base-wasm32" base

# azle 0.33.0: `azle build` expects dfx's environment; it only needs the candid output path.
(
  cd azle
  rm -rf .azle
  env -u AZLE_LOG_ACTIONS -u AZLE_RECORD_ACTIONS -u AZLE_RECORD_BENCHMARKS -u AZLE_VERBOSE \
    CANISTER_CANDID_PATH="$work/azle-ledger.did" \
    ../node_modules/.bin/azle build ledger
  cp .azle/ledger/ledger.wasm "$work/azle-ledger.wasm"
  rm -rf .azle
)

# AssemblyScript 0.28.20, stub runtime, abort routed to ic0.trap; then export names with spaces.
node_modules/.bin/asc assemblyscript/assembly/index.ts -o "$work/as-raw.wasm" \
  --runtime stub -O3 --noAssert --use abort=assemblyscript/assembly/index/abortHandler
node rename-exports.mjs "$work/as-raw.wasm" "$work/assemblyscript-greet.wasm" \
  "greet=canister_query greet" "inc=canister_update inc"
cp assemblyscript/greet.did "$work/assemblyscript-greet.did"
rm "$work/as-raw.wasm"

rm -f "$out"/*.wasm "$out"/*.did "$out"/SHA256SUMS
cp "$work"/*.wasm "$work"/*.did "$out"/
(cd "$out" && sha256sum -- *.wasm *.did > SHA256SUMS && cat SHA256SUMS)
rm -rf "$work"
echo "built all canisters in $((SECONDS - start)) s"
