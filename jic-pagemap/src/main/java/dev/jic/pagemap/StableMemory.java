package dev.jic.pagemap;

import java.util.Objects;

/**
 * A canister's stable memory: a 64-bit byte space over its own {@link PageMap}, sized in 64 KiB
 * Wasm pages, growing up to a maximum, sparse (only written pages cost heap, so it can be far
 * larger than the JVM heap). Every access is bounds-checked against the current size before any
 * byte moves, so a failed access changes nothing.
 *
 * <p>Transactions follow the page map: {@link #commit()} keeps the current message's writes and
 * growth, {@link #rollback()} drops both. Same threading contract as {@link PageMap}: one thread at
 * a time.
 */
public final class StableMemory {
    /** The largest supported size in Wasm pages: sizes in bytes stay below 2^63 (8 EiB). */
    public static final long MAX_WASM_PAGES = Long.MAX_VALUE >>> Pages.WASM_PAGE_SHIFT;

    private final PageMap pageMap;
    private final long maxWasmPages;
    private long wasmPages;
    private long committedWasmPages;

    /**
     * Stable memory over {@code pageMap} currently {@code wasmPages} Wasm pages long, growable to
     * {@code maxWasmPages}.
     *
     * @throws IllegalArgumentException if {@code wasmPages > maxWasmPages}, either is negative, or
     *     the maximum is {@link #MAX_WASM_PAGES} or more
     */
    public StableMemory(PageMap pageMap, long wasmPages, long maxWasmPages) {
        this.pageMap = Objects.requireNonNull(pageMap);
        if (wasmPages < 0 || maxWasmPages < wasmPages || maxWasmPages > MAX_WASM_PAGES) {
            throw new IllegalArgumentException("bad stable memory size " + wasmPages + " / max " + maxWasmPages);
        }
        this.maxWasmPages = maxWasmPages;
        this.wasmPages = wasmPages;
        this.committedWasmPages = wasmPages;
    }

    /** The underlying page map (for snapshots and checkpoints). */
    public PageMap pageMap() {
        return pageMap;
    }

    /** Current size in 64 KiB Wasm pages. */
    public long sizeInWasmPages() {
        return wasmPages;
    }

    /** Current size in bytes. */
    public long sizeInBytes() {
        return wasmPages << Pages.WASM_PAGE_SHIFT;
    }

    /** The maximum size in Wasm pages. */
    public long maxWasmPages() {
        return maxWasmPages;
    }

    /**
     * Grows by {@code additional} Wasm pages (new pages read as zero) and returns the previous size,
     * or -1 without change if the result would exceed the maximum or {@code additional} is negative
     * (the System API's {@code stable64_grow} contract).
     */
    public long grow(long additional) {
        if (additional < 0 || additional > maxWasmPages - wasmPages) {
            return -1;
        }
        long old = wasmPages;
        wasmPages += additional;
        return old;
    }

    /**
     * Copies {@code len} bytes from stable offset {@code offset} into {@code dst[dstOff..)}.
     *
     * @throws StableMemoryException if the range is outside the current size or negative
     * @throws IndexOutOfBoundsException if {@code dst[dstOff..dstOff+len)} is not a valid range (a
     *     caller bug, not a canister error)
     */
    public void read(long offset, byte[] dst, int dstOff, int len) {
        check(offset, len);
        Objects.checkFromIndexSize(dstOff, len, dst.length);
        pageMap.read(offset, dst, dstOff, len);
    }

    /** Returns {@code len} bytes read from stable offset {@code offset}; see {@link #read(long, byte[], int, int)}. */
    public byte[] read(long offset, int len) {
        check(offset, len);
        byte[] out = new byte[len];
        pageMap.read(offset, out, 0, len);
        return out;
    }

    /**
     * Writes {@code src[srcOff..srcOff+len)} at stable offset {@code offset}.
     *
     * @throws StableMemoryException if the range is outside the current size or negative
     * @throws IndexOutOfBoundsException if the source range is invalid (a caller bug)
     */
    public void write(long offset, byte[] src, int srcOff, int len) {
        check(offset, len);
        Objects.checkFromIndexSize(srcOff, len, src.length);
        pageMap.write(offset, src, srcOff, len);
    }

    /** Writes all of {@code src} at {@code offset}; see {@link #write(long, byte[], int, int)}. */
    public void write(long offset, byte[] src) {
        write(offset, src, 0, src.length);
    }

    /** Keeps the current message's writes and growth. */
    public void commit() {
        pageMap.commit();
        committedWasmPages = wasmPages;
    }

    /** Drops the current message's writes and growth. */
    public void rollback() {
        pageMap.rollback();
        wasmPages = committedWasmPages;
    }

    /** The pages (4 KiB) written by the current message, ascending. */
    public long[] dirtyPages() {
        return pageMap.pendingPages();
    }

    /** Offsets and lengths are unsigned 64-bit: a negative value is a huge one, so out of bounds. */
    private void check(long offset, long len) {
        if (offset < 0 || len < 0 || offset > sizeInBytes() - len) {
            throw new StableMemoryException(offset, len, sizeInBytes());
        }
    }
}
