package dev.jic.crypto.bls;

import java.math.BigInteger;
import supranational.blst.P1_Affine;
import supranational.blst.P2_Affine;
import supranational.blst.Scalar;

/**
 * The one place where untrusted BLS bytes become jblst points. Every point handed out is on the
 * curve, in the prime-order subgroup and not the identity; canonical encoding is enforced by blst
 * itself (an x coordinate {@code >= p} is a "bad point encoding").
 *
 * <p>jblst reports bad bytes with a plain {@link RuntimeException}; this class turns that into a
 * {@link BlsException} (for combining operations) or {@code null} (for verification, which must
 * answer {@code false} rather than throw).
 */
final class BlsPoints {

  private BlsPoints() {}

  /** A valid G1 point (signature, share, PoP) or {@link BlsException} naming {@code what}. */
  static P1_Affine g1(byte[] compressed, String what) {
    P1_Affine p;
    try {
      p = new P1_Affine(compressed);
    } catch (RuntimeException e) {
      throw new BlsException(what + " is not a valid compressed G1 point: " + e.getMessage(), e);
    }
    if (p.is_inf()) {
      throw new BlsException(what + " is the G1 identity");
    }
    if (!p.on_curve() || !p.in_group()) {
      throw new BlsException(what + " is not in the G1 prime-order subgroup");
    }
    return p;
  }

  /** A valid G2 point (public key) or {@link BlsException} naming {@code what}. */
  static P2_Affine g2(byte[] compressed, String what) {
    P2_Affine p;
    try {
      p = new P2_Affine(compressed);
    } catch (RuntimeException e) {
      throw new BlsException(what + " is not a valid compressed G2 point: " + e.getMessage(), e);
    }
    if (p.is_inf()) {
      throw new BlsException(what + " is the G2 identity");
    }
    if (!p.on_curve() || !p.in_group()) {
      throw new BlsException(what + " is not in the G2 prime-order subgroup");
    }
    return p;
  }

  /** Like {@link #g1} but {@code null} instead of an exception. */
  static P1_Affine g1OrNull(byte[] compressed) {
    try {
      return g1(compressed, "point");
    } catch (BlsException e) {
      return null;
    }
  }

  /** Like {@link #g2} but {@code null} instead of an exception. */
  static P2_Affine g2OrNull(byte[] compressed) {
    try {
      return g2(compressed, "point");
    } catch (BlsException e) {
      return null;
    }
  }

  /** A blst scalar for {@code s mod r}. */
  static Scalar scalar(BigInteger s) {
    return new Scalar().from_bendian(be32(s.mod(BlsSecretKey.ORDER)));
  }

  /** 32 big-endian bytes of a value in {@code [0, 2^256)}. */
  static byte[] be32(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }
}
