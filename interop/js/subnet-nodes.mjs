// A 4-node jic subnet (`jic start --nodes 4`) seen by @dfinity/agent 3.4.3 at default settings
// (root key fetched, certificates and query signatures verified): a counter deployed through node
// 0, updates sent to every node, queries answered (and signed) by every node.
// stdin: {"hosts": ["http://127.0.0.1:<port>", ...], "wasm": "<path>"}
// stdout: one line per step, "STEP <name> OK <detail>" or "STEP <name> FAIL <error>".
import { readFileSync } from 'node:fs';
import { HttpAgent, Actor } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { readInput, step, printSteps } from './steps.mjs';

const { hosts, wasm } = await readInput();

const owner = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(21));
const agents = [];
for (const host of hosts) agents.push(await HttpAgent.create({ host, identity: owner, shouldFetchRootKey: true }));

const mgmtIdl = ({ IDL }) => {
  const cid = IDL.Record({ canister_id: IDL.Principal });
  const mode = IDL.Variant({ install: IDL.Null, reinstall: IDL.Null, upgrade: IDL.Opt(IDL.Record({})) });
  return IDL.Service({
    provisional_create_canister_with_cycles: IDL.Func([IDL.Record({ amount: IDL.Opt(IDL.Nat), settings: IDL.Opt(IDL.Record({})),
      specified_id: IDL.Opt(IDL.Principal), sender_canister_version: IDL.Opt(IDL.Nat64) })], [cid], []),
    install_code: IDL.Func([IDL.Record({ mode, canister_id: IDL.Principal, wasm_module: IDL.Vec(IDL.Nat8),
      arg: IDL.Vec(IDL.Nat8), sender_canister_version: IDL.Opt(IDL.Nat64) })], [], []),
  });
};
const counterIdl = ({ IDL }) => IDL.Service({
  inc: IDL.Func([], [IDL.Nat], []),
  get: IDL.Func([], [IDL.Nat], ['query']),
});
const CANISTER_0 = Principal.fromText('rwlgt-iiaaa-aaaaa-aaaaa-cai');
const mgmt = (ecid) => Actor.createActor(mgmtIdl, { agent: agents[0], canisterId: Principal.fromText('aaaaa-aa'), effectiveCanisterId: ecid });

await step('status', async () => {
  const keys = [];
  for (const a of agents) keys.push(Buffer.from((await a.status()).root_key).toString('hex'));
  if (new Set(keys).size !== 1) throw new Error(`nodes disagree on the root key: ${keys}`);
  return `${agents.length} nodes, one root key`;
});
let id;
await step('create', async () => (id = (await mgmt(CANISTER_0).provisional_create_canister_with_cycles({
  amount: [10n ** 13n], settings: [], specified_id: [], sender_canister_version: [] })).canister_id).toText());
await step('install', async () => {
  await mgmt(id).install_code({ mode: { install: null }, canister_id: id, wasm_module: readFileSync(wasm),
    arg: new Uint8Array([0x44, 0x49, 0x44, 0x4c, 0, 0]), sender_canister_version: [] });
  return 'installed';
});
await step('inc_each_node', async () => {
  const out = [];
  for (const a of agents) out.push(`${await Actor.createActor(counterIdl, { agent: a, canisterId: id }).inc()}`);
  return out.join(' ');
});
await step('get_each_node', async () => {
  const out = [];
  for (const a of agents) {
    // A replica may lag a few heights behind the one that certified the last update: retry briefly.
    let v = 0n;
    for (let k = 0; k < 50 && v < BigInt(agents.length); k++) {
      v = await Actor.createActor(counterIdl, { agent: a, canisterId: id }).get();
      if (v < BigInt(agents.length)) await new Promise((r) => setTimeout(r, 100));
    }
    out.push(`${v}`);
  }
  return out.join(' ');
});
printSteps();
