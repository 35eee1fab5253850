package dev.jic.replicated;

import dev.jic.types.id.CanisterId;
import dev.jic.types.id.SubnetId;
import dev.jic.types.unit.Height;
import java.util.Objects;

/**
 * Subnet-level metadata: the subnet's id and size, the current batch height and time, and the
 * canister id range this subnet allocates from. Immutable; replaced as a whole.
 *
 * @param subnetId this subnet
 * @param subnetSize number of nodes (fees scale by {@code subnetSize / 13})
 * @param batchHeight the last executed batch
 * @param batchTimeNanos the last batch's time ({@code ic0.time})
 * @param rangeStart first canister index of the allocation range
 * @param rangeEnd last canister index of the range (inclusive)
 * @param nextCanisterIndex the next index {@code create_canister} allocates
 */
public record SystemMetadata(SubnetId subnetId, int subnetSize, Height batchHeight, long batchTimeNanos,
    long rangeStart, long rangeEnd, long nextCanisterIndex) {
  public SystemMetadata {
    Objects.requireNonNull(subnetId);
    Objects.requireNonNull(batchHeight);
    if (subnetSize < 1) {
      throw new IllegalArgumentException("subnet size " + subnetSize);
    }
  }

  /** This metadata at another batch. */
  public SystemMetadata atBatch(Height h, long timeNanos) {
    return new SystemMetadata(subnetId, subnetSize, h, timeNanos, rangeStart, rangeEnd, nextCanisterIndex);
  }

  /** This metadata with the next canister index advanced by one. */
  public SystemMetadata allocateCanisterIndex() {
    return new SystemMetadata(subnetId, subnetSize, batchHeight, batchTimeNanos, rangeStart, rangeEnd,
        nextCanisterIndex + 1);
  }

  /** The id the next allocation returns. */
  public CanisterId nextCanisterId() {
    return CanisterId.fromU64(nextCanisterIndex);
  }
}
