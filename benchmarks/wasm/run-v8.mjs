// Runs one benchmark kernel under Node's V8 (plain Node 20, no npm packages) and prints one JSON
// line: {"result": <string>, "times_ms": [...], "median_ms": <number>}.
// usage: node run-v8.mjs '<json spec>'
//   spec: {"file": path, "export": name, "args": [ints], "warmup": n, "iterations": n}
//     or, for a canister: {"file": path, "export": "canister_query m", "candid": hex, "warmup", "iterations"}
// A plain kernel reuses one instance; a canister gets a fresh instance and canister_init per
// iteration (untimed), then only the method call is timed: the same protocol as jic's runner.
import fs from 'node:fs';

const spec = JSON.parse(process.argv[2]);
const module = new WebAssembly.Module(fs.readFileSync(spec.file));

// ic0 functions that return i64 (everything else returns i32 or nothing).
const I64_RESULTS = new Set(['performance_counter', 'stable64_size', 'stable64_grow', 'time', 'global_timer_set',
  'canister_version', 'msg_deadline', 'instruction_counter', 'canister_cycle_balance', 'msg_cycles_available',
  'msg_cycles_refunded', 'msg_cycles_accept', 'root_key_size', 'cost_call']);

function canisterInstance(arg) {
  let memory = null;
  const state = { arg, reply: [] };
  const ic0 = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.module !== 'ic0' || imp.kind !== 'function') continue;
    const name = imp.name;
    const i64 = I64_RESULTS.has(name);
    ic0[name] = (...a) => {
      switch (name) {
        case 'msg_arg_data_size': return state.arg.length;
        case 'msg_arg_data_copy': new Uint8Array(memory.buffer).set(state.arg.subarray(Number(a[1]), Number(a[1]) + Number(a[2])), Number(a[0])); return;
        case 'msg_reply_data_append': state.reply.push(...new Uint8Array(memory.buffer, Number(a[0]), Number(a[1]))); return;
        case 'msg_reply': return;
        case 'trap': throw new Error('canister trapped: ' + Buffer.from(new Uint8Array(memory.buffer, Number(a[0]), Number(a[1]))).toString());
        default: return i64 ? 0n : 0;
      }
    };
  }
  const instance = new WebAssembly.Instance(module, { ic0 });
  memory = Object.values(instance.exports).find((e) => e instanceof WebAssembly.Memory);
  return { instance, state };
}

const times = [];
let result = '';
const total = spec.warmup + spec.iterations;
if (spec.candid === undefined) {
  const instance = new WebAssembly.Instance(module, {});
  const fn = instance.exports[spec.export];
  for (let i = 0; i < total; i++) {
    const t0 = process.hrtime.bigint();
    const r = fn(...spec.args);
    const t1 = process.hrtime.bigint();
    if (i >= spec.warmup) times.push(Number(t1 - t0) / 1e6);
    result = String(r | 0);
  }
} else {
  const arg = Uint8Array.from(Buffer.from(spec.candid, 'hex'));
  const empty = Uint8Array.from([0x44, 0x49, 0x44, 0x4c, 0, 0]);
  for (let i = 0; i < total; i++) {
    const init = canisterInstance(empty);
    init.instance.exports.canister_init();
    init.state.arg = arg;
    init.state.reply = [];
    const fn = init.instance.exports[spec.export];
    const t0 = process.hrtime.bigint();
    fn();
    const t1 = process.hrtime.bigint();
    if (i >= spec.warmup) times.push(Number(t1 - t0) / 1e6);
    result = Buffer.from(init.state.reply).toString('hex');
  }
}
const sorted = [...times].sort((a, b) => a - b);
const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
console.log(JSON.stringify({ result, times_ms: times, median_ms: median }));
