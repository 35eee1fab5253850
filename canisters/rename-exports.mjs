// Renames exports of a Wasm module, e.g. "greet" -> "canister_query greet" (AssemblyScript
// cannot spell export names with spaces). Rewrites only the export section (id 7); every
// other byte is copied unchanged.
// usage: node rename-exports.mjs <in.wasm> <out.wasm> <old>=<new> ...
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output, ...pairs] = process.argv.slice(2);
if (!input || !output || pairs.length === 0) {
  console.error('usage: node rename-exports.mjs <in.wasm> <out.wasm> <old>=<new> ...');
  process.exit(2);
}
const renames = new Map(pairs.map((p) => {
  const eq = p.indexOf('=');
  if (eq <= 0) throw new Error(`bad rename '${p}', expected old=new`);
  return [p.slice(0, eq), p.slice(eq + 1)];
}));

const bytes = readFileSync(input);
let pos = 0;
function uleb() {
  let result = 0, shift = 0, b;
  do {
    if (pos >= bytes.length) throw new Error('unexpected end of module');
    b = bytes[pos++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return result;
}
function lebBytes(n) {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return Buffer.from(out);
}
function nameBytes(s) {
  const utf8 = Buffer.from(s, 'utf8');
  return Buffer.concat([lebBytes(utf8.length), utf8]);
}

if (bytes.readUInt32LE(0) !== 0x6d736100 || bytes.readUInt32LE(4) !== 1) {
  throw new Error(`${input} is not a Wasm 1.0 module`);
}
pos = 8;
const parts = [bytes.subarray(0, 8)];
let seen = new Set();
while (pos < bytes.length) {
  const start = pos;
  const id = bytes[pos++];
  const size = uleb();
  const end = pos + size;
  if (id !== 7) {
    parts.push(bytes.subarray(start, end));
    pos = end;
    continue;
  }
  const count = uleb();
  const entries = [];
  const names = new Set();
  for (let i = 0; i < count; i++) {
    const len = uleb();
    let name = bytes.subarray(pos, pos + len).toString('utf8');
    pos += len;
    const kindAndIndexStart = pos;
    pos++; // kind
    uleb(); // index
    if (renames.has(name)) {
      seen.add(name);
      name = renames.get(name);
    }
    if (names.has(name)) throw new Error(`export name '${name}' would be duplicated`);
    names.add(name);
    entries.push(Buffer.concat([nameBytes(name), bytes.subarray(kindAndIndexStart, pos)]));
  }
  if (pos !== end) throw new Error('export section size mismatch');
  const payload = Buffer.concat([lebBytes(count), ...entries]);
  parts.push(Buffer.from([7]), lebBytes(payload.length), payload);
}
for (const old of renames.keys()) {
  if (!seen.has(old)) throw new Error(`no export named '${old}' in ${input}`);
}
writeFileSync(output, Buffer.concat(parts));
