package dev.jic.replica;

import dev.jic.pagemap.PageMap;
import dev.jic.pagemap.PageMapSnapshot;
import dev.jic.pagemap.StableMemory;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.ExecutionState;
import dev.jic.replicated.ReplicatedState;
import dev.jic.replicated.SystemState;
import dev.jic.state.CertifiedState;
import dev.jic.types.id.CanisterId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable copy of the state after one executed and certified batch, which queries and
 * inspect checks read while the next batches execute: every canister's system state is copied,
 * its heap and stable memory are page-map snapshots (O(1)), the module bytes are shared. Nobody
 * writes to it; a query runs on a {@link QuerySlot}'s private page maps over these snapshots.
 * A query therefore sees exactly the state between two batches, never a half-executed one.
 *
 * <p>{@link Capture} (owned by the batch driver, called under the execution lock) reuses the
 * frozen execution state of a canister whose memory, size and globals did not change, so query
 * slots keep their live Wasm instances across batches for canisters that were not updated.
 */
final class QueryState {
  final ReplicatedState state;
  final CertifiedState certified;
  final long timeNanos;
  private final Map<CanisterId, byte[]> dataCertificates = new ConcurrentHashMap<>();

  private QueryState(ReplicatedState state, CertifiedState certified) {
    this.state = state;
    this.certified = certified;
    this.timeNanos = state.metadata().batchTimeNanos();
  }

  /** The canister (frozen: never execute it directly), or null. */
  CanisterState canister(CanisterId id) {
    return state.canister(id);
  }

  /**
   * The data certificate {@code ic0.data_certificate_copy} returns in a query of {@code id}: a
   * certificate of this height revealing {@code /canister/<id>/certified_data} and {@code /time}.
   */
  byte[] dataCertificate(CanisterId id) {
    return dataCertificates.computeIfAbsent(id, k -> certified.certificateCbor(List.of(List.of(
        "canister".getBytes(StandardCharsets.US_ASCII), k.toBytes(), "certified_data".getBytes(StandardCharsets.US_ASCII)))));
  }

  /** Copies tips into query states; one instance per batch driver, used under the execution lock. */
  static final class Capture {
    private record Frozen(ExecutionState source, PageMapSnapshot heap, int heapPages, PageMapSnapshot stable,
        long stablePages, long[] low, long[] high, ExecutionState frozen) {}

    private Map<CanisterId, Frozen> previous = new HashMap<>();

    /** The query state of {@code tip}, which {@code certified} certifies (same height). */
    QueryState capture(ReplicatedState tip, CertifiedState certified) {
      ReplicatedState copy = new ReplicatedState(tip.metadata());
      Map<CanisterId, Frozen> next = new HashMap<>();
      for (CanisterState c : tip.canisters().values()) {
        ExecutionState es = c.execution();
        ExecutionState frozen = null;
        if (es != null) {
          Frozen f = freeze(es, previous.get(c.id()));
          next.put(c.id(), f);
          frozen = f.frozen;
        }
        copy.put(new CanisterState(copySystem(c.system()), frozen));
      }
      previous = next;
      return new QueryState(copy, certified);
    }

    private static Frozen freeze(ExecutionState es, Frozen old) {
      PageMapSnapshot heap = es.heap().snapshot();
      PageMapSnapshot stable = es.stable().pageMap().snapshot();
      long[] low = es.globalsLow();
      long[] high = es.globalsHigh();
      long stablePages = es.stable().sizeInWasmPages();
      if (old != null && old.source == es && old.heap == heap && old.stable == stable && old.heapPages == es.heapPages()
          && old.stablePages == stablePages && Arrays.equals(old.low, low) && Arrays.equals(old.high, high)) {
        return old;
      }
      ExecutionState frozen = new ExecutionState(es.wasmBinaryUnsafe(), es.moduleHash(), es.wasm64(), es.exports(),
          es.metadata(), PageMap.fromSnapshot(heap), es.heapPages(), new StableMemory(PageMap.fromSnapshot(stable),
              stablePages, es.stable().maxWasmPages()), low, high);
      return new Frozen(es, heap, es.heapPages(), stable, stablePages, low, high, frozen);
    }

    /** What queries, inspect checks and management queries read of a canister's system state. */
    private static SystemState copySystem(SystemState s) {
      SystemState c = new SystemState(s.id(), s.settings(), s.balance());
      c.setStatus(s.status());
      c.setCertifiedData(s.certifiedData());
      c.setGlobalTimerNanos(s.globalTimerNanos());
      c.restoreVersion(s.version());
      c.restoreReservedBalance(s.reservedBalance());
      c.restoreLog(s.logRecords(), s.nextLogIdx());
      c.restoreHistory(s.history(), s.totalChanges());
      c.chunkStore().putAll(s.chunkStore());
      c.snapshots().putAll(s.snapshots());
      return c;
    }
  }

  /** A private working copy of a frozen execution state (fresh page maps over the same snapshots). */
  static ExecutionState privateCopy(ExecutionState frozen) {
    return new ExecutionState(frozen.wasmBinaryUnsafe(), frozen.moduleHash(), frozen.wasm64(), frozen.exports(),
        frozen.metadata(), PageMap.fromSnapshot(frozen.heap().snapshot()), frozen.heapPages(),
        new StableMemory(PageMap.fromSnapshot(frozen.stable().pageMap().snapshot()), frozen.stable().sizeInWasmPages(),
            frozen.stable().maxWasmPages()), frozen.globalsLow(), frozen.globalsHigh());
  }
}
