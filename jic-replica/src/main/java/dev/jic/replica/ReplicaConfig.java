package dev.jic.replica;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run a local node. Immutable.
 *
 * @param host the address the HTTPS interface binds (127.0.0.1 for {@code jic start})
 * @param port its port (0: any free port)
 * @param dataDir where keys (and, with the state manager, checkpoints) live
 * @param batchIntervalMillis the longest time between two batches when no ingress arrives
 * @param executionThreads scheduler worker threads
 * @param checkpointInterval a checkpoint every this many heights (the batch log covers the rest)
 * @param checkpointSpacingMillis the least batch time between two checkpoints (default 10,000; 0:
 *     every multiple of the interval, the IC rule). Under load the local node makes a height every
 *     millisecond or two, so 500 heights alone would mean a checkpoint, written on the committing
 *     thread and costing time in proportion to the ingress history, about every second; the
 *     spacing caps that at one per 10 s of batch time. The price: a restart replays up to that
 *     much load from the batch log (and the log on disk is that much longer). Deterministic (a
 *     function of the batches' times), so a restarted node writes the same checkpoints; see
 *     {@link dev.jic.state.StateManagerConfig#minCheckpointSpacingNanos}
 */
public record ReplicaConfig(String host, int port, Path dataDir, long batchIntervalMillis, int executionThreads,
    long checkpointInterval, long checkpointSpacingMillis) {

  /** Validates ranges; null is a programming error (NPE). */
  public ReplicaConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDir, "dataDir");
    if (port < 0 || port > 65535 || batchIntervalMillis < 1 || executionThreads < 1 || checkpointInterval < 1
        || checkpointSpacingMillis < 0 || checkpointSpacingMillis > Long.MAX_VALUE / 1_000_000) {
      throw new IllegalArgumentException("invalid replica config");
    }
  }

  /**
   * 127.0.0.1:{@code port}, data under {@code dataDir}, a batch at least every 200 ms, 2 execution
   * threads, a checkpoint every 500 heights but at most one per 10 s of batch time.
   */
  public static ReplicaConfig local(int port, Path dataDir) {
    return new ReplicaConfig("127.0.0.1", port, dataDir, 200, 2, 500, 10_000);
  }

  /** This configuration with another checkpoint interval. */
  public ReplicaConfig withCheckpointInterval(long n) {
    return new ReplicaConfig(host, port, dataDir, batchIntervalMillis, executionThreads, n, checkpointSpacingMillis);
  }

  /** This configuration with another minimum batch time between checkpoints (0: none). */
  public ReplicaConfig withCheckpointSpacingMillis(long millis) {
    return new ReplicaConfig(host, port, dataDir, batchIntervalMillis, executionThreads, checkpointInterval, millis);
  }
}
