// Builds signed request envelopes with agent-js 3.4.3 identities, or verifies a jic node's
// query-response signature with agent-js helpers. Input (stdin, JSON):
//   {"mode":"requests","nowMs":<number>,"canister":"<text principal>"}
//     -> one line per case: "<name> <requestType> <body: hex CBOR envelope> <requestId hex> <sender text>"
//   {"mode":"verify-query-response","nodeKeyDer":hex,"signature":hex,"timestamp":"<ns>",
//    "requestId":hex,"response":{"status":"replied","arg":hex} | {"status":"rejected",...}}
//     -> "<true|false> <hash_of_map hex>"
import {
  Cbor, requestIdOf, hashOfMap, IC_RESPONSE_DOMAIN_SEPARATOR, SubmitRequestType,
} from '@dfinity/agent';
import { Ed25519KeyIdentity, Ed25519PublicKey, DelegationChain, DelegationIdentity } from '@dfinity/identity';
import { Secp256k1KeyIdentity } from '@dfinity/identity-secp256k1';
import { Principal } from '@dfinity/principal';

const input = JSON.parse(await new Promise((resolve) => {
  let s = '';
  process.stdin.on('data', (d) => (s += d));
  process.stdin.on('end', () => resolve(s));
}));

const hex = (b) => Buffer.from(b).toString('hex');
const unhex = (h) => new Uint8Array(Buffer.from(h, 'hex'));
const seed = (n) => new Uint8Array(32).fill(n);

async function envelope(identity, requestType, canister, expiryNs) {
  const content = {
    request_type: requestType,
    canister_id: canister,
    method_name: 'greet',
    arg: new Uint8Array([0x44, 0x49, 0x44, 0x4c, 0, 0]),
    sender: identity.getPrincipal(),
    ingress_expiry: expiryNs,
  };
  // the same transform HttpAgent applies before sending (auth.ts transformRequest)
  const transformed = await identity.transformRequest({ endpoint: requestType, request: {}, body: content });
  return {
    body: hex(Cbor.encode(transformed.body)),
    requestId: hex(requestIdOf(content)),
    sender: identity.getPrincipal().toText(),
  };
}

if (input.mode === 'requests') {
  const canister = Principal.fromText(input.canister);
  const expiryNs = BigInt(input.nowMs + 4 * 60 * 1000) * 1_000_000n;
  const ed = Ed25519KeyIdentity.generate(seed(7));
  const k1 = Secp256k1KeyIdentity.generate(seed(9));
  const session = Ed25519KeyIdentity.generate(seed(11));
  const chain = await DelegationChain.create(ed, session.getPublicKey(), new Date(input.nowMs + 60 * 60 * 1000), { targets: [canister] });
  const delegated = DelegationIdentity.fromDelegation(session, chain);
  const k1Session = Ed25519KeyIdentity.generate(seed(13));
  const k1Chain = await DelegationChain.create(k1, k1Session.getPublicKey(), new Date(input.nowMs + 60 * 60 * 1000));
  const k1Delegated = DelegationIdentity.fromDelegation(k1Session, k1Chain);
  const out = [];
  for (const [name, id] of [['ed25519', ed], ['secp256k1', k1], ['ed25519-delegation', delegated], ['secp256k1-delegation', k1Delegated]]) {
    for (const t of [SubmitRequestType.Call, 'query']) {
      out.push({ name: `${name}-${t}`, requestType: t, ...(await envelope(id, t, canister, expiryNs)) });
    }
  }
  process.stdout.write(out.map((o) => [o.name, o.requestType, o.body, o.requestId, o.sender].join(' ')).join('\n') + '\n');
} else if (input.mode === 'verify-query-response') {
  const r = input.response;
  const common = { timestamp: BigInt(input.timestamp), request_id: unhex(input.requestId) };
  const m = r.status === 'replied'
    ? { status: 'replied', reply: { arg: unhex(r.arg) }, ...common }
    : { status: 'rejected', reject_code: r.reject_code, reject_message: r.reject_message, error_code: r.error_code, ...common };
  const hash = hashOfMap(m);
  const msg = new Uint8Array([...IC_RESPONSE_DOMAIN_SEPARATOR, ...hash]);
  const pk = Ed25519PublicKey.fromDer(unhex(input.nodeKeyDer));
  const valid = Ed25519KeyIdentity.verify(unhex(input.signature), msg, pk.rawKey);
  process.stdout.write(`${valid} ${hex(hash)}\n`);
} else {
  throw new Error('unknown mode ' + input.mode);
}
