package dev.jic.crypto.bls;

import java.math.BigInteger;

/**
 * A BLS12-381 secret key: a scalar in [1, r). Never logged: {@link #toString} hides it.
 * Big-endian 32-byte serialisation via {@link #toBytes}.
 */
public final class BlsSecretKey {
  /** The order r of the BLS12-381 groups. */
  public static final BigInteger ORDER =
      new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);

  private final BigInteger scalar;

  private BlsSecretKey(BigInteger scalar) {
    this.scalar = scalar;
  }

  /** A key from a scalar; throws {@link BlsException} unless {@code 0 < s < r}. */
  public static BlsSecretKey fromScalar(BigInteger s) {
    if (s.signum() <= 0 || s.compareTo(ORDER) >= 0) {
      throw new BlsException("a BLS secret key must lie in [1, r)");
    }
    return new BlsSecretKey(s);
  }

  /** A key from 32 big-endian bytes. */
  public static BlsSecretKey fromBytes(byte[] bigEndian32) {
    if (bigEndian32 == null || bigEndian32.length != 32) {
      throw new BlsException("a BLS secret key has 32 bytes");
    }
    return fromScalar(new BigInteger(1, bigEndian32));
  }

  public BigInteger scalar() {
    return scalar;
  }

  /** 32 big-endian bytes. */
  public byte[] toBytes() {
    byte[] raw = scalar.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }

  /** Value equality (compares the 32-byte encodings without an early exit). */
  @Override
  public boolean equals(Object o) {
    return o instanceof BlsSecretKey k && java.security.MessageDigest.isEqual(toBytes(), k.toBytes());
  }

  @Override
  public int hashCode() {
    return scalar.hashCode();
  }

  @Override
  public String toString() {
    return "BlsSecretKey(hidden)";
  }
}
