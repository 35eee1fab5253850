package dev.jic.crypto.bls;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A BLS12-381 public key in G2, 96 bytes compressed (IC ciphersuite: signatures in G1, keys in G2).
 * The bytes are checked for length only; {@link BlsBasic#verify} rejects points off the curve or
 * outside the subgroup.
 */
public final class BlsPublicKey {
  public static final int LENGTH = 96;
  private final byte[] bytes;

  private BlsPublicKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps 96 compressed bytes (copied). Throws {@link BlsException} on a wrong length. */
  public static BlsPublicKey fromBytes(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new BlsException("a BLS public key has " + LENGTH + " bytes, got " + (bytes == null ? "null" : bytes.length));
    }
    return new BlsPublicKey(bytes.clone());
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlsPublicKey k && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "BlsPublicKey(" + HexFormat.of().formatHex(bytes, 0, 8) + "...)";
  }
}
