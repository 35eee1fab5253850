package dev.jic.crypto.sig;

import dev.jic.types.hash.Sha;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

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
 * to be identical (up to a SHA-256 collision).
 *
 * <p>Memory: a direct-mapped table of {@code capacity} slots (a power of two), each holding at
 * most one 32-byte digest; a new entry evicts whatever shared its slot. No locks: slots are read
 * and written with volatile semantics, and a lost race only costs a later re-verification.
 * Thread-safe. Instances are independent (no static mutable state).
 */
public final class VerifiedSignatureCache {
  /** The default number of slots: 16,384 digests, about 1 MB. */
  public static final int DEFAULT_CAPACITY = 1 << 14;

  private static final byte[] DOMAIN = Sha.domainSeparator("jic-verified-signature");

  private final AtomicReferenceArray<byte[]> slots;
  private final int mask;

  /** A cache with {@link #DEFAULT_CAPACITY} slots. */
  public VerifiedSignatureCache() {
    this(DEFAULT_CAPACITY);
  }

  /**
   * A cache with {@code capacity} slots.
   *
   * @throws IllegalArgumentException unless {@code capacity} is a power of two in 1..2^20
   */
  public VerifiedSignatureCache(int capacity) {
    if (capacity < 1 || capacity > (1 << 20) || Integer.bitCount(capacity) != 1) {
      throw new IllegalArgumentException("capacity must be a power of two in 1..2^20, got " + capacity);
    }
    this.slots = new AtomicReferenceArray<>(capacity);
    this.mask = capacity - 1;
  }

  /** The number of slots (the most digests held at once). */
  public int capacity() {
    return mask + 1;
  }

  /**
   * {@link SignatureVerifier#verify}, answered from the cache when the same triple verified
   * before. Never throws on bad input.
   */
  public VerificationResult verify(UserPublicKey key, byte[] message, byte[] signature) {
    byte[] digest = digest(key, message, signature);
    int slot = slotOf(digest);
    byte[] held = slots.get(slot);
    if (held != null && Arrays.equals(held, digest)) {
      return VerificationResult.VALID;
    }
    VerificationResult r = SignatureVerifier.verify(key, message, signature);
    if (r instanceof VerificationResult.Valid) {
      slots.set(slot, digest);
    }
    return r;
  }

  /** True if the triple is currently remembered as valid (for tests and metrics). */
  public boolean contains(UserPublicKey key, byte[] message, byte[] signature) {
    byte[] digest = digest(key, message, signature);
    byte[] held = slots.get(slotOf(digest));
    return held != null && Arrays.equals(held, digest);
  }

  /** How many slots hold a digest (O(capacity); for tests and metrics). */
  public int size() {
    int n = 0;
    for (int i = 0; i < slots.length(); i++) {
      if (slots.get(i) != null) {
        n++;
      }
    }
    return n;
  }

  private int slotOf(byte[] digest) {
    int h = (digest[0] & 0xff) | (digest[1] & 0xff) << 8 | (digest[2] & 0xff) << 16 | (digest[3] & 0xff) << 24;
    return h & mask;
  }

  private static byte[] digest(UserPublicKey key, byte[] message, byte[] signature) {
    MessageDigest md = Sha.sha256Digest();
    md.update(DOMAIN);
    md.update(schemeTag(key));
    update(md, key.der());
    update(md, message);
    update(md, signature);
    return md.digest();
  }

  private static void update(MessageDigest md, byte[] part) {
    int n = part.length;
    md.update((byte) (n >>> 24));
    md.update((byte) (n >>> 16));
    md.update((byte) (n >>> 8));
    md.update((byte) n);
    md.update(part);
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
