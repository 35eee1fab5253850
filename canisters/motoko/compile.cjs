// Compiles one Motoko actor with moc.js (npm motoko@4.10.0), offline.
// usage: node compile.cjs <Main.mo> <enhancedOP|classicOP> <out-prefix> [base]
// Writes <out-prefix>.wasm and <out-prefix>.did. One compile per process: after a classicOP
// compile, later enhancedOP compiles in the same process fail (shared/notes/CLIENTS.md).
'use strict';
const fs = require('fs');
const path = require('path');
const mo = require('motoko');

const [src, gc, out, lib] = process.argv.slice(2);
if (!src || !['enhancedOP', 'classicOP'].includes(gc) || !out) {
  console.error('usage: node compile.cjs <Main.mo> <enhancedOP|classicOP> <out-prefix> [base]');
  process.exit(2);
}
mo.loadPackage(require('motoko/packages/latest/core.json'));
if (lib === 'base') {
  mo.loadPackage(require('motoko-v3/packages/latest/base.json'));
}
const name = path.basename(src);
mo.write(name, fs.readFileSync(src, 'utf8'));
mo.compiler.gcFlags(gc);
let result;
try {
  result = mo.wasm(name, 'ic');
} catch (e) {
  // moc.js errors carry the compiler's diagnostics in the message; its stack is minified noise.
  console.error(`${name} ${gc}: ${String(e.message).slice(0, 4000)}`);
  process.exit(1);
}
fs.writeFileSync(out + '.wasm', result.wasm);
fs.writeFileSync(out + '.did', result.candid);
console.log(`${name} ${gc}: ${result.wasm.length} bytes`);
