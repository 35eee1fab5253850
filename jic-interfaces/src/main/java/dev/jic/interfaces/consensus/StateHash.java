package dev.jic.interfaces.consensus;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 32-byte hash of a replicated state at a height, as certified by the subnet: the root of the
 * certified state tree (the tree HTTP {@code read_state} certificates prune). Immutable; ordered
 * bytewise unsigned.
 */
public final class StateHash implements Comparable<StateHash> {
  public static final int LENGTH = 32;
  /** The hash of the genesis state by convention (all zeroes). */
  public static final StateHash GENESIS = new StateHash(new byte[LENGTH]);
  private final byte[] bytes;

  private StateHash(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of exactly 32 bytes; throws {@link IllegalArgumentException} otherwise. */
  public static StateHash of(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException("a state hash has 32 bytes");
    }
    return new StateHash(bytes.clone());
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  @Override
  public int compareTo(StateHash o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateHash s && Arrays.equals(bytes, s.bytes);
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
