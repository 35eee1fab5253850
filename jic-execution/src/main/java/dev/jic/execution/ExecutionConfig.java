package dev.jic.execution;

import dev.jic.types.id.SubnetId;

/**
 * Execution limits and subnet facts. Immutable.
 *
 * @param subnetId this subnet ({@code ic0.subnet_self})
 * @param subnetSize nodes (fees scale by {@code n / 13})
 * @param maxInstructionsPerMessage update/callback/task limit (replica: 40 B)
 * @param maxInstructionsPerQuery query limit (replica: 5 B)
 * @param maxInstructionsPerInstall install/upgrade limit (replica: 300 B)
 * @param maxInstructionsInspect inspect_message limit (replica: 200 M)
 * @param rootKey the DER root public key ({@code ic0.root_key_*})
 */
public record ExecutionConfig(SubnetId subnetId, int subnetSize, long maxInstructionsPerMessage,
    long maxInstructionsPerQuery, long maxInstructionsPerInstall, long maxInstructionsInspect, byte[] rootKey) {
  public ExecutionConfig {
    rootKey = rootKey.clone();
  }

  @Override
  public byte[] rootKey() {
    return rootKey.clone();
  }

  /** The replica's application-subnet limits (IC-INTERFACE-DIGEST §8) for {@code subnetId}. */
  public static ExecutionConfig applicationSubnet(SubnetId subnetId, int subnetSize, byte[] rootKey) {
    return new ExecutionConfig(subnetId, subnetSize, 40_000_000_000L, 5_000_000_000L, 300_000_000_000L,
        200_000_000L, rootKey);
  }

  /** This configuration with other per-message limits (tests). */
  public ExecutionConfig withLimits(long message, long query, long install) {
    return new ExecutionConfig(subnetId, subnetSize, message, query, install, maxInstructionsInspect, rootKey);
  }
}
