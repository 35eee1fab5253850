// Drives a jic HTTPS interface server with @dfinity/agent's HttpAgent at default settings
// (shouldFetchRootKey: true, query signature verification on).
// stdin: {"host": "http://127.0.0.1:<port>", "canisterId": "<text>", "seed": <0..255>}
// stdout: one line per step, "STEP <name> OK <detail>" or "STEP <name> FAIL <error>".
import { HttpAgent, Actor, Certificate, lookupResultToBuffer } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { readInput, step, printSteps } from './steps.mjs';

const { host, canisterId, seed } = await readInput();
const identity = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(seed));
const canister = Principal.fromText(canisterId);

const agent = await HttpAgent.create({ host, identity, shouldFetchRootKey: true });
const idl = ({ IDL }) => IDL.Service({
  hello: IDL.Func([IDL.Text], [IDL.Text], ['query']),
  greet: IDL.Func([IDL.Text], [IDL.Text], []),
});
const actor = Actor.createActor(idl, { agent, canisterId: canister });

await step('status', async () => {
  const s = await agent.status();
  return `${s.replica_health_status} root_key=${Buffer.from(s.root_key).toString('hex').slice(0, 16)}`;
});
await step('query', async () => await actor.hello('agent'));
await step('update', async () => await actor.greet('update'));
await step('read_state', async () => {
  const path = [new TextEncoder().encode('time')];
  const r = await agent.readState(canister, { paths: [path] });
  const cert = await Certificate.create({ certificate: r.certificate, rootKey: agent.rootKey, canisterId: canister });
  const t = lookupResultToBuffer(cert.lookup_path(path));
  return `time_bytes=${t ? t.length : 'none'}`;
});
printSteps();
