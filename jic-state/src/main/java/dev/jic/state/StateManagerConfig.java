package dev.jic.state;

import dev.jic.state.tree.StateTreeInput;
import dev.jic.types.id.SubnetId;
import java.nio.file.Path;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How a {@link StateManager} is set up. Immutable.
 *
 * @param root the node's state directory: {@code <root>/state} holds checkpoints, {@code
 *     <root>/batch_log} the batch log
 * @param checkpointInterval a checkpoint is written at every height divisible by it (default 500)
 * @param keepCheckpoints how many most recent checkpoints are kept (default 2; the batch log is
 *     kept back to the oldest of them, so a corrupt newest checkpoint can be replaced by replay)
 * @param subnets what {@code /subnet} and {@code /canister_ranges} of the certified tree show:
 *     public key, type, canister ranges and node keys of each subnet (from the registry)
 */
public record StateManagerConfig(
    Path root,
    long checkpointInterval,
    int keepCheckpoints,
    NavigableMap<SubnetId, StateTreeInput.SubnetEntry> subnets) {
  /** The default checkpoint interval (the IC's: 500 heights). */
  public static final long DEFAULT_CHECKPOINT_INTERVAL = 500;
  /** The default number of checkpoints kept. */
  public static final int DEFAULT_KEEP = 2;

  /** Checks the values and copies the map. */
  public StateManagerConfig {
    Objects.requireNonNull(root, "root");
    if (checkpointInterval < 1) {
      throw new IllegalArgumentException("checkpoint interval " + checkpointInterval);
    }
    if (keepCheckpoints < 1) {
      throw new IllegalArgumentException("keep at least one checkpoint");
    }
    subnets = Collections.unmodifiableNavigableMap(new TreeMap<>(subnets));
  }

  /** Defaults for everything but the directory and the subnets. */
  public static StateManagerConfig of(Path root, NavigableMap<SubnetId, StateTreeInput.SubnetEntry> subnets) {
    return new StateManagerConfig(root, DEFAULT_CHECKPOINT_INTERVAL, DEFAULT_KEEP, subnets);
  }

  /** This configuration with another checkpoint interval. */
  public StateManagerConfig withCheckpointInterval(long n) {
    return new StateManagerConfig(root, n, keepCheckpoints, subnets);
  }

  /** This configuration keeping another number of checkpoints. */
  public StateManagerConfig withKeepCheckpoints(int k) {
    return new StateManagerConfig(root, checkpointInterval, k, subnets);
  }
}
