package dev.jic.crypto.auth;

import static dev.jic.crypto.auth.SignedRequests.CANISTER;
import static dev.jic.crypto.auth.SignedRequests.MINUTE;
import static dev.jic.crypto.auth.SignedRequests.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import dev.jic.crypto.auth.SignedRequests.Link;
import dev.jic.types.cbor.Cbor;
import dev.jic.types.hash.HashValue;
import dev.jic.types.hash.HashValueCbor;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.messages.HttpRequestEnvelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RequestAuthenticatorTest {
  private final RequestAuthenticator auth = new RequestAuthenticator();
  private final TestIdentity alice = TestIdentity.ed25519(1);
  private final TestIdentity bob = TestIdentity.ed25519(2);
  private final TestIdentity carol = TestIdentity.ed25519(3);

  private AuthResult.Authenticated ok(HttpRequestEnvelope env) {
    AuthResult r = auth.authenticate(env, NOW);
    return assertInstanceOf(AuthResult.Authenticated.class, r, () -> r.toString());
  }

  private void rejected(HttpRequestEnvelope env, AuthRejectCode code) {
    AuthResult r = auth.authenticate(env, NOW);
    AuthResult.Rejected rej = assertInstanceOf(AuthResult.Rejected.class, r);
    assertEquals(code, rej.code(), rej.message());
  }

  @Test
  void ed25519CallQueryReadState() {
    for (String t : List.of("call", "query", "read_state")) {
      var a = ok(SignedRequests.signed(t, alice, NOW + MINUTE));
      assertEquals(alice.principal(), a.sender().principal());
      assertEquals(CanisterTargets.all(), a.targets());
    }
  }

  @Test
  void ecdsaSecp256k1AndP256BothSNormalisations() {
    for (String curve : List.of("secp256k1", "secp256r1")) {
      TestIdentity.Ecdsa id = TestIdentity.ecdsa(curve, 123456789L);
      ok(SignedRequests.signed("call", id, NOW + MINUTE));
      id.highS = true; // the IC verifies "with malleability": high s is accepted too
      ok(SignedRequests.signed("call", id, NOW + MINUTE));
    }
  }

  @Test
  void wrongSender() {
    var body = SignedRequests.signedBody(SignedRequests.content("call", bob.principal(), NOW + MINUTE), alice, List.of(), alice);
    rejected(SignedRequests.parse(body), AuthRejectCode.SENDER_MISMATCH);
  }

  @Test
  void badSignature() {
    var body = SignedRequests.signedBody(SignedRequests.content("call", alice.principal(), NOW + MINUTE), alice, List.of(), bob);
    rejected(SignedRequests.parse(body), AuthRejectCode.INVALID_SIGNATURE);
  }

  @Test
  void tamperedContentChangesRequestIdAndFails() {
    var body = SignedRequests.signedBody(SignedRequests.content("call", alice.principal(), NOW + MINUTE), alice, List.of(), alice);
    CBORObject env = decode(body);
    env.get("content").set("method_name", CBORObject.FromObject("steal"));
    rejected(SignedRequests.parse(Cbor.encodeWithSelfDescribeTag(env)), AuthRejectCode.INVALID_SIGNATURE);
  }

  @Test
  void missingSignature() {
    var body = SignedRequests.signedBody(SignedRequests.content("call", alice.principal(), NOW + MINUTE), alice, List.of(), alice);
    CBORObject env = decode(body);
    env.Remove(CBORObject.FromObject("sender_sig"));
    rejected(SignedRequests.parse(Cbor.encodeWithSelfDescribeTag(env)), AuthRejectCode.MISSING_PUBKEY_OR_SIGNATURE);
  }

  @Test
  void expiryWindow() {
    rejected(SignedRequests.signed("call", alice, NOW - 1), AuthRejectCode.INGRESS_EXPIRED);
    ok(SignedRequests.signed("call", alice, NOW));
    long limit = NOW + 5 * MINUTE + 30_000_000_000L; // MAX_INGRESS_TTL + PERMITTED_DRIFT_AT_VALIDATOR
    ok(SignedRequests.signed("call", alice, limit));
    rejected(SignedRequests.signed("call", alice, limit + 1), AuthRejectCode.INGRESS_EXPIRY_TOO_FAR);
    rejected(SignedRequests.signed("query", alice, NOW - 1), AuthRejectCode.INGRESS_EXPIRED);
  }

  @Test
  void anonymousRules() {
    ok(anonymous("call", NOW + MINUTE));
    rejected(anonymous("call", NOW - 1), AuthRejectCode.INGRESS_EXPIRED);
    // anonymous query and read_state may carry any expiry (spec 0.29)
    ok(anonymous("query", 0));
    ok(anonymous("read_state", NOW + 100 * MINUTE));
    // anonymous with a key and signature
    var body = SignedRequests.signedBody(SignedRequests.content("call", PrincipalId.ANONYMOUS, NOW + MINUTE), alice, List.of(), alice);
    rejected(SignedRequests.parse(body), AuthRejectCode.ANONYMOUS_WITH_CREDENTIALS);
  }

  private static HttpRequestEnvelope anonymous(String type, long expiry) {
    TreeMap<String, HashValue> c = SignedRequests.content(type, PrincipalId.ANONYMOUS, expiry);
    return SignedRequests.parse(Cbor.encodeWithSelfDescribeTag(CBORObject.NewMap().Add("content", HashValueCbor.mapToCbor(c))));
  }

  @Test
  void delegationChains() {
    var one = ok(SignedRequests.delegated("call", alice, List.of(Link.to(bob, NOW + MINUTE))));
    assertEquals(alice.principal(), one.sender().principal());
    ok(SignedRequests.delegated("call", alice, List.of(Link.to(bob, NOW), Link.to(carol, NOW + MINUTE))));
    ok(SignedRequests.delegated("call", alice, List.of(Link.to(TestIdentity.ecdsa("secp256k1", 99), NOW + MINUTE))));
  }

  @Test
  void delegationExpired() {
    rejected(SignedRequests.delegated("call", alice, List.of(Link.to(bob, NOW - 1))), AuthRejectCode.DELEGATION_EXPIRED);
  }

  @Test
  void delegationSignedByWrongKey() {
    // bob -> carol, but the chain claims to start at alice
    var body = SignedRequests.signedBody(SignedRequests.content("call", alice.principal(), NOW + MINUTE), alice, List.of(), carol);
    CBORObject env = decode(body);
    env.Add("sender_delegation", SignedRequests.chain(bob, List.of(Link.to(carol, NOW + MINUTE))));
    rejected(SignedRequests.parse(Cbor.encodeWithSelfDescribeTag(env)), AuthRejectCode.INVALID_DELEGATION_SIGNATURE);
  }

  @Test
  void delegationTargets() {
    CanisterId other = CanisterId.fromU64(8);
    var a = ok(SignedRequests.delegated("call", alice, List.of(Link.to(bob, NOW + MINUTE).targets(CANISTER, other))));
    assertEquals(Set.of(CANISTER, other), a.targets().restrictedTo().orElseThrow());
    rejected(SignedRequests.delegated("call", alice, List.of(Link.to(bob, NOW + MINUTE).targets(other))), AuthRejectCode.TARGET_NOT_ALLOWED);
    // the intersection of two lists
    var b = ok(SignedRequests.delegated("query", alice,
        List.of(Link.to(bob, NOW + MINUTE).targets(CANISTER, other), Link.to(carol, NOW + MINUTE).targets(CANISTER))));
    assertEquals(Set.of(CANISTER), b.targets().restrictedTo().orElseThrow());
    rejected(SignedRequests.delegated("query", alice,
        List.of(Link.to(bob, NOW + MINUTE).targets(CANISTER), Link.to(carol, NOW + MINUTE).targets(other))), AuthRejectCode.TARGET_NOT_ALLOWED);
  }

  @Test
  void queriesOnlyPermission() {
    rejected(SignedRequests.delegated("call", alice, List.of(Link.to(bob, NOW + MINUTE).permissions("queries"))),
        AuthRejectCode.QUERIES_ONLY_DELEGATION);
    ok(SignedRequests.delegated("query", alice, List.of(Link.to(bob, NOW + MINUTE).permissions("queries"))));
    ok(SignedRequests.delegated("read_state", alice, List.of(Link.to(bob, NOW + MINUTE).permissions("queries"))));
    ok(SignedRequests.delegated("call", alice, List.of(Link.to(bob, NOW + MINUTE).permissions("all"))));
    rejected(SignedRequests.delegated("query", alice, List.of(Link.to(bob, NOW + MINUTE).permissions("everything"))),
        AuthRejectCode.INVALID_DELEGATION_PERMISSIONS);
  }

  @Test
  void chainLength() {
    List<Link> twenty = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      twenty.add(Link.to(TestIdentity.ed25519(10 + i), NOW + MINUTE));
    }
    ok(SignedRequests.delegated("call", alice, twenty));
    List<Link> twentyOne = new ArrayList<>(twenty);
    twentyOne.add(Link.to(TestIdentity.ed25519(40), NOW + MINUTE));
    rejected(SignedRequests.delegated("call", alice, twentyOne), AuthRejectCode.TOO_MANY_DELEGATIONS);
  }

  @Test
  void cyclesAndSelfDelegation() {
    rejected(SignedRequests.delegated("call", alice, List.of(Link.to(alice, NOW + MINUTE))), AuthRejectCode.DELEGATION_CYCLE);
    rejected(SignedRequests.delegated("call", alice, List.of(Link.to(bob, NOW + MINUTE), Link.to(alice, NOW + MINUTE))),
        AuthRejectCode.DELEGATION_CYCLE);
  }

  @Test
  void malformedKeys() {
    byte[] badDer = java.util.HexFormat.of().parseHex("302a300506032b657003210000");
    TestIdentity bad = new TestIdentity() {
      public byte[] der() {
        return badDer;
      }

      public byte[] sign(byte[] m) {
        return new byte[64];
      }
    };
    rejected(SignedRequests.signed("call", bad, NOW + MINUTE), AuthRejectCode.MALFORMED_PUBLIC_KEY);
    rejected(SignedRequests.delegated("call", alice, List.of(Link.to(bad, NOW + MINUTE))), AuthRejectCode.MALFORMED_PUBLIC_KEY);
  }

  @Test
  void canisterSignatureSenderIsRecognisedButUnsupported() {
    // SEQUENCE { SEQUENCE { OID 1.3.6.1.4.1.56387.1.2 }, BIT STRING 00 · 0a · canister id (10 B) }
    byte[] der = java.util.HexFormat.of().parseHex("301c300c060a2b0601040183b8430102030c00" + "0a" + "00000000000000070101");
    final byte[] d = der;
    TestIdentity cs = new TestIdentity() {
      public byte[] der() {
        return d;
      }

      public byte[] sign(byte[] m) {
        return new byte[] {1, 2, 3};
      }
    };
    rejected(SignedRequests.signed("call", cs, NOW + MINUTE), AuthRejectCode.UNSUPPORTED_SIGNATURE);
  }

  private static CBORObject decode(byte[] body) {
    try {
      return Cbor.decode(body);
    } catch (dev.jic.types.encoding.DecodeException e) {
      throw new AssertionError(e);
    }
  }
}
