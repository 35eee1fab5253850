package dev.jic.crypto.sig;

import static dev.jic.crypto.sig.RecentDigestTable.updateLengthPrefixed;

import dev.jic.crypto.bls.BlsPublicKey;
import dev.jic.types.hash.Sha;
import java.security.MessageDigest;

/**
 * A bounded, thread-safe memo of <em>successful</em> signature verifications: a
 * {@link SignatureVerifier} in front of which repeated (key, message, signature) triples are
 * answered {@link VerificationResult#VALID} without redoing the public-key arithmetic.
 *
 * <p>Why: a client polling the same query sends byte-identical envelopes (agent-js queries carry
 * no nonce and round {@code ingress_expiry} to the minute; Ed25519 is deterministic), and a
 * delegation chain (Internet Identity) is re-sent on every request of a session. Verification is
 * a pure function of the scheme, the key, the message and the signature, so remembering a
 * {@code Valid} answer changes no outcome; everything that depends on time or on the request
 * (expiry, delegation targets and permissions, the sender-versus-key check) is the caller's and
 * still runs every time.
 *
 * <p>What is cached: only {@link VerificationResult.Valid}. An {@link VerificationResult.Invalid}
 * or {@link VerificationResult.Unsupported} answer is recomputed each time (nothing an attacker
 * sends can fill the cache without a valid signature). Each entry is the 32-byte SHA-256 of a
 * length-prefixed encoding of (scheme tag, DER key, message, signature), so a hit requires all four
 * to be identical (up to a SHA-256 collision). For a canister-signature key the root key the
 * answer was computed with is a fifth part of the digest (the answer depends on it and on nothing
 * else: {@link CanisterSignatureVerifier} reads no clock), so a cache shared between verifiers
 * with different root keys never answers for the wrong one, and a lookup without a root key
 * never hits (such lookups answer {@code Unsupported}, which is not cached).
 *
 * <p>Memory: a {@link RecentDigestTable} of {@code capacity} slots (a power of two), each holding
 * at most one 32-byte digest. No locks; a lost race only costs a later re-verification.
 * Thread-safe. Instances are independent (no static mutable state).
 */
public final class VerifiedSignatureCache {
  /** The default number of slots: 16,384 digests, about 1 MB. */
  public static final int DEFAULT_CAPACITY = 1 << 14;

  private static final byte[] DOMAIN = Sha.domainSeparator("jic-verified-signature");

  private final RecentDigestTable<Boolean> valid;

  /** A cache with {@link #DEFAULT_CAPACITY} slots. */
  public VerifiedSignatureCache() {
    this(DEFAULT_CAPACITY);
  }

  /**
   * A cache with {@code capacity} slots.
   *
   * @throws IllegalArgumentException unless {@code capacity} is a power of two in 2..2^20
   */
  public VerifiedSignatureCache(int capacity) {
    this.valid = new RecentDigestTable<>(capacity);
  }

  /** The number of slots (the most digests held at once). */
  public int capacity() {
    return valid.capacity();
  }

  /**
   * {@link SignatureVerifier#verify(UserPublicKey, byte[], byte[])} (no root key: canister
   * signatures are {@code Unsupported}), answered from the cache when the same triple verified
   * before. Never throws on bad input.
   */
  public VerificationResult verify(UserPublicKey key, byte[] message, byte[] signature) {
    return verify(key, message, signature, null);
  }

  /**
   * {@link SignatureVerifier#verify(UserPublicKey, byte[], byte[], BlsPublicKey)} with
   * {@code rootKey} (may be null) as the root of trust for canister signatures, answered from the
   * cache when the same triple (and, for a canister signature, the same root key) verified before.
   * Never throws on bad input.
   */
  public VerificationResult verify(UserPublicKey key, byte[] message, byte[] signature, BlsPublicKey rootKey) {
    byte[] digest = digest(key, message, signature, rootKey);
    if (valid.get(digest) != null) {
      return VerificationResult.VALID;
    }
    VerificationResult r = SignatureVerifier.verify(key, message, signature, rootKey);
    if (r instanceof VerificationResult.Valid) {
      valid.put(digest, Boolean.TRUE);
    }
    return r;
  }

  /** True if the triple is currently remembered as valid without a root key (for tests and metrics). */
  public boolean contains(UserPublicKey key, byte[] message, byte[] signature) {
    return contains(key, message, signature, null);
  }

  /** True if the triple is currently remembered as valid under {@code rootKey} (for tests and metrics). */
  public boolean contains(UserPublicKey key, byte[] message, byte[] signature, BlsPublicKey rootKey) {
    return valid.get(digest(key, message, signature, rootKey)) != null;
  }

  /** How many digests are held (O(capacity); for tests and metrics). */
  public int size() {
    return valid.size();
  }

  private static byte[] digest(UserPublicKey key, byte[] message, byte[] signature, BlsPublicKey rootKey) {
    MessageDigest md = Sha.sha256Digest();
    md.update(DOMAIN);
    md.update(schemeTag(key));
    updateLengthPrefixed(md, key.der());
    updateLengthPrefixed(md, message);
    updateLengthPrefixed(md, signature);
    if (key instanceof UserPublicKey.CanisterSignature) {
      // The answer depends on the root of trust: it is part of the entry (empty: none given).
      updateLengthPrefixed(md, rootKey == null ? new byte[0] : rootKey.toBytes());
    }
    return md.digest();
  }

  private static byte schemeTag(UserPublicKey key) {
    return switch (key) {
      case UserPublicKey.Ed25519 k -> 1;
      case UserPublicKey.EcdsaP256 k -> 2;
      case UserPublicKey.EcdsaSecp256k1 k -> 3;
      case UserPublicKey.WebAuthn k -> 4;
      case UserPublicKey.CanisterSignature k -> 5;
    };
  }
}
