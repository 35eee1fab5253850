package dev.jic.interfaces.consensus;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 32-byte value (a hash or an id) held by copy: the bytes are copied in on construction and out
 * by {@link #toBytes()}, so an instance is immutable. Values are equal only if they are of the
 * same type with the same bytes; ordered bytewise unsigned; shown as lowercase hex.
 *
 * @param <T> the concrete type, which values are compared with
 */
public abstract sealed class Bytes32<T extends Bytes32<T>> implements Comparable<T>
    permits IngressId, StateHash {
  /** The number of bytes. */
  public static final int LENGTH = 32;
  private final byte[] bytes;

  /**
   * Copies {@code bytes}; throws {@link IllegalArgumentException} with message {@code
   * lengthError} unless there are exactly {@link #LENGTH} of them.
   */
  Bytes32(byte[] bytes, String lengthError) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException(lengthError);
    }
    this.bytes = bytes.clone();
  }

  /** The 32 bytes (a copy). */
  public final byte[] toBytes() {
    return bytes.clone();
  }

  @Override
  public final int compareTo(T o) {
    return Arrays.compareUnsigned(bytes, ((Bytes32<?>) o).bytes);
  }

  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && Arrays.equals(bytes, ((Bytes32<?>) o).bytes);
  }

  @Override
  public final int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** The bytes in lowercase hex. */
  @Override
  public final String toString() {
    return HexFormat.of().formatHex(bytes);
  }
}
