package dev.jic.consensus.artifact;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Opaque signature bytes as carried in artifacts (a BLS G1 point, an Ed25519 signature, or a fake
 * scheme's bytes). Which scheme applies is fixed by the artifact kind; {@code ConsensusCrypto}
 * interprets them. At most {@link #MAX_LENGTH} bytes. Immutable.
 */
public final class Signature {
  public static final int MAX_LENGTH = 256;
  private final byte[] bytes;

  private Signature(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy; throws {@link IllegalArgumentException} if longer than {@link #MAX_LENGTH}. */
  public static Signature of(byte[] bytes) {
    if (bytes == null || bytes.length > MAX_LENGTH) {
      throw new IllegalArgumentException("signature too long or null");
    }
    return new Signature(bytes.clone());
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  /** A copy with the first byte flipped (used by tests and Byzantine simulations). */
  public Signature corrupted() {
    byte[] b = bytes.length == 0 ? new byte[1] : bytes.clone();
    b[0] ^= 0x01;
    return new Signature(b);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Signature s && Arrays.equals(bytes, s.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Sig(" + HexFormat.of().formatHex(bytes, 0, Math.min(6, bytes.length)) + ")";
  }
}
