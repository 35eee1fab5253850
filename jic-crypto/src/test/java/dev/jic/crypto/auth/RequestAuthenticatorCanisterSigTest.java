package dev.jic.crypto.auth;

import static dev.jic.crypto.auth.SignedRequests.MINUTE;
import static dev.jic.crypto.auth.SignedRequests.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import dev.jic.crypto.auth.SignedRequests.Link;
import dev.jic.crypto.sig.CanisterSigFixtures;
import dev.jic.crypto.sig.VerifiedSignatureCache;
import dev.jic.types.cbor.Cbor;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.HashValue;
import dev.jic.types.hash.Sha;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.messages.HttpRequestEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Canister signatures in request authentication: an Internet-Identity-shaped chain (the first
 * delegation signed by a canister-signature key, then an Ed25519 session key), canister signatures
 * as {@code sender_sig} and in {@code sender_info}, and the root key as the only trust anchor.
 */
class RequestAuthenticatorCanisterSigTest {
  private static final CanisterId II = CanisterId.fromU64(9);
  private final TestIdentity user = canisterSigner(II, "anchor 10000", false);
  private final TestIdentity session = TestIdentity.ed25519(5);
  private final RequestAuthenticator auth = new RequestAuthenticator(CanisterSigFixtures.ROOT.publicKey());

  /** A canister-signature identity: signs by certifying sig/H(seed)/H(message) (optionally via a delegation). */
  static TestIdentity canisterSigner(CanisterId cid, String seed, boolean delegated) {
    byte[] s = seed.getBytes(StandardCharsets.US_ASCII);
    return new TestIdentity() {
      public byte[] der() {
        return CanisterSigFixtures.der(cid, s);
      }

      public byte[] sign(byte[] message) {
        return delegated ? CanisterSigFixtures.signDelegated(cid, s, message) : CanisterSigFixtures.sign(cid, s, message);
      }
    };
  }

  private static AuthResult.Authenticated ok(RequestAuthenticator a, HttpRequestEnvelope env) {
    AuthResult r = a.authenticate(env, NOW);
    return assertInstanceOf(AuthResult.Authenticated.class, r, () -> r.toString());
  }

  private static AuthResult.Rejected rejected(RequestAuthenticator a, HttpRequestEnvelope env, AuthRejectCode code) {
    AuthResult r = a.authenticate(env, NOW);
    AuthResult.Rejected rej = assertInstanceOf(AuthResult.Rejected.class, r);
    assertEquals(code, rej.code(), rej.message());
    return rej;
  }

  @Test
  void internetIdentityShapedChainAuthenticatesAsTheCanisterSigPrincipal() {
    for (String type : List.of("call", "query", "read_state")) {
      var a = ok(auth, SignedRequests.delegated(type, user, List.of(Link.to(session, NOW + MINUTE))));
      assertEquals(PrincipalId.selfAuthenticating(user.der()), a.sender().principal());
    }
    // through a subnet delegation certificate too
    TestIdentity viaSubnet = canisterSigner(II, "anchor 10001", true);
    var a = ok(auth, SignedRequests.delegated("call", viaSubnet, List.of(Link.to(session, NOW + MINUTE))));
    assertEquals(PrincipalId.selfAuthenticating(viaSubnet.der()), a.sender().principal());
  }

  @Test
  void canisterSignatureAsSenderSig() {
    ok(auth, SignedRequests.signed("call", user, NOW + MINUTE));
  }

  @Test
  void withoutRootKeyCanisterSignaturesAreUnsupported() {
    var env = SignedRequests.delegated("call", user, List.of(Link.to(session, NOW + MINUTE)));
    var r = rejected(new RequestAuthenticator(), env, AuthRejectCode.UNSUPPORTED_SIGNATURE);
    assertTrue(r.message().contains("delegation 0"), r.message());
  }

  @Test
  void anotherRootKeyRejects() {
    var env = SignedRequests.delegated("call", user, List.of(Link.to(session, NOW + MINUTE)));
    var other = new RequestAuthenticator(CanisterSigFixtures.OTHER.publicKey());
    var r = rejected(other, env, AuthRejectCode.INVALID_DELEGATION_SIGNATURE);
    assertTrue(r.message().contains("canister signature"), r.message());
  }

  @Test
  void tamperedChainIsRejected() {
    byte[] body = SignedRequests.signedBody(SignedRequests.content("call", user.principal(), NOW + MINUTE), user,
        List.of(Link.to(session, NOW + MINUTE)), session);
    // a later expiration than the canister signed
    CBORObject env = decode(body);
    CBORObject d = env.get("sender_delegation").get(0).get("delegation");
    d.set("expiration", CBORObject.FromObject(NOW + 2 * MINUTE));
    rejected(auth, SignedRequests.parse(Cbor.encodeWithSelfDescribeTag(env)), AuthRejectCode.INVALID_DELEGATION_SIGNATURE);
    // another session key than the canister signed
    env = decode(body);
    env.get("sender_delegation").get(0).get("delegation").set("pubkey", CBORObject.FromObject(TestIdentity.ed25519(6).der()));
    rejected(auth, SignedRequests.parse(Cbor.encodeWithSelfDescribeTag(env)), AuthRejectCode.INVALID_DELEGATION_SIGNATURE);
    // one byte of the canister signature changed (the BLS signature inside the certificate)
    env = decode(body);
    byte[] sig = env.get("sender_delegation").get(0).get("signature").GetByteString();
    sig[sig.length - 20] ^= 1;
    env.get("sender_delegation").get(0).set("signature", CBORObject.FromObject(sig));
    rejected(auth, SignedRequests.parse(Cbor.encodeWithSelfDescribeTag(env)), AuthRejectCode.INVALID_DELEGATION_SIGNATURE);
    // a sender that is another seed's principal of the same canister
    TestIdentity sibling = canisterSigner(II, "anchor 10002", false);
    byte[] wrongSender = SignedRequests.signedBody(SignedRequests.content("call", sibling.principal(), NOW + MINUTE), user,
        List.of(Link.to(session, NOW + MINUTE)), session);
    rejected(auth, SignedRequests.parse(wrongSender), AuthRejectCode.SENDER_MISMATCH);
    // the key claims a different seed than the one the canister signed for
    byte[] swapped = SignedRequests.signedBody(SignedRequests.content("call", sibling.principal(), NOW + MINUTE), sibling,
        List.of(Link.to(session, NOW + MINUTE)), session);
    CBORObject e2 = decode(swapped);
    CBORObject good = decode(body);
    e2.get("sender_delegation").get(0).set("signature", good.get("sender_delegation").get(0).get("signature"));
    rejected(auth, SignedRequests.parse(Cbor.encodeWithSelfDescribeTag(e2)), AuthRejectCode.INVALID_DELEGATION_SIGNATURE);
  }

  @Test
  void senderInfoSigIsACanisterSignatureOverTheSeparatedInfo() {
    byte[] info = "attributes".getBytes(StandardCharsets.US_ASCII);
    byte[] signedInfo = SignedRequests.concat(Sha.domainSeparator("ic-sender-info"), info);
    assertEquals(15, Sha.domainSeparator("ic-sender-info").length, "spec: the 15 bytes \\x0Eic-sender-info");
    byte[] goodSig = user.sign(signedInfo);
    ok(auth, withSenderInfo(info, II, goodSig));
    // signed over the info without the separator: invalid
    rejected(auth, withSenderInfo(info, II, user.sign(info)), AuthRejectCode.INVALID_SENDER_INFO_SIGNATURE);
    // other info than signed
    rejected(auth, withSenderInfo("attributes!".getBytes(StandardCharsets.US_ASCII), II, goodSig), AuthRejectCode.INVALID_SENDER_INFO_SIGNATURE);
    // no root key: unsupported (the delegation already is)
    rejected(new RequestAuthenticator(), withSenderInfo(info, II, goodSig), AuthRejectCode.UNSUPPORTED_SIGNATURE);
  }

  private HttpRequestEnvelope withSenderInfo(byte[] info, CanisterId signer, byte[] sig) {
    TreeMap<String, HashValue> content = SignedRequests.content("call", user.principal(), NOW + MINUTE);
    TreeMap<String, HashValue> si = new TreeMap<>();
    si.put("info", new HashValue.Blob(info));
    si.put("signer", new HashValue.Blob(signer.toBytes()));
    si.put("sig", new HashValue.Blob(sig));
    content.put("sender_info", new HashValue.MapValue(si));
    return SignedRequests.parse(SignedRequests.signedBody(content, user, List.of(Link.to(session, NOW + MINUTE)), session));
  }

  @Test
  void cacheEntriesAreBoundToTheRootKey() {
    var cache = new VerifiedSignatureCache(64);
    var env = SignedRequests.delegated("call", user, List.of(Link.to(session, NOW + MINUTE)));
    ok(new RequestAuthenticator(CanisterSigFixtures.ROOT.publicKey(), cache), env);
    assertEquals(2, cache.size(), "the canister-signed delegation and the session's sender_sig");
    ok(new RequestAuthenticator(CanisterSigFixtures.ROOT.publicKey(), cache), env); // a hit
    // the same cache behind another root key, or no root key, does not answer for ROOT
    rejected(new RequestAuthenticator(CanisterSigFixtures.OTHER.publicKey(), cache), env, AuthRejectCode.INVALID_DELEGATION_SIGNATURE);
    rejected(new RequestAuthenticator(cache), env, AuthRejectCode.UNSUPPORTED_SIGNATURE);
    assertEquals(2, cache.size());
  }

  private static CBORObject decode(byte[] body) {
    try {
      return Cbor.decode(body);
    } catch (DecodeException e) {
      throw new AssertionError(e);
    }
  }
}
