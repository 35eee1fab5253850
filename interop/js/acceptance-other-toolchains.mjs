// Acceptance: canisters built by other toolchains, deployed and called with @dfinity/agent 3.4.3 at
// default settings against a running jic local network: AssemblyScript (5 KB, plain install_code)
// and azle (TypeScript on QuickJS, 3.4 MB: above the 2 MiB ingress limit, so installed with
// upload_chunk + install_chunked_code, as dfx does).
// stdin: {"host": "http://127.0.0.1:<port>", "assemblyscript": "<path>", "azle": "<path>"}
// stdout: one line per step, "STEP <name> OK <detail>" or "STEP <name> FAIL <error>".
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { HttpAgent, Actor } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { readInput, step, printSteps } from './steps.mjs';

const { host, assemblyscript, azle } = await readInput();

const identity = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(21));
const agent = await HttpAgent.create({ host, identity, shouldFetchRootKey: true });
const EMPTY_ARGS = new Uint8Array([0x44, 0x49, 0x44, 0x4c, 0, 0]);
const mgmtIdl = ({ IDL }) => {
  const cid = IDL.Record({ canister_id: IDL.Principal });
  const mode = IDL.Variant({ install: IDL.Null, reinstall: IDL.Null, upgrade: IDL.Opt(IDL.Record({})) });
  const hash = IDL.Record({ hash: IDL.Vec(IDL.Nat8) });
  return IDL.Service({
    provisional_create_canister_with_cycles: IDL.Func([IDL.Record({ amount: IDL.Opt(IDL.Nat), settings: IDL.Opt(IDL.Record({})),
      specified_id: IDL.Opt(IDL.Principal), sender_canister_version: IDL.Opt(IDL.Nat64) })], [cid], []),
    install_code: IDL.Func([IDL.Record({ mode, canister_id: IDL.Principal, wasm_module: IDL.Vec(IDL.Nat8),
      arg: IDL.Vec(IDL.Nat8), sender_canister_version: IDL.Opt(IDL.Nat64) })], [], []),
    upload_chunk: IDL.Func([IDL.Record({ canister_id: IDL.Principal, chunk: IDL.Vec(IDL.Nat8) })], [hash], []),
    install_chunked_code: IDL.Func([IDL.Record({ mode, target_canister: IDL.Principal, store_canister: IDL.Opt(IDL.Principal),
      chunk_hashes_list: IDL.Vec(hash), wasm_module_hash: IDL.Vec(IDL.Nat8), arg: IDL.Vec(IDL.Nat8),
      sender_canister_version: IDL.Opt(IDL.Nat64) })], [], []),
  });
};
const mgmt = (ecid) => Actor.createActor(mgmtIdl, { agent, canisterId: Principal.fromText('aaaaa-aa'), effectiveCanisterId: ecid });
const create = async () => (await mgmt(Principal.fromText('rwlgt-iiaaa-aaaaa-aaaaa-cai')).provisional_create_canister_with_cycles({
  amount: [10n ** 13n], settings: [], specified_id: [], sender_canister_version: [] })).canister_id;

const asIdl = ({ IDL }) => IDL.Service({ greet: IDL.Func([IDL.Text], [IDL.Text], ['query']), inc: IDL.Func([], [IDL.Nat], []) });
let as;
await step('as_deploy', async () => {
  as = await create();
  await mgmt(as).install_code({ mode: { install: null }, canister_id: as, wasm_module: readFileSync(assemblyscript),
    arg: EMPTY_ARGS, sender_canister_version: [] });
  return as.toText();
});
const asActor = () => Actor.createActor(asIdl, { agent, canisterId: as });
await step('as_greet', async () => await asActor().greet('jic'));
await step('as_inc', async () => `${await asActor().inc()} ${await asActor().inc()}`);

const azleIdl = ({ IDL }) => IDL.Service({
  whoami: IDL.Func([], [IDL.Text], ['query']),
  deposit: IDL.Func([IDL.Text, IDL.Nat64], [IDL.Nat64], []),
  balanceOf: IDL.Func([IDL.Text], [IDL.Nat64], ['query']),
});
let az;
await step('azle_deploy_chunked', async () => {
  az = await create();
  const wasm = readFileSync(azle);
  const hashes = [];
  for (let off = 0; off < wasm.length; off += 1 << 20) {
    hashes.push(await mgmt(az).upload_chunk({ canister_id: az, chunk: wasm.subarray(off, Math.min(wasm.length, off + (1 << 20))) }));
  }
  await mgmt(az).install_chunked_code({ mode: { install: null }, target_canister: az, store_canister: [],
    chunk_hashes_list: hashes, wasm_module_hash: createHash('sha256').update(wasm).digest(), arg: EMPTY_ARGS,
    sender_canister_version: [] });
  return `${az.toText()} chunks=${hashes.length}`;
});
const azActor = () => Actor.createActor(azleIdl, { agent, canisterId: az });
await step('azle_whoami', async () => `${await azActor().whoami()} ${identity.getPrincipal().toText()}`);
await step('azle_deposit', async () => `${await azActor().deposit('alice', 5n)} ${await azActor().deposit('alice', 7n)}`);
await step('azle_balance', async () => `${await azActor().balanceOf('alice')}`);
printSteps();
