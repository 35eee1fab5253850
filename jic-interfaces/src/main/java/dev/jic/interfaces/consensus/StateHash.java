package dev.jic.interfaces.consensus;

/**
 * The 32-byte hash of a replicated state at a height, as certified by the subnet: the root of the
 * certified state tree (the tree HTTP {@code read_state} certificates prune). Immutable; ordered
 * bytewise unsigned.
 */
public final class StateHash extends Bytes32<StateHash> {
  /** The hash of the genesis state by convention (all zeroes). */
  public static final StateHash GENESIS = new StateHash(new byte[LENGTH]);

  private StateHash(byte[] bytes) {
    super(bytes, "a state hash has 32 bytes");
  }

  /** Wraps a copy of exactly 32 bytes; throws {@link IllegalArgumentException} otherwise. */
  public static StateHash of(byte[] bytes) {
    return new StateHash(bytes);
  }
}
