package dev.jic.crypto.auth;

import static dev.jic.crypto.auth.SignedRequests.CANISTER;
import static dev.jic.crypto.auth.SignedRequests.MINUTE;
import static dev.jic.crypto.auth.SignedRequests.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import dev.jic.crypto.auth.SignedRequests.Link;
import dev.jic.crypto.sig.VerifiedSignatureCache;
import dev.jic.types.cbor.Cbor;
import dev.jic.types.hash.HashValue;
import dev.jic.types.id.CanisterId;
import dev.jic.types.messages.HttpRequestEnvelope;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The authenticator's verified-signature cache remembers only the cryptographic check: every
 * check that depends on time or on the request still runs when the signatures are cache hits.
 */
class RequestAuthenticatorCacheTest {
  private final VerifiedSignatureCache cache = new VerifiedSignatureCache(64);
  private final RequestAuthenticator auth = new RequestAuthenticator(cache);
  private final TestIdentity alice = TestIdentity.ed25519(1);
  private final TestIdentity bob = TestIdentity.ed25519(2);

  private AuthResult.Authenticated ok(HttpRequestEnvelope env, long now) {
    AuthResult r = auth.authenticate(env, now);
    return assertInstanceOf(AuthResult.Authenticated.class, r, r::toString);
  }

  private void rejected(HttpRequestEnvelope env, long now, AuthRejectCode code) {
    AuthResult.Rejected rej = assertInstanceOf(AuthResult.Rejected.class, auth.authenticate(env, now));
    assertEquals(code, rej.code(), rej.message());
  }

  @Test
  void repeatedEnvelopeIsAcceptedFromTheCacheButStillExpires() {
    HttpRequestEnvelope env = SignedRequests.signed("query", alice, NOW + MINUTE);
    ok(env, NOW);
    assertEquals(1, cache.size());
    ok(env, NOW + 30_000_000_000L); // a hit
    assertEquals(1, cache.size());
    rejected(env, NOW + MINUTE + 1, AuthRejectCode.INGRESS_EXPIRED);
    // far in the past, the same envelope's expiry is too far ahead
    rejected(env, NOW - 10 * MINUTE, AuthRejectCode.INGRESS_EXPIRY_TOO_FAR);
  }

  @Test
  void cachedDelegationStillExpires() {
    List<Link> chain = List.of(Link.to(bob, NOW + MINUTE));
    byte[] body = SignedRequests.signedBody(SignedRequests.content("query", alice.principal(), NOW + 5 * MINUTE), alice, chain, bob);
    HttpRequestEnvelope env = SignedRequests.parse(body);
    ok(env, NOW);
    assertEquals(2, cache.size()); // the delegation and the request signature
    ok(env, NOW + MINUTE);
    rejected(env, NOW + MINUTE + 1, AuthRejectCode.DELEGATION_EXPIRED);
  }

  @Test
  void cachedDelegationStillRestrictsTargetsAndPermissions() {
    CanisterId other = CanisterId.fromU64(8);
    Link link = Link.to(bob, NOW + MINUTE).targets(CANISTER).permissions("queries");
    ok(delegatedTo(CANISTER, "query", link), NOW);
    // the same signed delegation (a cache hit) on a request to another canister, and on a call
    rejected(delegatedTo(other, "query", link), NOW, AuthRejectCode.TARGET_NOT_ALLOWED);
    rejected(delegatedTo(CANISTER, "call", link), NOW, AuthRejectCode.QUERIES_ONLY_DELEGATION);
  }

  @Test
  void cachedSignatureDoesNotHideASenderMismatch() {
    byte[] body = SignedRequests.signedBody(SignedRequests.content("query", alice.principal(), NOW + MINUTE), alice, List.of(), alice);
    ok(SignedRequests.parse(body), NOW);
    // the same key and signature under another sender: rejected before any signature check
    CBORObject env = decode(body);
    env.get("content").set("sender", CBORObject.FromObject(bob.principal().toBytes()));
    rejected(SignedRequests.parse(Cbor.encodeWithSelfDescribeTag(env)), NOW, AuthRejectCode.SENDER_MISMATCH);
    // the same content and key with another (wrong) signature
    CBORObject wrongSig = decode(body);
    byte[] sig = wrongSig.get("sender_sig").GetByteString();
    sig[5] ^= 1;
    wrongSig.set("sender_sig", CBORObject.FromObject(sig));
    rejected(SignedRequests.parse(Cbor.encodeWithSelfDescribeTag(wrongSig)), NOW, AuthRejectCode.INVALID_SIGNATURE);
  }

  @Test
  void rejectedSignaturesAreNotRemembered() {
    byte[] body = SignedRequests.signedBody(SignedRequests.content("call", alice.principal(), NOW + MINUTE), alice, List.of(), bob);
    rejected(SignedRequests.parse(body), NOW, AuthRejectCode.INVALID_SIGNATURE);
    rejected(SignedRequests.parse(body), NOW, AuthRejectCode.INVALID_SIGNATURE);
    assertEquals(0, cache.size());
  }

  @Test
  void authenticatorsDoNotShareCaches() {
    HttpRequestEnvelope env = SignedRequests.signed("query", alice, NOW + MINUTE);
    ok(env, NOW);
    RequestAuthenticator other = new RequestAuthenticator(new VerifiedSignatureCache(64));
    assertTrue(other.authenticate(env, NOW) instanceof AuthResult.Authenticated);
    assertEquals(1, cache.size());
  }

  private HttpRequestEnvelope delegatedTo(CanisterId canister, String type, Link link) {
    TreeMap<String, HashValue> content = SignedRequests.content(type, alice.principal(), NOW + MINUTE);
    content.put("canister_id", new HashValue.Blob(canister.toBytes()));
    return SignedRequests.parse(SignedRequests.signedBody(content, alice, List.of(link), bob));
  }

  private static CBORObject decode(byte[] body) {
    try {
      return Cbor.decode(body);
    } catch (dev.jic.types.encoding.DecodeException e) {
      throw new AssertionError(e);
    }
  }
}
