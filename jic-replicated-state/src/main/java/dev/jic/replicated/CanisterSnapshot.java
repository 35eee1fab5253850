package dev.jic.replicated;

import dev.jic.pagemap.PageMapSnapshot;
import java.util.Objects;

/**
 * A canister snapshot ({@code take_canister_snapshot}): the module, heap and stable memory
 * (immutable page-map snapshots, O(1) to take), globals and certified data. Immutable.
 *
 * @param id the snapshot id (canister id bytes followed by a u64 big-endian counter, as the replica)
 * @param takenAtNanos batch time when taken
 * @param canisterVersion the canister version when taken
 */
public record CanisterSnapshot(byte[] id, long takenAtNanos, long canisterVersion, byte[] wasmBinary, byte[] moduleHash,
    boolean wasm64, java.util.List<String> exports, java.util.SortedMap<String, IcpSection> metadata,
    PageMapSnapshot heap, int heapPages, PageMapSnapshot stable, long stablePages, long[] globalsLow,
    long[] globalsHigh, byte[] certifiedData) {
  public CanisterSnapshot {
    Objects.requireNonNull(heap);
    Objects.requireNonNull(stable);
    id = id.clone();
  }

  /** Bytes counted as the snapshot's size: heap + stable + module. */
  public long totalSize() {
    return ((long) heapPages << 16) + (stablePages << 16) + wasmBinary.length;
  }
}
