package dev.jic.crypto.bls;

import dev.jic.types.hash.Sha;
import java.util.Collection;
import supranational.blst.BLST_ERROR;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;
import supranational.blst.SecretKey;

/**
 * BLS12-381 multi-signatures with proof of possession (the IC's notarization and finalization
 * scheme): each committee member signs the same message with its own key, signatures are added up
 * in G1, and the sum verifies with one pairing check against the sum of the signers' public keys.
 *
 * <p>Ciphersuite: the IETF proof-of-possession suite, messages hashed to G1 with {@link #DST},
 * proofs of possession hashed with {@link #POP_DST} over {@code 0x19 "ic-multi-sig-bls12381-pop"
 * || public key} as the IC's multi_sig crate does. Keys in G2 (96 B), signatures and PoPs in G1
 * (48 B).
 *
 * <p>Safety rests on the caller: {@link #verifyAggregate} is only sound if every public key in it
 * passed {@link #verifyPossession} (normally once, when the key entered the registry); otherwise a
 * rogue key {@code pk_evil = x·g2 − pk_honest} lets one party forge an aggregate for both.
 *
 * <p>Thread-safe: no state. {@code verify*} never throw on untrusted bytes (they answer false);
 * {@link #aggregate} throws {@link BlsException}.
 */
public final class BlsMultiSig {

  /** Hash-to-G1 tag for messages (IETF BLS PoP ciphersuite; the IC's multi_sig crate). */
  public static final String DST = "BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_POP_";

  /** Hash-to-G1 tag for proofs of possession (IETF BLS PoP ciphersuite; the IC's multi_sig crate). */
  public static final String POP_DST = "BLS_POP_BLS12381G1_XMD:SHA-256_SSWU_RO_POP_";

  /** The IC's domain separator put before the public key in a PoP (encoded as length byte + ASCII). */
  public static final String POP_DOMAIN = "ic-multi-sig-bls12381-pop";

  /** HKDF {@code key_info} of {@link #keyPairFromSeed}, so its keys differ from BlsBasic's for a seed. */
  static final String KEY_INFO = "jic-bls-multi-sig";

  private static final byte[] POP_PREFIX = Sha.domainSeparator(POP_DOMAIN);

  private BlsMultiSig() {}

  /**
   * A key pair from at least 32 bytes of seed: IETF KeyGen (blst, HKDF-SHA-256) with key_info
   * {@code "jic-bls-multi-sig"}. Deterministic; the same seed gives a different key than
   * {@link BlsBasic#keyPairFromSeed}.
   *
   * @throws BlsException if the seed is null or shorter than 32 bytes
   */
  public static BlsKeyPair keyPairFromSeed(byte[] seed) {
    if (seed == null || seed.length < 32) {
      throw new BlsException("BLS key generation needs at least 32 bytes of seed");
    }
    SecretKey sk = new SecretKey();
    sk.keygen(seed, KEY_INFO);
    BlsSecretKey secret = BlsSecretKey.fromBytes(sk.to_bendian());
    return new BlsKeyPair(secret, BlsBasic.publicKey(secret));
  }

  /**
   * A proof of possession of {@code keyPair}'s secret key: its signature, under {@link #POP_DST},
   * over {@code 0x19 "ic-multi-sig-bls12381-pop" || public key bytes}. Deterministic.
   *
   * @throws BlsException if the key pair's public key does not belong to its secret key
   */
  public static BlsProofOfPossession proveKnowledge(BlsKeyPair keyPair) {
    if (!BlsBasic.publicKey(keyPair.secretKey()).equals(keyPair.publicKey())) {
      throw new BlsException("the public key does not belong to the secret key");
    }
    P1 h = new P1().hash_to(popMessage(keyPair.publicKey()), POP_DST);
    return new BlsProofOfPossession(h.mult(BlsPoints.scalar(keyPair.secretKey().scalar())).compress());
  }

  /**
   * Whether {@code pop} proves possession of {@code publicKey}'s secret key. False (never an
   * exception) for a wrong proof or malformed points, including identity points.
   */
  public static boolean verifyPossession(BlsPublicKey publicKey, BlsProofOfPossession pop) {
    if (publicKey == null || pop == null) {
      return false;
    }
    return coreVerify(BlsPoints.g2OrNull(publicKey.toBytes()), pop.bytes(), popMessage(publicKey), POP_DST);
  }

  /** An individual multi-signature share on {@code message} (hashed with {@link #DST}). */
  public static BlsSignature sign(BlsSecretKey secretKey, byte[] message) {
    P1 h = new P1().hash_to(message, DST);
    return BlsSignature.fromBytes(h.mult(BlsPoints.scalar(secretKey.scalar())).compress());
  }

  /** Whether one signer's signature is valid. False (never an exception) for malformed points. */
  public static boolean verifyIndividual(BlsPublicKey publicKey, BlsSignature signature, byte[] message) {
    if (publicKey == null || signature == null || message == null) {
      return false;
    }
    return coreVerify(BlsPoints.g2OrNull(publicKey.toBytes()), signature.toBytes(), message, DST);
  }

  /**
   * The sum in G1 of same-message signatures. Does not verify them.
   *
   * @throws BlsException if the collection is null or empty, or holds null or a signature that is
   *     not a valid G1 point (off the curve, outside the subgroup, the identity)
   */
  public static BlsSignature aggregate(Collection<BlsSignature> signatures) {
    if (signatures == null || signatures.isEmpty()) {
      throw new BlsException("nothing to aggregate");
    }
    P1 sum = new P1();
    int i = 0;
    for (BlsSignature s : signatures) {
      if (s == null) {
        throw new BlsException("signature " + i + " is null");
      }
      sum = sum.add(BlsPoints.g1(s.toBytes(), "signature " + i));
      i++;
    }
    return BlsSignature.fromBytes(sum.compress());
  }

  /**
   * Whether {@code aggregate} is a valid multi-signature on {@code message} by exactly the holders
   * of {@code publicKeys} (a key listed twice counts twice). One pairing check against the sum of
   * the keys. The caller guarantees each key's PoP was verified. False (never an exception) for an
   * empty or null collection, malformed points, or keys summing to the identity.
   */
  public static boolean verifyAggregate(Collection<BlsPublicKey> publicKeys, BlsSignature aggregate, byte[] message) {
    if (publicKeys == null || publicKeys.isEmpty() || aggregate == null || message == null) {
      return false;
    }
    P2 sum = new P2();
    for (BlsPublicKey k : publicKeys) {
      P2_Affine p = k == null ? null : BlsPoints.g2OrNull(k.toBytes());
      if (p == null) {
        return false;
      }
      sum = sum.add(p);
    }
    if (sum.is_inf()) {
      return false;
    }
    return coreVerify(sum.to_affine(), aggregate.toBytes(), message, DST);
  }

  private static boolean coreVerify(P2_Affine publicKey, byte[] signature, byte[] message, String dst) {
    if (publicKey == null) {
      return false;
    }
    P1_Affine sig = BlsPoints.g1OrNull(signature);
    if (sig == null) {
      return false;
    }
    try {
      return sig.core_verify(publicKey, true, message, dst) == BLST_ERROR.BLST_SUCCESS;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static byte[] popMessage(BlsPublicKey publicKey) {
    byte[] key = publicKey.toBytes();
    byte[] out = new byte[POP_PREFIX.length + key.length];
    System.arraycopy(POP_PREFIX, 0, out, 0, POP_PREFIX.length);
    System.arraycopy(key, 0, out, POP_PREFIX.length, key.length);
    return out;
  }
}
