package dev.jic.crypto.bls;

import java.util.Arrays;
import java.util.HexFormat;

/** A BLS12-381 signature in G1, 48 bytes compressed. Checked for length only. */
public final class BlsSignature {
  public static final int LENGTH = 48;
  private final byte[] bytes;

  private BlsSignature(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps 48 compressed bytes (copied). Throws {@link BlsException} on a wrong length. */
  public static BlsSignature fromBytes(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new BlsException("a BLS signature has " + LENGTH + " bytes, got " + (bytes == null ? "null" : bytes.length));
    }
    return new BlsSignature(bytes.clone());
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlsSignature s && Arrays.equals(bytes, s.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "BlsSignature(" + HexFormat.of().formatHex(bytes, 0, 8) + "...)";
  }
}
