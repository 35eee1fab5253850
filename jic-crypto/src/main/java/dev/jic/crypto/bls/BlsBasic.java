package dev.jic.crypto.bls;

import java.math.BigInteger;
import supranational.blst.BLST_ERROR;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;
import supranational.blst.Scalar;

/**
 * Basic BLS12-381 signatures in the IC's ciphersuite: signatures in G1 (48 bytes), public keys in
 * G2 (96 bytes), messages hashed to G1 with {@link #DST}. This is what certificates use
 * (signature over {@code "\x0Dic-state-root" · root_hash}) and what threshold signatures combine
 * into.
 *
 * <p>Thread-safe: no state. jblst's points mutate on {@code add}/{@code mult}; this class never
 * lets one escape.
 */
public final class BlsBasic {

  /** Domain separation tag of the IC's BLS signatures (hash to G1, XMD SHA-256, SSWU, NUL). */
  public static final String DST = "BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_";

  private BlsBasic() {}

  /**
   * A key pair derived deterministically from at least 32 bytes of input keying material (IETF
   * KeyGen as implemented by blst). The same seed always gives the same key.
   */
  public static BlsKeyPair keyPairFromSeed(byte[] ikm) {
    if (ikm == null || ikm.length < 32) {
      throw new BlsException("BLS key generation needs at least 32 bytes of seed");
    }
    supranational.blst.SecretKey sk = new supranational.blst.SecretKey();
    sk.keygen(ikm);
    BlsSecretKey secret = BlsSecretKey.fromBytes(sk.to_bendian());
    return new BlsKeyPair(secret, publicKey(secret));
  }

  /** The public key {@code sk · g2}. */
  public static BlsPublicKey publicKey(BlsSecretKey sk) {
    P2 pk = P2.generator().dup().mult(scalar(sk.scalar()));
    return BlsPublicKey.fromBytes(pk.compress());
  }

  /** Signs {@code message} (hashed to G1 with {@link #DST}). */
  public static BlsSignature sign(BlsSecretKey sk, byte[] message) {
    P1 h = new P1().hash_to(message, DST);
    return BlsSignature.fromBytes(h.mult(scalar(sk.scalar())).compress());
  }

  /**
   * Verifies a signature. Returns false for a wrong signature and for any malformed point (not
   * on the curve, not in the subgroup, identity); never throws on untrusted bytes.
   */
  public static boolean verify(BlsPublicKey pk, BlsSignature sig, byte[] message) {
    try {
      P1_Affine s = new P1_Affine(sig.toBytes());
      P2_Affine k = new P2_Affine(pk.toBytes());
      if (!s.in_group() || !k.in_group() || k.is_inf()) {
        return false;
      }
      return s.core_verify(k, true, message, DST) == BLST_ERROR.BLST_SUCCESS;
    } catch (RuntimeException e) {
      return false;
    }
  }

  static Scalar scalar(BigInteger s) {
    byte[] be = BlsSecretKey.fromScalar(s).toBytes();
    return new Scalar().from_bendian(be);
  }
}
