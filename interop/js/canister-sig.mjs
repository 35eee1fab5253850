// Canister signatures end to end (interface spec, "Canister signatures"): @dfinity/agent 3.4.3 at
// default settings against a running jic node, with the hand-written WAT canister
// jic-interop-tests/src/test/resources/canisters/canister-sig.wat acting as a tiny Internet
// Identity: it certifies the root hash of a signature tree sig/SHA-256(seed)/SHA-256(message) -> "",
// where the message is the delegation's signing message, so that (certificate, tree) is a canister
// signature by (canister, seed). A DelegationIdentity built on it then calls the canister.
// stdin: {"host": "http://127.0.0.1:<port>", "wasm": "<path to canister-sig.wasm>"}
// stdout: one line per step, "STEP <name> OK <detail>" or "STEP <name> FAIL <error>".
import { createHash } from 'node:crypto';
import {
  HttpAgent, Actor, Cbor, requestIdOf, reconstruct, wrapDER, IC_REQUEST_AUTH_DELEGATION_DOMAIN_SEPARATOR,
} from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { Ed25519KeyIdentity, Delegation, DelegationChain, DelegationIdentity } from '@dfinity/identity';
import { deployWasm } from './deploy.mjs';
import { readInput, step, printSteps, short, record } from './steps.mjs';

const { host, wasm } = await readInput();
const sha256 = (b) => new Uint8Array(createHash('sha256').update(b).digest());
const utf8 = (s) => new TextEncoder().encode(s);
const concat = (...parts) => new Uint8Array(parts.flatMap((p) => [...p]));
// AlgorithmIdentifier { OID 1.3.6.1.4.1.56387.1.2 } (spec "Canister signatures"), in the form
// agent-js's wrapDER takes (like its ED25519_OID).
const CANISTER_SIG_OID = Uint8Array.from([0x30, 0x0c, 0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x83, 0xb8, 0x43, 0x01, 0x02]);

const owner = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(21));
const agent = await HttpAgent.create({ host, identity: owner, shouldFetchRootKey: true });const canisterIdl = ({ IDL }) => IDL.Service({
  set_root: IDL.Func([IDL.Vec(IDL.Nat8)], [], []),
  certificate: IDL.Func([], [IDL.Vec(IDL.Nat8)], ['query']),
  whoami: IDL.Func([], [IDL.Vec(IDL.Nat8)], []),
  whoami_query: IDL.Func([], [IDL.Vec(IDL.Nat8)], ['query']),
});

let id, c;
await step('deploy', async () => {
  id = await deployWasm(agent, wasm);
  c = Actor.createActor(canisterIdl, { agent, canisterId: id });
  return id.toText();
});

// The canister-signature key of (canister, seed): BIT STRING = |cid| · cid · seed.
const seed = utf8('anchor 10000');
const cidBytes = () => id.toUint8Array();
const publicKeyDer = (s) => wrapDER(concat([cidBytes().length], cidBytes(), s), CANISTER_SIG_OID);
const session = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(33));
const expiration = BigInt(Date.now() + 30 * 60 * 1000) * 1_000_000n;
const delegation = new Delegation(session.getPublicKey().toDer(), expiration);
// What the first delegation's signer signs (agent-js's own recipe in DelegationChain.create):
// "\x1Aic-request-auth-delegation" · requestIdOf(delegation).
const signingMessage = (d) => concat(IC_REQUEST_AUTH_DELEGATION_DOMAIN_SEPARATOR,
  new Uint8Array(requestIdOf({ pubkey: d.pubkey, expiration: d.expiration })));

let signature;
await step('sign', async () => {
  const message = signingMessage(delegation);
  const tree = [2, utf8('sig'), [2, sha256(seed), [2, sha256(message), [3, new Uint8Array(0)]]]];
  const root = await reconstruct(tree);
  await c.set_root(root);
  const certificate = await c.certificate();
  signature = Cbor.encode({ certificate, tree });
  return `${signature.length}B root=${Buffer.from(root).toString('hex').slice(0, 16)}`;
});

const actorFor = async (identity) => Actor.createActor(canisterIdl, {
  agent: await HttpAgent.create({ host, identity, shouldFetchRootKey: true }), canisterId: id,
});
const identityFor = (der, d, sig) =>
  DelegationIdentity.fromDelegation(session, DelegationChain.fromDelegations([{ delegation: d, signature: sig }], der));

await step('whoami', async () => {
  const der = publicKeyDer(seed);
  const expected = Principal.selfAuthenticating(der).toText();
  const identity = identityFor(der, delegation, signature);
  if (identity.getPrincipal().toText() !== expected) throw new Error('DelegationIdentity principal differs');
  const a = await actorFor(identity);
  const update = Principal.fromUint8Array(await a.whoami()).toText();
  const query = Principal.fromUint8Array(await a.whoami_query()).toText();
  if (update !== expected || query !== expected) throw new Error(`update ${update}, query ${query}, expected ${expected}`);
  return expected;
});

// Negative: the same signature for a different message (expiration + 1 ns) or a different seed.
// The update and read_state go through default agents. The query goes through an agent that does
// not verify query signatures: at default settings agent-js fetches the subnet's node keys with a
// read_state under the same identity in parallel, which the node rejects first (for the same
// reason), and agent-js then reports only "Query response did not contain any node signatures".
const rejected = async (identity) => {
  const a = await actorFor(identity);
  const unverified = Actor.createActor(canisterIdl, {
    agent: await HttpAgent.create({ host, identity, shouldFetchRootKey: true, verifyQuerySignatures: false }), canisterId: id,
  });
  const readStateAgent = await HttpAgent.create({ host, identity, shouldFetchRootKey: true });
  const out = [];
  for (const [kind, f] of [
    ['update', async () => Principal.fromUint8Array(await a.whoami()).toText()],
    ['query', async () => Principal.fromUint8Array(await unverified.whoami_query()).toText()],
    ['read_state', async () => (await readStateAgent.readState(id, { paths: [[utf8('time')]] })).certificate.byteLength],
  ]) {
    try {
      out.push(`${kind}:ACCEPTED(${await f()})`);
    } catch (e) {
      const m = short(e);
      const status = m.match(/\b(4\d\d)\b/)?.[1] ?? 'no-4xx';
      const clear = /canister signature/.test(m) ? 'clear' : 'unclear';
      out.push(`${kind}:${status}:${clear}`);
      if (clear !== 'clear' || status === 'no-4xx' || kind === 'update') record(`DETAIL ${kind} ${m}`);
    }
  }
  return out.join(' ');
};
await step('wrong_message', async () =>
  rejected(identityFor(publicKeyDer(seed), new Delegation(delegation.pubkey, expiration + 1n), signature)));
await step('wrong_seed', async () => {
  const other = seed.slice();
  other[other.length - 1] ^= 1;
  return rejected(identityFor(publicKeyDer(other), delegation, signature));
});
printSteps();
