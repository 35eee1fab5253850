// Compiles Motoko actors with moc.js (npm motoko@4.10.0, mo:core loaded), offline.
//
//   node moc.mjs <Main.mo> <enhancedOP|classicOP>
//   echo '{"path": "<Main.mo>", "mode": "classicOP"}' | node moc.mjs
//     -> {"path", "mode", "wasm": <base64>, "candid": <service text>}
//   echo '[{"path": ..., "mode": ...}, ...]' | node moc.mjs
//     -> the same objects as a JSON array, in input order (a batch saves the start-up per file)
//
// enhancedOP builds wasm64 (memory64, enhanced orthogonal persistence), classicOP wasm32.
// A compile error exits 1 with moc's diagnostics on stderr; bad usage exits 2.
// moc.js quirk: after a classicOP compile, later enhancedOP compiles in the same process fail
// (canisters/README.md), so a batch compiles its enhancedOP entries first.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const MODES = ['enhancedOP', 'classicOP'];

function usage(msg) {
  console.error(`${msg}\nusage: node moc.mjs <Main.mo> <enhancedOP|classicOP>  (or {"path","mode"} / an array of them as JSON on stdin)`);
  process.exit(2);
}

function readInput() {
  const [path, mode] = process.argv.slice(2);
  if (path) {
    return { single: true, jobs: [{ path, mode }] };
  }
  const text = readFileSync(0, 'utf8').trim();
  let parsed;
  try {
    parsed = JSON.parse(text || '{}');
  } catch (e) {
    usage(`stdin is not JSON: ${e.message}`);
  }
  return Array.isArray(parsed) ? { single: false, jobs: parsed } : { single: true, jobs: [parsed] };
}

const { single, jobs } = readInput();
for (const j of jobs) {
  if (!j || typeof j.path !== 'string' || !MODES.includes(j.mode)) {
    usage(`bad job ${JSON.stringify(j)}`);
  }
}
const mo = require('motoko');
mo.loadPackage(require('motoko/packages/latest/core.json'));

const order = jobs.map((j, i) => i).sort((a, b) => MODES.indexOf(jobs[a].mode) - MODES.indexOf(jobs[b].mode) || a - b);
const results = new Array(jobs.length);
let failed = false;
for (const i of order) {
  const { path, mode } = jobs[i];
  const name = basename(path);
  mo.write(name, readFileSync(path, 'utf8'));
  mo.compiler.gcFlags(mode);
  const started = Date.now();
  try {
    const r = mo.wasm(name, 'ic');
    if (process.env.MOC_TIMING) {
      console.error(`${name} ${mode}: ${Date.now() - started} ms`);
    }
    results[i] = { path, mode, wasm: Buffer.from(r.wasm).toString('base64'), candid: r.candid };
  } catch (e) {
    // moc.js errors carry the compiler's diagnostics in the message; the stack is minified noise.
    console.error(`${path} ${mode}: ${String(e.message).slice(0, 8000)}`);
    failed = true;
  }
}
if (failed) {
  process.exit(1);
}
process.stdout.write(JSON.stringify(single ? results[0] : results) + '\n');
