package dev.jic.crypto.bls;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * DER (SubjectPublicKeyInfo) framing of an IC BLS12-381 G2 public key: a fixed 37-byte prefix
 * followed by the 96 compressed key bytes, 133 bytes in total. This is the form of the IC root key
 * and of {@code /subnet/<id>/public_key} in certificates.
 */
public final class BlsDer {
  /** The exact DER prefix (algorithm id 1.3.6.1.4.1.44668.5.3.1.2.1, curve 1.3.6.1.4.1.44668.5.3.2.1). */
  private static final byte[] PREFIX =
      HexFormat.of()
          .parseHex("308182301d060d2b0601040182dc7c0503010201060c2b0601040182dc7c05030201036100");

  /** Length of the DER prefix in bytes (37). */
  public static final int PREFIX_LENGTH = 37;

  /** Length of a DER-encoded key in bytes (133). */
  public static final int LENGTH = PREFIX_LENGTH + BlsPublicKey.LENGTH;

  private BlsDer() {}

  /** Returns the 133-byte DER encoding of {@code key}; never fails. */
  public static byte[] encode(BlsPublicKey key) {
    byte[] out = Arrays.copyOf(PREFIX, LENGTH);
    System.arraycopy(key.toBytes(), 0, out, PREFIX_LENGTH, BlsPublicKey.LENGTH);
    return out;
  }

  /**
   * Parses a DER-encoded BLS public key. Checks only the framing (length and exact prefix); curve
   * and subgroup membership are checked when the key is used to verify.
   *
   * @throws BlsException if {@code der} is null, not 133 bytes, or does not start with the prefix
   */
  public static BlsPublicKey decode(byte[] der) {
    if (der == null || der.length != LENGTH) {
      throw new BlsException(
          "a DER BLS public key has " + LENGTH + " bytes, got " + (der == null ? "null" : der.length));
    }
    if (!Arrays.equals(der, 0, PREFIX_LENGTH, PREFIX, 0, PREFIX_LENGTH)) {
      throw new BlsException("not a DER BLS12-381 G2 public key: unexpected prefix");
    }
    return BlsPublicKey.fromBytes(Arrays.copyOfRange(der, PREFIX_LENGTH, LENGTH));
  }
}
