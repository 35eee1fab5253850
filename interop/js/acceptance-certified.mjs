// Acceptance scenario, certified data and timers: @dfinity/agent 3.4.3 at default settings
// against a running jic local network, with the hand-written WAT canister
// jic-interop-tests/src/test/resources/canisters/certified-timer.wat.
// stdin: {"host": "http://127.0.0.1:<port>", "wasm": "<path to certified-timer.wasm>"}
// stdout: one line per step, "STEP <name> OK <detail>" or "STEP <name> FAIL <error>".
import { HttpAgent, Actor, Certificate } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { deployWasm, CANISTER_0 } from './deploy.mjs';
import { readInput, step, printSteps } from './steps.mjs';

const { host, wasm } = await readInput();
const toHex = (b) => Buffer.from(b).toString('hex');

const owner = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(21));
const agent = await HttpAgent.create({ host, identity: owner, shouldFetchRootKey: true });

const canisterIdl = ({ IDL }) => IDL.Service({
  set: IDL.Func([IDL.Vec(IDL.Nat8)], [], []),
  certificate: IDL.Func([], [IDL.Vec(IDL.Nat8)], ['query']),
  ticks: IDL.Func([], [IDL.Nat], ['query']),
  noop: IDL.Func([], [], []),
});

let id, c;
await step('status', async () => (await agent.status()).replica_health_status);
await step('deploy', async () => {
  id = await deployWasm(agent, wasm);
  c = Actor.createActor(canisterIdl, { agent, canisterId: id });
  return id.toText();
});

// The canister certifies its whole Candid argument, so the expected certified data is its encoding.
const certifiedAfterSet = async (payload) => {
  await c.set(payload);
  const expected = toHex(IDL.encode([IDL.Vec(IDL.Nat8)], [payload]));
  const cert = await Certificate.create({ certificate: await c.certificate(), rootKey: agent.rootKey, canisterId: id });
  const found = cert.lookup_path(['canister', id.toUint8Array(), 'certified_data']);
  const got = found.value instanceof Uint8Array ? toHex(found.value) : `${found.status}`;
  if (got !== expected) throw new Error(`certified_data ${got}, expected ${expected}`);
  const time = cert.lookup_path(['time']);
  if (!(time.value instanceof Uint8Array)) throw new Error('no time in the data certificate');
  return `${got.length / 2}B`;
};
await step('certified_data', async () => certifiedAfterSet(new Uint8Array(16).fill(7)));
await step('certified_data_replaced', async () => certifiedAfterSet(Uint8Array.from([1, 2, 3])));
await step('certificate_wrong_canister', async () => {
  // The certificate reveals only its own canister's certified_data: another canister's path is
  // Absent (no such canister next to it) or Unknown (pruned), depending on which canisters exist.
  const cert = await Certificate.create({ certificate: await c.certificate(), rootKey: agent.rootKey, canisterId: id });
  const otherId = [CANISTER_0, Principal.fromText('r7inp-6aaaa-aaaaa-aaabq-cai')].find((p) => p.toText() !== id.toText());
  const status = `${cert.lookup_path(['canister', otherId.toUint8Array(), 'certified_data']).status}`;
  return status === 'Absent' || status === 'Unknown' ? 'NotRevealed' : status;
});

// Timers: init armed the global timer at time()+1 ns; the canister re-arms it until 3 ticks.
// Each round trip sends a no-op update so batches keep coming even if the node idles without ingress.
await step('timer_ticks', async () => {
  const seen = [];
  for (let i = 0; i < 40; i++) {
    const t = await c.ticks();
    if (seen[seen.length - 1] !== t) seen.push(t);
    if (t >= 3n) break;
    await c.noop();
  }
  for (let i = 0; i < 3; i++) await c.noop(); // further batches: the disarmed timer must not fire again
  seen.push(await c.ticks());
  return seen.join(' ');
});
printSteps();
