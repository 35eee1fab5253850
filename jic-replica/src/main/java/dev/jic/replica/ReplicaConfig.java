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
 */
public record ReplicaConfig(String host, int port, Path dataDir, long batchIntervalMillis, int executionThreads,
    long checkpointInterval) {

  /** Validates ranges; null is a programming error (NPE). */
  public ReplicaConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDir, "dataDir");
    if (port < 0 || port > 65535 || batchIntervalMillis < 1 || executionThreads < 1 || checkpointInterval < 1) {
      throw new IllegalArgumentException("invalid replica config");
    }
  }

  /**
   * 127.0.0.1:{@code port}, data under {@code dataDir}, a batch at least every 200 ms, 2 execution
   * threads, a checkpoint every 500 heights.
   */
  public static ReplicaConfig local(int port, Path dataDir) {
    return new ReplicaConfig("127.0.0.1", port, dataDir, 200, 2, 500);
  }

  /** This configuration with another checkpoint interval. */
  public ReplicaConfig withCheckpointInterval(long n) {
    return new ReplicaConfig(host, port, dataDir, batchIntervalMillis, executionThreads, n);
  }
}
