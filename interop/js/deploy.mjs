// Deploys a hand-written test canister through the management canister, as the acceptance
// scripts do: provisional_create_canister_with_cycles (10^13 cycles) at the local subnet's first
// canister id as effective id, then install_code with the empty Candid argument.
import { readFileSync } from 'node:fs';
import { Actor } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';

const mgmtIdl = ({ IDL }) => {
  const cid = IDL.Record({ canister_id: IDL.Principal });
  return IDL.Service({
    provisional_create_canister_with_cycles: IDL.Func([IDL.Record({ amount: IDL.Opt(IDL.Nat) })], [cid], []),
    install_code: IDL.Func([IDL.Record({ mode: IDL.Variant({ install: IDL.Null }), canister_id: IDL.Principal,
      wasm_module: IDL.Vec(IDL.Nat8), arg: IDL.Vec(IDL.Nat8) })], [], []),
  });
};
/** Inside the local subnet's canister ranges. */
export const CANISTER_0 = Principal.fromText('rwlgt-iiaaa-aaaaa-aaaaa-cai');
/** Candid "()". */
const EMPTY_ARG = new Uint8Array([0x44, 0x49, 0x44, 0x4c, 0, 0]);

/** Creates a canister with `agent`'s identity as controller, installs the module at `wasmPath`, returns its id. */
export const deployWasm = async (agent, wasmPath) => {
  const mgmt = (ecid) => Actor.createActor(mgmtIdl, { agent, canisterId: Principal.fromText('aaaaa-aa'), effectiveCanisterId: ecid });
  const id = (await mgmt(CANISTER_0).provisional_create_canister_with_cycles({ amount: [10n ** 13n] })).canister_id;
  await mgmt(id).install_code({ mode: { install: null }, canister_id: id, wasm_module: readFileSync(wasmPath), arg: EMPTY_ARG });
  return id;
};
