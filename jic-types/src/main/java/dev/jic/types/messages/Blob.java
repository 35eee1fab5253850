package dev.jic.types.messages;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string from a request (an argument, a nonce, a public key, a signature...).
 * Equality is by content; {@link #toString()} prints hex, abbreviated beyond 64 bytes.
 */
public final class Blob {
  private static final Blob EMPTY = new Blob(new byte[0]);

  private final byte[] bytes;

  private Blob(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A blob holding a copy of {@code bytes}. */
  public static Blob of(byte[] bytes) {
    return bytes.length == 0 ? EMPTY : new Blob(bytes.clone());
  }

  /** A copy of the bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  /** Lower-case hex of all bytes. */
  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Blob b && Arrays.equals(bytes, b.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return bytes.length <= 64 ? toHex() : HexFormat.of().formatHex(bytes, 0, 64) + "...(" + bytes.length + " bytes)";
  }
}
