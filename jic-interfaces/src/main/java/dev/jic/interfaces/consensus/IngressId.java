package dev.jic.interfaces.consensus;

import java.util.Arrays;
import java.util.HexFormat;

/** The 32-byte id of an ingress message (its request id). Immutable; ordered bytewise unsigned. */
public final class IngressId implements Comparable<IngressId> {
  public static final int LENGTH = 32;
  private final byte[] bytes;

  private IngressId(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of exactly 32 bytes; throws {@link IllegalArgumentException} otherwise. */
  public static IngressId of(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException("an ingress id has 32 bytes");
    }
    return new IngressId(bytes.clone());
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  @Override
  public int compareTo(IngressId o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IngressId i && Arrays.equals(bytes, i.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes);
  }
}
