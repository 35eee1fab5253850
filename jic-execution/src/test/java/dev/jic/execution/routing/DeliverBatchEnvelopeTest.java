package dev.jic.execution.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.upokecenter.cbor.CBORObject;
import dev.jic.execution.scheduler.SchedulerConfig;
import dev.jic.interfaces.consensus.Batch;
import dev.jic.interfaces.consensus.IngressId;
import dev.jic.interfaces.consensus.IngressMessage;
import dev.jic.interfaces.consensus.MessageRouting;
import dev.jic.interfaces.consensus.Time;
import dev.jic.replicated.IngressStatus;
import dev.jic.types.cbor.Cbor;
import dev.jic.types.hash.HashValue;
import dev.jic.types.hash.HashValueCbor;
import dev.jic.types.hash.RequestId;
import dev.jic.types.hash.Sha;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.unit.Height;
import dev.jic.wasm.engine.ChicoryEngine;
import dev.jic.wasm.engine.EngineConfig;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;

/**
 * {@link MessageRouting#deliverBatch} with real signed ingress envelopes built as agents build them
 * (interface spec "Request ids" and "Authentication"): a content map hashed with the
 * representation-independent hash, signed with Ed25519 over {@code "\x0Aic-request" || request_id},
 * CBOR with the self-describe tag, sender = the key's self-authenticating principal. Checks the
 * request id the state records, the caller identity reaching the management canister, duplicate
 * and expired envelopes, undecodable bytes and non-call envelopes in a batch, and wrong heights.
 */
class DeliverBatchEnvelopeTest {
  static final ChicoryEngine ENGINE = new ChicoryEngine(EngineConfig.defaults());
  /** RFC 8410 SubjectPublicKeyInfo prefix of an Ed25519 key (interface spec, "Ed25519 and ECDSA signatures"). */
  static final byte[] ED25519_DER_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  /** A fixed Ed25519 identity (seed 0x01..0x20). */
  static final class Signer {
    final Ed25519PrivateKeyParameters key;
    final byte[] der;
    final PrincipalId principal;

    Signer() {
      byte[] seed = new byte[32];
      for (int i = 0; i < 32; i++) {
        seed[i] = (byte) (i + 1);
      }
      key = new Ed25519PrivateKeyParameters(seed, 0);
      byte[] pub = key.generatePublicKey().getEncoded();
      der = new byte[ED25519_DER_PREFIX.length + 32];
      System.arraycopy(ED25519_DER_PREFIX, 0, der, 0, ED25519_DER_PREFIX.length);
      System.arraycopy(pub, 0, der, ED25519_DER_PREFIX.length, 32);
      principal = PrincipalId.selfAuthenticating(der);
    }

    byte[] sign(RequestId id) {
      Ed25519Signer s = new Ed25519Signer();
      s.init(true, key);
      byte[] msg = concat(Sha.domainSeparator("ic-request"), id.toBytes());
      s.update(msg, 0, msg.length);
      return s.generateSignature();
    }
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  record Signed(RequestId id, byte[] envelope, long expiry) {
    IngressMessage message() {
      return new IngressMessage(IngressId.of(id.toBytes()), new Time(expiry), envelope);
    }
  }

  static Signed call(Signer who, String type, CanisterId canister, String method, byte[] arg, long expiry) {
    TreeMap<String, HashValue> m = new TreeMap<>();
    m.put("request_type", new HashValue.Text(type));
    m.put("sender", new HashValue.Blob(who.principal.toBytes()));
    m.put("ingress_expiry", HashValue.Nat.ofUnsigned(expiry));
    m.put("canister_id", new HashValue.Blob(canister.principal().toBytes()));
    m.put("method_name", new HashValue.Text(method));
    m.put("arg", new HashValue.Blob(arg));
    m.put("nonce", new HashValue.Blob(new byte[] {(byte) method.length(), (byte) arg.length}));
    RequestId id = RequestId.ofContent(m);
    CBORObject env = CBORObject.NewOrderedMap();
    env.Add("content", HashValueCbor.mapToCbor(m));
    env.Add("sender_pubkey", who.der);
    env.Add("sender_sig", who.sign(id));
    return new Signed(id, Cbor.encodeWithSelfDescribeTag(env), expiry);
  }

  private static Batch batch(MessageRouting r, long time, List<IngressMessage> ingress) {
    byte[] rand = Sha.sha256(Long.toString(r.expectedBatchHeight().value()).getBytes());
    return new Batch(r.expectedBatchHeight(), new Time(time), rand, Sha.sha256(rand), ingress);
  }

  @Test
  void signedEnvelopesFlowThroughDeliverBatch() throws Exception {
    Signer alice = new Signer();
    try (InProcessSubnet s = InProcessSubnet.application(ENGINE, SchedulerConfig.defaults(1))) {
      MessageRouting routing = s.routing();
      CanisterId t = Tiny.install(s);
      long now = s.time() + 1_000_000_000L;
      long expiry = now + 240_000_000_000L;

      Signed ping = call(alice, "call", t, "ping", new byte[0], expiry);
      assertEquals(MessageRouting.DeliveryResult.DELIVERED, routing.deliverBatch(batch(routing, now,
          List.of(ping.message()))));
      IngressStatus st = s.state().ingressHistory().get(ping.id());
      for (int i = 0; i < 5 && !(st instanceof IngressStatus.Replied); i++) {
        routing.deliverBatch(batch(routing, now += 1_000_000, List.of()));
        st = s.state().ingressHistory().get(ping.id());
      }
      assertEquals(1, Tiny.counter(Tiny.replied(st)), "recorded under the agent's request id");

      // The same signed envelope again: already in the ingress history, not executed twice.
      routing.deliverBatch(batch(routing, now += 1_000_000, List.of(ping.message())));
      routing.deliverBatch(batch(routing, now += 1_000_000, List.of()));
      assertEquals(1, Tiny.counter(s, t));

      // Garbage, a query envelope and an expired call ride along with a valid call.
      Signed query = call(alice, "query", t, "get", new byte[0], expiry);
      Signed expired = call(alice, "call", t, "ping", new byte[] {1}, now - 1);
      Signed create = call(alice, "call", CanisterId.MANAGEMENT, "provisional_create_canister_with_cycles",
          Mgmt.provisionalCreate(), expiry);
      IngressMessage garbage = new IngressMessage(IngressId.of(new byte[32]), new Time(expiry), new byte[] {(byte) 0xa1,
          0x00});
      long height = routing.expectedBatchHeight().value();
      assertEquals(MessageRouting.DeliveryResult.DELIVERED, routing.deliverBatch(batch(routing, now += 1_000_000,
          List.of(garbage, query.message(), expired.message(), create.message()))));
      assertEquals(height + 1, routing.expectedBatchHeight().value());
      assertNull(s.state().ingressHistory().get(query.id()), "a query envelope is not an ingress message");
      assertNull(s.state().ingressHistory().get(expired.id()), "expired before the batch time");
      st = s.state().ingressHistory().get(create.id());
      for (int i = 0; i < 5 && !(st instanceof IngressStatus.Replied); i++) {
        routing.deliverBatch(batch(routing, now += 1_000_000, List.of()));
        st = s.state().ingressHistory().get(create.id());
      }
      CanisterId created = Mgmt.created(Tiny.replied(st));
      assertEquals(List.of(alice.principal), s.state().canister(created).system().settings().controllers(),
          "the signer's self-authenticating principal is the caller");
      assertEquals(1, Tiny.counter(s, t), "the expired ping never ran");

      // A batch at the wrong height changes nothing.
      Height expected = routing.expectedBatchHeight();
      byte[] digest = s.digest();
      assertEquals(MessageRouting.DeliveryResult.WRONG_HEIGHT, routing.deliverBatch(new Batch(new Height(
          expected.value() + 5), new Time(now + 1), new byte[32], new byte[32], List.of(ping.message()))));
      assertEquals(expected, routing.expectedBatchHeight());
      assertEquals(HexFormat.of().formatHex(digest), HexFormat.of().formatHex(s.digest()));
      assertInstanceOf(IngressStatus.class, s.state().ingressHistory().get(ping.id()));
    }
  }
}
