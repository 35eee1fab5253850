package dev.jic.replica.subnet;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run a local multi-node subnet ({@code jic start --nodes N}). Immutable.
 *
 * @param host the address every node's HTTPS interface binds (127.0.0.1 for {@code jic start})
 * @param port node 0's port (0: any free port); the other nodes take free ports
 * @param dataDir keys under {@code keys/}, node i's state and consensus pool under {@code nodes/<i>/}
 * @param nodes replicas in the subnet (≥ 2; 3f+1 tolerates f faults)
 * @param unitDelayMillis ICC's unit delay (block maker rank delay)
 * @param notaryDelayMillis ICC's initial notary delay (sets the block rate of an idle subnet)
 * @param checkpointInterval a checkpoint every this many heights
 * @param cupInterval a catch-up package every this many heights
 */
public record SubnetConfig(String host, int port, Path dataDir, int nodes, long unitDelayMillis, long notaryDelayMillis,
    long checkpointInterval, long cupInterval) {

  /** Validates ranges; null is a programming error (NPE). */
  public SubnetConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDir, "dataDir");
    if (port < 0 || port > 65535 || nodes < 2 || nodes > 64 || unitDelayMillis < 1 || notaryDelayMillis < 1
        || checkpointInterval < 1 || cupInterval < 2) {
      throw new IllegalArgumentException("invalid subnet config");
    }
  }

  /**
   * 127.0.0.1:{@code port}, {@code nodes} replicas, unit delay 1 s and notary delay 300 ms (a few
   * blocks per second when idle, without keeping the CPU busy), checkpoints and catch-up packages
   * every 500 heights.
   */
  public static SubnetConfig local(int port, Path dataDir, int nodes) {
    return new SubnetConfig("127.0.0.1", port, dataDir, nodes, 1000, 300, 500, 500);
  }

  /** This configuration with other consensus delays. */
  public SubnetConfig withDelays(long unitMillis, long notaryMillis) {
    return new SubnetConfig(host, port, dataDir, nodes, unitMillis, notaryMillis, checkpointInterval, cupInterval);
  }

  /** This configuration with other checkpoint and catch-up package intervals. */
  public SubnetConfig withIntervals(long checkpoints, long cups) {
    return new SubnetConfig(host, port, dataDir, nodes, unitDelayMillis, notaryDelayMillis, checkpoints, cups);
  }
}
