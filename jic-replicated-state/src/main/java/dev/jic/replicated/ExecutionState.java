package dev.jic.replicated;

import dev.jic.pagemap.PageMap;
import dev.jic.pagemap.StableMemory;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The state of a canister with code installed: the module, the Wasm heap (a page map and its size
 * in Wasm pages), stable memory, the values of the mutable globals, and the {@code icp:} metadata
 * sections. Compiled code and live instances are NOT here (non-replicated; execution caches them
 * by module hash and canister id).
 *
 * <p>Mutable with one writer: execution replaces the heap size and globals after each committed
 * message ({@link #commitHeap}); the page maps are the same objects for the canister's lifetime
 * between installs. The module bytes are immutable.
 */
public final class ExecutionState {
  private final byte[] wasmBinary;
  private final byte[] moduleHash;
  private final boolean wasm64;
  private final List<String> exports;
  private final SortedMap<String, IcpSection> metadata;
  private final PageMap heap;
  private int heapPages;
  private final StableMemory stable;
  private long[] globalsLow;
  private long[] globalsHigh;

  /**
   * @param wasmBinary the module bytes as installed (raw or gzip)
   * @param moduleHash SHA-256 of {@code wasmBinary}
   * @param wasm64 whether the module declares a 64-bit memory
   * @param exports the exported function names, sorted
   * @param metadata the {@code icp:} sections by name
   * @param heap the heap page map
   * @param heapPages heap size in Wasm pages
   * @param stable stable memory
   * @param globalsLow low 64 bits of each mutable global, in global index order
   * @param globalsHigh high 64 bits (v128 only), same length
   */
  public ExecutionState(byte[] wasmBinary, byte[] moduleHash, boolean wasm64, List<String> exports,
      SortedMap<String, IcpSection> metadata, PageMap heap, int heapPages, StableMemory stable, long[] globalsLow,
      long[] globalsHigh) {
    this.wasmBinary = wasmBinary.clone();
    this.moduleHash = moduleHash.clone();
    this.wasm64 = wasm64;
    this.exports = List.copyOf(exports);
    this.metadata = Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
    this.heap = Objects.requireNonNull(heap);
    this.heapPages = heapPages;
    this.stable = Objects.requireNonNull(stable);
    setGlobals(globalsLow, globalsHigh);
  }

  /** The module bytes (not copied: callers must not modify them). */
  public byte[] wasmBinaryUnsafe() {
    return wasmBinary;
  }

  /** Size of the module in bytes. */
  public int wasmBinarySize() {
    return wasmBinary.length;
  }

  /** SHA-256 of the module bytes (a copy). */
  public byte[] moduleHash() {
    return moduleHash.clone();
  }

  /** The module hash in lower-case hex. */
  public String moduleHashHex() {
    return HexFormat.of().formatHex(moduleHash);
  }

  public boolean wasm64() {
    return wasm64;
  }

  /** Exported function names, sorted. */
  public List<String> exports() {
    return exports;
  }

  /** Whether the module exports function {@code name}. */
  public boolean exports(String name) {
    return Collections.binarySearch(exports, name) >= 0;
  }

  /** The {@code icp:} sections by name. */
  public SortedMap<String, IcpSection> metadata() {
    return metadata;
  }

  /** Whether the module has the private section {@code enhanced-orthogonal-persistence}. */
  public boolean hasEnhancedOrthogonalPersistence() {
    IcpSection s = metadata.get(IcpSection.ENHANCED_ORTHOGONAL_PERSISTENCE);
    return s != null && !s.isPublic();
  }

  public PageMap heap() {
    return heap;
  }

  public int heapPages() {
    return heapPages;
  }

  public StableMemory stable() {
    return stable;
  }

  /** Low halves of the mutable globals (a copy). */
  public long[] globalsLow() {
    return globalsLow.clone();
  }

  /** High halves of the mutable globals (a copy). */
  public long[] globalsHigh() {
    return globalsHigh.clone();
  }

  /** Records the heap size and globals after a committed message. */
  public void commitHeap(int pages, long[] low, long[] high) {
    this.heapPages = pages;
    setGlobals(low, high);
  }

  private void setGlobals(long[] low, long[] high) {
    if (low.length != high.length) {
      throw new IllegalArgumentException("globals halves differ in length");
    }
    this.globalsLow = low.clone();
    this.globalsHigh = high.clone();
  }

  @Override
  public String toString() {
    return "ExecutionState[" + moduleHashHex() + (wasm64 ? ", wasm64" : "") + ", heap " + heapPages + " pages, stable "
        + stable.sizeInWasmPages() + " pages, globals " + Arrays.toString(globalsLow) + "]";
  }
}
