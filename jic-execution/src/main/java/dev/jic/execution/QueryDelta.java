package dev.jic.execution;

import dev.jic.pagemap.Pages;
import dev.jic.pagemap.StableMemory;
import dev.jic.replicated.ExecutionState;
import dev.jic.wasm.memory.GlobalsSnapshot;
import dev.jic.wasm.memory.PageMapMemory;

/**
 * The uncommitted changes of a composite-query call context (heap pages written, heap size,
 * mutable globals, stable memory pages and size), kept while the context waits for responses so
 * its callbacks see them, and while the canister's live runtime is rolled back to the replicated
 * state for other executions (including re-entrant query calls into the same canister, which see
 * the replicated state as on the replica). Never committed: a composite query discards everything.
 *
 * <p>Tables, element segments and passive data segments are not part of it: as on the replica,
 * where every execution (the query and each callback) gets a fresh Wasm instance, a callback sees
 * them as instantiated whatever the query did ({@link CanisterRuntime#endExecution}).
 */
final class QueryDelta {
  private static final int PAGE = 1 << Pages.PAGE_SHIFT;

  private final int heapPages;
  private final long[] heapIndex;
  private final byte[][] heapBytes;
  private final GlobalsSnapshot globals;
  private final long stablePages;
  private final long[] stableIndex;
  private final byte[][] stableBytes;

  private QueryDelta(int heapPages, long[] heapIndex, byte[][] heapBytes, GlobalsSnapshot globals, long stablePages,
      long[] stableIndex, byte[][] stableBytes) {
    this.heapPages = heapPages;
    this.heapIndex = heapIndex;
    this.heapBytes = heapBytes;
    this.globals = globals;
    this.stablePages = stablePages;
    this.stableIndex = stableIndex;
    this.stableBytes = stableBytes;
  }

  /** Copies the uncommitted changes of {@code rt} and {@code es}'s stable memory (does not roll back). */
  static QueryDelta capture(CanisterRuntime rt, ExecutionState es) {
    PageMapMemory m = rt.memory;
    long[] hi = m == null ? new long[0] : m.dirtyPages();
    byte[][] hb = new byte[hi.length][];
    int pages = rt.heapPages();
    for (int i = 0; i < hi.length; i++) {
      long start = hi[i] * PAGE;
      // Pages beyond the current size cannot be dirty (a rollback shrinks only), but be safe.
      hb[i] = start + PAGE <= (long) pages << 16 ? m.readBytes((int) start, PAGE) : null;
    }
    StableMemory st = es.stable();
    long[] si = st.dirtyPages();
    byte[][] sb = new byte[si.length][];
    for (int i = 0; i < si.length; i++) {
      long start = si[i] * PAGE;
      sb[i] = start + PAGE <= st.sizeInBytes() ? st.read(start, PAGE) : null;
    }
    return new QueryDelta(pages, hi, hb, rt.captureGlobals(), st.sizeInWasmPages(), si, sb);
  }

  /**
   * Rolls {@code rt} and the stable memory back to the replicated state, then re-applies this
   * delta as uncommitted changes.
   */
  void applyTo(CanisterRuntime rt, ExecutionState es) {
    Executor.rollback(rt, null, es);
    PageMapMemory m = rt.memory;
    if (m != null) {
      if (heapPages > m.pages()) {
        m.grow(heapPages - m.pages());
      }
      for (int i = 0; i < heapIndex.length; i++) {
        if (heapBytes[i] != null) {
          m.write((int) (heapIndex[i] * PAGE), heapBytes[i], 0, PAGE);
        }
      }
    }
    globals.restoreTo(rt.instance.chicoryInstance());
    StableMemory st = es.stable();
    if (stablePages > st.sizeInWasmPages()) {
      st.grow(stablePages - st.sizeInWasmPages());
    }
    for (int i = 0; i < stableIndex.length; i++) {
      if (stableBytes[i] != null) {
        st.write(stableIndex[i] * PAGE, stableBytes[i]);
      }
    }
  }
}
