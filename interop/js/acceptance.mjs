// Acceptance scenario: @dfinity/agent 3.4.3 at default settings (root key fetched, certificates
// and query signatures verified) against a running jic local network.
// stdin: {"host": "http://127.0.0.1:<port>", "wasm32": "<path>", "wasm64": "<path>"}
// stdout: one line per step, "STEP <name> OK <detail>" or "STEP <name> FAIL <error>".
import { readFileSync } from 'node:fs';
import { HttpAgent, Actor } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { readInput, step, printSteps, short, record } from './steps.mjs';

const { host, wasm32, wasm64 } = await readInput();
// A step that must fail: OK with the error text, FAIL if it succeeded.
const rejects = async (name, f) => {
  try {
    const r = await f();
    record(`STEP ${name} FAIL unexpectedly succeeded: ${r}`);
  } catch (e) {
    record(`STEP ${name} OK ${short(e)}`);
  }
};

const owner = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(11));
const stranger = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(12));
const agent = await HttpAgent.create({ host, identity: owner, shouldFetchRootKey: true });
const strangerAgent = await HttpAgent.create({ host, identity: stranger, shouldFetchRootKey: true });

const mgmtIdl = ({ IDL }) => {
  const settings = IDL.Record({ controllers: IDL.Opt(IDL.Vec(IDL.Principal)), compute_allocation: IDL.Opt(IDL.Nat),
    memory_allocation: IDL.Opt(IDL.Nat), freezing_threshold: IDL.Opt(IDL.Nat) });
  const cid = IDL.Record({ canister_id: IDL.Principal });
  const mode = IDL.Variant({ install: IDL.Null, reinstall: IDL.Null, upgrade: IDL.Opt(IDL.Record({
    skip_pre_upgrade: IDL.Opt(IDL.Bool), wasm_memory_persistence: IDL.Opt(IDL.Variant({ keep: IDL.Null, replace: IDL.Null })) })) });
  return IDL.Service({
    create_canister: IDL.Func([IDL.Record({ settings: IDL.Opt(settings), sender_canister_version: IDL.Opt(IDL.Nat64) })], [cid], []),
    provisional_create_canister_with_cycles: IDL.Func([IDL.Record({ amount: IDL.Opt(IDL.Nat), settings: IDL.Opt(settings),
      specified_id: IDL.Opt(IDL.Principal), sender_canister_version: IDL.Opt(IDL.Nat64) })], [cid], []),
    install_code: IDL.Func([IDL.Record({ mode, canister_id: IDL.Principal, wasm_module: IDL.Vec(IDL.Nat8),
      arg: IDL.Vec(IDL.Nat8), sender_canister_version: IDL.Opt(IDL.Nat64) })], [], []),
    start_canister: IDL.Func([cid], [], []),
    stop_canister: IDL.Func([cid], [], []),
  });
};
const counterIdl = ({ IDL }) => IDL.Service({
  inc: IDL.Func([], [IDL.Nat], []),
  get: IDL.Func([], [IDL.Nat], ['query']),
  put: IDL.Func([IDL.Text, IDL.Text], [], []),
  lookup: IDL.Func([IDL.Text], [IDL.Opt(IDL.Text)], ['query']),
  fetchFrom: IDL.Func([IDL.Principal], [IDL.Nat], []),
});
// The same methods at wrong argument types: the canister must reject, the agent must report it.
const wrongIdl = ({ IDL }) => IDL.Service({
  put: IDL.Func([IDL.Nat], [], []),
  lookup: IDL.Func([IDL.Nat], [IDL.Opt(IDL.Text)], ['query']),
  nope: IDL.Func([], [], []),
});
const CANISTER_0 = Principal.fromText('rwlgt-iiaaa-aaaaa-aaaaa-cai'); // inside the local subnet's ranges
const mgmt = (ecid, a = agent) => Actor.createActor(mgmtIdl, { agent: a, canisterId: Principal.fromText('aaaaa-aa'), effectiveCanisterId: ecid });
const counter = (id, a = agent) => Actor.createActor(counterIdl, { agent: a, canisterId: id });
const create = async () => (await mgmt(CANISTER_0).provisional_create_canister_with_cycles({
  amount: [10n ** 13n], settings: [], specified_id: [], sender_canister_version: [] })).canister_id;
const install = async (id, path, mode) => mgmt(id).install_code({ mode, canister_id: id,
  wasm_module: readFileSync(path), arg: new Uint8Array([0x44, 0x49, 0x44, 0x4c, 0, 0]), sender_canister_version: [] });

await step('status', async () => (await agent.status()).replica_health_status);
await rejects('create_canister_from_user', async () => (await mgmt(CANISTER_0).create_canister({ settings: [], sender_canister_version: [] })).canister_id.toText());

let a32, a64;
await step('create32', async () => (a32 = await create()).toText());
await step('install32', async () => { await install(a32, wasm32, { install: null }); return 'installed'; });
await step('inc32', async () => `${await counter(a32).inc()} ${await counter(a32).inc()}`);
await step('get32', async () => `${await counter(a32).get()}`);
await step('put_lookup', async () => { await counter(a32).put('k', 'v'); return JSON.stringify(await counter(a32).lookup('k')); });
await rejects('install_again', async () => install(a32, wasm32, { install: null }));

await step('create64', async () => (a64 = await create()).toText());
await step('install64', async () => { await install(a64, wasm64, { install: null }); return 'installed'; });
await step('inc64', async () => `${await counter(a64).inc()}`);
await step('upgrade64_keep', async () => {
  await install(a64, wasm64, { upgrade: [{ skip_pre_upgrade: [], wasm_memory_persistence: [{ keep: null }] }] });
  return `${await counter(a64).get()}`;
});
await step('inter_canister', async () => `${await counter(a64).fetchFrom(a32)}`);

await rejects('non_controller_stop', async () => mgmt(a32, strangerAgent).stop_canister({ canister_id: a32 }));
await step('stranger_may_call', async () => `${await counter(a32, strangerAgent).inc()}`);
await rejects('bad_arg_update', async () => Actor.createActor(wrongIdl, { agent, canisterId: a32 }).put(5n));
await rejects('bad_arg_query', async () => Actor.createActor(wrongIdl, { agent, canisterId: a32 }).lookup(5n));
await rejects('missing_method', async () => Actor.createActor(wrongIdl, { agent, canisterId: a32 }).nope());
await rejects('missing_canister', async () => counter(Principal.fromText('r7inp-6aaaa-aaaaa-aaabq-cai')).get());

await step('stop32', async () => { await mgmt(a32).stop_canister({ canister_id: a32 }); return 'stopped'; });
await rejects('call_stopped', async () => counter(a32).inc());
await step('start32', async () => { await mgmt(a32).start_canister({ canister_id: a32 }); return `${await counter(a32).inc()}`; });
printSteps();
