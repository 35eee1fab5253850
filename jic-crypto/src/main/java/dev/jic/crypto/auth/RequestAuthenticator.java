package dev.jic.crypto.auth;

import dev.jic.crypto.bls.BlsPublicKey;
import dev.jic.crypto.sig.DerPublicKeys;
import dev.jic.crypto.sig.UserPublicKey;
import dev.jic.crypto.sig.VerificationResult;
import dev.jic.crypto.sig.VerifiedSignatureCache;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.Sha;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.messages.Blob;
import dev.jic.types.messages.CallContent;
import dev.jic.types.messages.CanisterRequestContent;
import dev.jic.types.messages.Delegation;
import dev.jic.types.messages.HttpRequestEnvelope;
import dev.jic.types.messages.ReadStateContent;
import dev.jic.types.messages.RequestContent;
import dev.jic.types.messages.SenderInfo;
import dev.jic.types.messages.SignedDelegation;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates parsed request envelopes (interface spec §Authentication; digest §1.3, §1.5,
 * §3.3) against an injected "now" (ns since the epoch); it never reads the wall clock.
 *
 * <p>Checks, in order: the {@code ingress_expiry} window {@code now ≤ expiry ≤ now + 5 min + 30 s}
 * (the IC validator's {@code MAX_INGRESS_TTL + PERMITTED_DRIFT_AT_VALIDATOR}; anonymous
 * query and read_state requests are exempt); the anonymous rules (no key, signature or
 * delegation); presence of both key and signature otherwise; the DER key; {@code sender ==
 * selfAuthenticating(sender_pubkey)}; {@code sender_info} only with a canister-signature key of
 * the same canister; the delegation chain (at most 20, every key distinct, every expiration
 * {@code ≥ now}, permissions "queries"/"all"/absent, each signed by the previous key over
 * {@code "\x1Aic-request-auth-delegation" · hash_of_map(delegation)}); the request signature by
 * the last key over {@code "\x0Aic-request" · request_id}; {@code sender_info}'s {@code sig}, a
 * canister signature by {@code sender_pubkey} over {@code "\x0Eic-sender-info" · info}; the
 * canister id against the targets; and that a "queries" chain does not carry a call.
 *
 * <p>Canister signatures (Internet Identity signs the first delegation of every login with one)
 * are verified against the root key given at construction ({@link
 * dev.jic.crypto.sig.CanisterSignatureVerifier}), wherever they occur: {@code sender_sig}, any
 * delegation and {@code sender_info}. An authenticator built without a root key rejects them with
 * {@link AuthRejectCode#UNSUPPORTED_SIGNATURE}.
 *
 * <p>Signature checks go through an instance-owned {@link VerifiedSignatureCache}: a
 * (key, message, signature) triple that verified before is not verified again (for canister
 * signatures the cache entry also names the root key, see its javadoc). Only the
 * cryptographic check is remembered; every other check above (expiry, anonymous rules, sender
 * versus key, delegation expiry, permissions, cycles and targets, queries-only) runs on every
 * call, so an envelope that was accepted once is rejected later when it has expired.
 *
 * <p>Bad input never throws: the result is {@link AuthResult.Rejected} with a code and a message.
 * Thread-safe; the only state is the cache, which never changes an outcome.
 */
public final class RequestAuthenticator {

  /** At most this many delegations in a chain. */
  public static final int MAX_DELEGATIONS = 20;
  /** {@code MAX_INGRESS_TTL} of the IC: 5 minutes, in ns. */
  public static final long MAX_INGRESS_TTL_NANOS = 5L * 60 * 1_000_000_000L;
  /** {@code PERMITTED_DRIFT_AT_VALIDATOR} of the IC: 30 s, in ns. */
  public static final long PERMITTED_DRIFT_NANOS = 30L * 1_000_000_000L;

  private static final byte[] REQUEST_SEPARATOR = Sha.domainSeparator("ic-request");
  private static final byte[] DELEGATION_SEPARATOR = Sha.domainSeparator("ic-request-auth-delegation");
  private static final byte[] SENDER_INFO_SEPARATOR = Sha.domainSeparator("ic-sender-info");

  private final VerifiedSignatureCache verified;
  /** The root of trust for canister signatures; null: they are rejected as unsupported. */
  private final BlsPublicKey rootKey;

  /**
   * An authenticator with the IC's limits and a cache of {@link VerifiedSignatureCache#DEFAULT_CAPACITY},
   * without a root key: canister signatures are rejected as unsupported.
   */
  public RequestAuthenticator() {
    this(new VerifiedSignatureCache());
  }

  /** As {@link #RequestAuthenticator()}, remembering valid signatures in {@code verified}. */
  public RequestAuthenticator(VerifiedSignatureCache verified) {
    this.verified = Objects.requireNonNull(verified, "verified");
    this.rootKey = null;
  }

  /**
   * An authenticator with the IC's limits and a default cache that verifies canister signatures
   * against {@code rootKey} (the node's IC root key, the trust anchor of certificates).
   */
  public RequestAuthenticator(BlsPublicKey rootKey) {
    this(rootKey, new VerifiedSignatureCache());
  }

  /** As {@link #RequestAuthenticator(BlsPublicKey)}, remembering valid signatures in {@code verified}. */
  public RequestAuthenticator(BlsPublicKey rootKey, VerifiedSignatureCache verified) {
    this.verified = Objects.requireNonNull(verified, "verified");
    this.rootKey = Objects.requireNonNull(rootKey, "rootKey");
  }

  /** The root key canister signatures are verified against, if any. */
  public Optional<BlsPublicKey> rootKey() {
    return Optional.ofNullable(rootKey);
  }

  /**
   * Authenticates {@code envelope} at time {@code nowNanos} (unsigned ns since the epoch).
   *
   * @return {@link AuthResult.Authenticated} with the sender and its canister targets, or
   *     {@link AuthResult.Rejected}
   */
  public AuthResult authenticate(HttpRequestEnvelope envelope, long nowNanos) {
    RequestContent content = envelope.content();
    PrincipalId sender = content.sender().principal();
    boolean anonymous = sender.isAnonymous();

    boolean expiryExempt = anonymous && !(content instanceof CallContent);
    if (!expiryExempt) {
      AuthResult.Rejected r = checkExpiry(content.ingressExpiry(), nowNanos);
      if (r != null) {
        return r;
      }
    }

    if (anonymous) {
      if (envelope.senderPubkey().isPresent() || envelope.senderSig().isPresent() || envelope.hadDelegationField()) {
        return reject(AuthRejectCode.ANONYMOUS_WITH_CREDENTIALS,
            "the anonymous sender must not carry sender_pubkey, sender_sig or sender_delegation");
      }
      if (content instanceof CanisterRequestContent c && c.senderInfo().isPresent()) {
        return reject(AuthRejectCode.SENDER_INFO_NOT_ALLOWED, "sender_info requires a canister-signature sender key");
      }
      return new AuthResult.Authenticated(content.sender(), CanisterTargets.all());
    }

    if (envelope.senderPubkey().isEmpty() || envelope.senderSig().isEmpty()) {
      return reject(AuthRejectCode.MISSING_PUBKEY_OR_SIGNATURE,
          "missing pubkey or signature: a non-anonymous sender needs both sender_pubkey and sender_sig");
    }
    UserPublicKey senderKey;
    try {
      senderKey = DerPublicKeys.parse(envelope.senderPubkey().get().toBytes());
    } catch (DecodeException e) {
      return reject(AuthRejectCode.MALFORMED_PUBLIC_KEY, "sender_pubkey: " + e.getMessage());
    }
    PrincipalId expected = senderKey.selfAuthenticatingPrincipal();
    if (!expected.equals(sender)) {
      return reject(AuthRejectCode.SENDER_MISMATCH,
          "sender " + sender + " is not the self-authenticating id " + expected + " of sender_pubkey");
    }
    if (content instanceof CanisterRequestContent c && c.senderInfo().isPresent()) {
      if (!(senderKey instanceof UserPublicKey.CanisterSignature cs)
          || !cs.signingCanister().principal().equals(c.senderInfo().get().signer())) {
        return reject(AuthRejectCode.SENDER_INFO_NOT_ALLOWED,
            "sender_info is only allowed with a canister-signature sender key whose canister is the signer");
      }
    }

    var chain = envelope.senderDelegation();
    if (chain.size() > MAX_DELEGATIONS) {
      return reject(AuthRejectCode.TOO_MANY_DELEGATIONS,
          "sender_delegation has " + chain.size() + " delegations, more than " + MAX_DELEGATIONS);
    }
    CanisterTargets targets = CanisterTargets.all();
    boolean queriesOnly = false;
    Set<Blob> seenKeys = new HashSet<>(); // membership only, never iterated
    seenKeys.add(envelope.senderPubkey().get());
    UserPublicKey current = senderKey;
    for (int i = 0; i < chain.size(); i++) {
      SignedDelegation sd = chain.get(i);
      Delegation d = sd.delegation();
      if (Long.compareUnsigned(d.expiration(), nowNanos) < 0) {
        return reject(AuthRejectCode.DELEGATION_EXPIRED, "delegation " + i + " expired at "
            + Long.toUnsignedString(d.expiration()) + " ns, now is " + Long.toUnsignedString(nowNanos));
      }
      if (d.permissions().isPresent()) {
        String p = d.permissions().get();
        if (p.equals(Delegation.PERMISSIONS_QUERIES)) {
          queriesOnly = true;
        } else if (!p.equals(Delegation.PERMISSIONS_ALL)) {
          return reject(AuthRejectCode.INVALID_DELEGATION_PERMISSIONS,
              "delegation " + i + " has permissions \"" + abbreviate(p) + "\"; only \"queries\" and \"all\" are valid");
        }
      }
      if (!seenKeys.add(d.pubkey())) {
        return reject(AuthRejectCode.DELEGATION_CYCLE, "delegation " + i + " delegates to a key already in the chain");
      }
      if (d.targets().isPresent()) {
        targets = targets.intersect(d.targets().get());
      }
      UserPublicKey next;
      try {
        next = DerPublicKeys.parse(d.pubkey().toBytes());
      } catch (DecodeException e) {
        return reject(AuthRejectCode.MALFORMED_PUBLIC_KEY, "delegation " + i + " pubkey: " + e.getMessage());
      }
      VerificationResult v = verified.verify(current, concat(DELEGATION_SEPARATOR, d.signedHash()), sd.signature().toBytes(), rootKey);
      AuthResult.Rejected r = fromVerification(v, AuthRejectCode.INVALID_DELEGATION_SIGNATURE, "delegation " + i + " signature");
      if (r != null) {
        return r;
      }
      current = next;
    }

    VerificationResult v = verified.verify(
        current, concat(REQUEST_SEPARATOR, content.requestId().toBytes()), envelope.senderSig().get().toBytes(), rootKey);
    AuthResult.Rejected r = fromVerification(v, AuthRejectCode.INVALID_SIGNATURE, "sender_sig");
    if (r != null) {
      return r;
    }
    if (content instanceof CanisterRequestContent c && c.senderInfo().isPresent()) {
      // The key is a canister-signature key of the signer (checked above); spec: sig "must verify
      // using sender_pubkey as the canister signature public key".
      SenderInfo info = c.senderInfo().get();
      VerificationResult s = verified.verify(senderKey, concat(SENDER_INFO_SEPARATOR, info.info().toBytes()), info.sig().toBytes(), rootKey);
      r = fromVerification(s, AuthRejectCode.INVALID_SENDER_INFO_SIGNATURE, "sender_info sig");
      if (r != null) {
        return r;
      }
    }

    if (content instanceof CanisterRequestContent c && !targets.contains(c.canisterId())) {
      return reject(AuthRejectCode.TARGET_NOT_ALLOWED,
          "canister " + c.canisterId() + " is not among the delegation targets");
    }
    if (queriesOnly && content instanceof CallContent) {
      return reject(AuthRejectCode.QUERIES_ONLY_DELEGATION,
          "a delegation with permissions \"queries\" does not allow update calls");
    }
    assert content instanceof CanisterRequestContent || content instanceof ReadStateContent;
    return new AuthResult.Authenticated(content.sender(), targets);
  }

  private static AuthResult.Rejected checkExpiry(long expiry, long now) {
    if (Long.compareUnsigned(expiry, now) < 0) {
      return reject(AuthRejectCode.INGRESS_EXPIRED, "ingress_expiry " + Long.toUnsignedString(expiry)
          + " ns is in the past (now " + Long.toUnsignedString(now) + " ns)");
    }
    long max = now + MAX_INGRESS_TTL_NANOS + PERMITTED_DRIFT_NANOS;
    if (Long.compareUnsigned(max, now) < 0) {
      max = -1L; // saturate at u64::MAX
    }
    if (Long.compareUnsigned(expiry, max) > 0) {
      return reject(AuthRejectCode.INGRESS_EXPIRY_TOO_FAR, "ingress_expiry " + Long.toUnsignedString(expiry)
          + " ns is more than 5 min 30 s after now (" + Long.toUnsignedString(now) + " ns)");
    }
    return null;
  }

  private static AuthResult.Rejected fromVerification(VerificationResult v, AuthRejectCode invalidCode, String what) {
    return switch (v) {
      case VerificationResult.Valid ok -> null;
      case VerificationResult.Invalid bad -> reject(invalidCode, what + ": " + bad.reason());
      case VerificationResult.Unsupported u -> reject(AuthRejectCode.UNSUPPORTED_SIGNATURE, what + ": " + u.reason());
    };
  }

  private static AuthResult.Rejected reject(AuthRejectCode code, String message) {
    return new AuthResult.Rejected(code, message);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
