// Candid interop for jic (CandidInteropTest): stdin {"jic": {case: hex}}; for each case this script
// encodes the case's values with @dfinity/candid (IDL.encode) and decodes jic's bytes (IDL.decode),
// comparing them with the expected values. Stdout: {case: {js: hex, ok: bool, want, got, error}}.
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

const List = IDL.Rec();
List.fill(IDL.Opt(IDL.Record({ head: IDL.Nat, tail: List })));

const P = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai');

// Keep in sync with CandidInteropTest.cases().
const cases = {
  nat: [[IDL.Nat], [42n]],
  bignat: [[IDL.Nat], [2n ** 100n + 7n]],
  int: [[IDL.Int, IDL.Int], [-123456789012345678901234567890n, 0n]],
  fixed: [
    [IDL.Nat8, IDL.Nat16, IDL.Nat32, IDL.Nat64, IDL.Int8, IDL.Int16, IDL.Int32, IDL.Int64],
    [255, 65535, 4294967295, 18446744073709551615n, -128, -32768, -2147483648, -9223372036854775808n],
  ],
  float: [[IDL.Float64, IDL.Float64], [1.5, -1e300]],
  textBool: [[IDL.Text, IDL.Bool, IDL.Bool], ['h\u00e9llo \u2713', true, false]],
  opt: [[IDL.Opt(IDL.Nat), IDL.Opt(IDL.Text)], [[5n], []]],
  vec: [[IDL.Vec(IDL.Int16)], [[1, -2, 300]]],
  blob: [[IDL.Vec(IDL.Nat8)], [new Uint8Array([0, 1, 255])]],
  record: [
    [IDL.Record({ canister_id: IDL.Principal, amount: IDL.Nat, memo: IDL.Opt(IDL.Vec(IDL.Nat8)) })],
    [{ canister_id: P, amount: 1000n, memo: [new Uint8Array([9])] }],
  ],
  tuple: [[IDL.Tuple(IDL.Nat8, IDL.Text)], [[7, 'x']]],
  variant: [[IDL.Variant({ ok: IDL.Null, err: IDL.Text })], [{ err: 'boom' }]],
  principal: [[IDL.Principal, IDL.Principal], [P, Principal.fromText('aaaaa-aa')]],
  nested: [
    [IDL.Vec(IDL.Record({ k: IDL.Text, v: IDL.Variant({ a: IDL.Nat32, b: IDL.Vec(IDL.Opt(IDL.Int)) }) }))],
    [[{ k: 'one', v: { a: 1 } }, { k: 'two', v: { b: [[-1n], []] } }]],
  ],
  list: [[List], [[{ head: 1n, tail: [{ head: 2n, tail: [] }] }]]],
};

function norm(x) {
  if (typeof x === 'bigint' || typeof x === 'number') return 'n:' + String(x);
  if (x === null || x === undefined) return null;
  if (typeof x === 'string' || typeof x === 'boolean') return x;
  if (ArrayBuffer.isView(x)) return Array.from(x).map(norm); // typed arrays for vec of fixed-width numbers
  if (typeof x.toText === 'function' && x._isPrincipal !== undefined) return 'p:' + x.toText();
  if (typeof x.toText === 'function') return 'p:' + x.toText();
  if (Array.isArray(x)) return x.map(norm);
  const out = {};
  for (const k of Object.keys(x).sort()) out[k] = norm(x[k]);
  return out;
}

const hex = (b) => Buffer.from(b).toString('hex');
const input = JSON.parse(await new Promise((res) => {
  let s = '';
  process.stdin.on('data', (d) => (s += d));
  process.stdin.on('end', () => res(s || '{}'));
}));
const jic = input.jic || {};
const out = {};
for (const [name, [types, values]] of Object.entries(cases)) {
  const r = { js: hex(IDL.encode(types, values)), ok: false };
  r.want = JSON.stringify(norm(values));
  try {
    if (jic[name] === undefined) throw new Error('jic sent no bytes for this case');
    const got = IDL.decode(types, new Uint8Array(Buffer.from(jic[name], 'hex')));
    r.got = JSON.stringify(norm(got));
    r.ok = r.got === r.want;
  } catch (e) {
    r.error = String(e && e.message ? e.message : e);
  }
  out[name] = r;
}
process.stdout.write(JSON.stringify(out));
