package dev.jic.state;

import dev.jic.state.tree.StateTreeInput;
import dev.jic.types.id.SubnetId;
import dev.jic.types.unit.Height;
import java.nio.file.Path;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.OptionalLong;
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
 * @param minCheckpointSpacingNanos the least batch time between two checkpoints, in nanoseconds
 *     (default 0: the IC rule, every height divisible by the interval is checkpointed). With S &gt;
 *     0, a height divisible by the interval is checkpointed only if its state's batch time is at
 *     least S after the batch time of the previous checkpoint (written or loaded at open); the
 *     first divisible height after genesis always is (the genesis state's time is not used: a
 *     local node makes it from the wall clock at each start). The decision is a pure function of
 *     the committed states, so a node restarted from any checkpoint and replaying its batch log
 *     writes exactly the checkpoints (and manifests) it would have written without stopping.
 *     <p>Trade-off: a checkpoint costs time proportional to the whole state (the ingress history
 *     above all) on the committing thread, and under load a node makes a height every few
 *     milliseconds, so the interval alone means a checkpoint every second or less; the spacing
 *     bounds that to one per S of batch time. In exchange a restart replays up to S of batches
 *     under load (interval heights when idle), and the batch log on disk holds at least that much
 *     per kept checkpoint. Only for a single node (jic's local replica): on a subnet, replicas
 *     must checkpoint at the same heights as the IC does for state sync and catch-up packages,
 *     so consensus mode keeps 0.
 */
public record StateManagerConfig(
    Path root,
    long checkpointInterval,
    int keepCheckpoints,
    NavigableMap<SubnetId, StateTreeInput.SubnetEntry> subnets,
    long minCheckpointSpacingNanos) {
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
    if (minCheckpointSpacingNanos < 0) {
      throw new IllegalArgumentException("checkpoint spacing " + minCheckpointSpacingNanos);
    }
    subnets = Collections.unmodifiableNavigableMap(new TreeMap<>(subnets));
  }

  /** Defaults for everything but the directory and the subnets. */
  public static StateManagerConfig of(Path root, NavigableMap<SubnetId, StateTreeInput.SubnetEntry> subnets) {
    return new StateManagerConfig(root, DEFAULT_CHECKPOINT_INTERVAL, DEFAULT_KEEP, subnets, 0);
  }

  /** This configuration with another checkpoint interval. */
  public StateManagerConfig withCheckpointInterval(long n) {
    return new StateManagerConfig(root, n, keepCheckpoints, subnets, minCheckpointSpacingNanos);
  }

  /** This configuration keeping another number of checkpoints. */
  public StateManagerConfig withKeepCheckpoints(int k) {
    return new StateManagerConfig(root, checkpointInterval, k, subnets, minCheckpointSpacingNanos);
  }

  /** This configuration with another minimum batch time between checkpoints (0: none). */
  public StateManagerConfig withMinCheckpointSpacingNanos(long nanos) {
    return new StateManagerConfig(root, checkpointInterval, keepCheckpoints, subnets, nanos);
  }

  /**
   * Whether the state at {@code height} with batch time {@code batchTimeNanos} is checkpointed,
   * given the batch time of the previous checkpoint (empty: none since genesis). A pure function:
   * see {@link #minCheckpointSpacingNanos}.
   */
  public boolean checkpointDue(Height height, long batchTimeNanos, OptionalLong previousCheckpointTimeNanos) {
    if (height.value() % checkpointInterval != 0) {
      return false;
    }
    if (minCheckpointSpacingNanos == 0 || previousCheckpointTimeNanos.isEmpty()) {
      return true;
    }
    long prev = previousCheckpointTimeNanos.getAsLong();
    long due = prev > Long.MAX_VALUE - minCheckpointSpacingNanos ? Long.MAX_VALUE : prev + minCheckpointSpacingNanos;
    return batchTimeNanos >= due;
  }
}
