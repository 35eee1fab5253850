package dev.jic.state.manifest;

import java.util.Arrays;
import java.util.HexFormat;

/** A 32-byte SHA-256 digest with value equality. Immutable (bytes copied in and out). */
public final class Digest32 {
  private final byte[] bytes;

  private Digest32(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Wraps a copy of {@code bytes}.
   *
   * @throws IllegalArgumentException if not exactly 32 bytes
   */
  public static Digest32 of(byte[] bytes) {
    if (bytes.length != 32) {
      throw new IllegalArgumentException("a digest has 32 bytes, not " + bytes.length);
    }
    return new Digest32(bytes.clone());
  }

  /** From 64 hex digits. */
  public static Digest32 ofHex(String hex) {
    return of(HexFormat.of().parseHex(hex));
  }

  /** The bytes (a copy). */
  public byte[] bytes() {
    return bytes.clone();
  }

  byte[] unsafeBytes() {
    return bytes;
  }

  /** Lower-case hex. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Digest32 d && Arrays.equals(bytes, d.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
