package dev.jic.pagemap;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A mutable sparse array of 4 KiB pages addressed by a 64-bit page index: orthogonally persistent
 * canister memory. Three layers, read top-down:
 * <ol>
 *   <li><b>pending</b>: pages written by the message now executing, each copied on its first
 *       write ({@link #pageForWrite}); {@link #commit()} folds them into the delta,
 *       {@link #rollback()} drops them (a trap or the end of a query);</li>
 *   <li><b>delta</b>: committed pages changed since the base, in a persistent trie, so
 *       {@link #snapshot()} is O(1) and later commits never disturb a snapshot;</li>
 *   <li><b>base</b>: an immutable {@link PageStore} (the last checkpoint, memory-mapped); pages it
 *       does not cover are zero. Untouched pages cost no heap.</li>
 * </ol>
 * A page map has no size: bounds belong to the memory built on it (Wasm heap, stable memory).
 *
 * <p><b>Ownership and threads.</b> A page map is used by one execution thread at a time and is not
 * thread-safe; hand it between threads only with a happens-before edge (an executor hand-off). Its
 * {@link PageMapSnapshot snapshots} are immutable and may be shared freely. The byte arrays
 * returned by {@link #pageForRead} must never be modified by anyone; the array returned by
 * {@link #pageForWrite} belongs to the caller for writing only until the next {@link #commit()} or
 * {@link #rollback()}, after which it is frozen (it may now be shared with snapshots).
 */
public final class PageMap {
    private PageMapSnapshot committed;
    /** Pending (uncommitted) pages of the current message, in page order. */
    private final TreeMap<Long, byte[]> pending = new TreeMap<>();
    private long basePageLoads;

    private PageMap(PageMapSnapshot committed) {
        this.committed = committed;
    }

    /** A page map with every page zero. */
    public static PageMap empty() {
        return new PageMap(PageMapSnapshot.empty());
    }

    /** A page map whose committed content is {@code base}. */
    public static PageMap of(PageStore base) {
        return new PageMap(PageMapSnapshot.of(base));
    }

    /** A page map continuing from {@code snapshot} (e.g. a query's scratch copy, or the next round). */
    public static PageMap fromSnapshot(PageMapSnapshot snapshot) {
        return new PageMap(Objects.requireNonNull(snapshot));
    }

    /**
     * The committed content, excluding pending writes. O(1); the snapshot is immutable and
     * unaffected by later writes, commits and rollbacks.
     */
    public PageMapSnapshot snapshot() {
        return committed;
    }

    /**
     * The current content of a page (pending write, else delta, else a fresh copy of the base page,
     * else the shared zero page). Never null, always 4096 bytes.
     *
     * <p>The result may be shared with snapshots and other callers: <b>never modify it</b>. A base
     * page is copied on every call; callers that read a page often cache the result (until their
     * next write to that page, commit or rollback).
     *
     * @throws IllegalArgumentException if {@code pageIndex < 0}
     */
    public byte[] pageForRead(long pageIndex) {
        checkIndex(pageIndex);
        if (!pending.isEmpty()) {
            byte[] p = pending.get(pageIndex);
            if (p != null) {
                return p;
            }
        }
        return committedPage(pageIndex);
    }

    private byte[] committedPage(long pageIndex) {
        byte[] p = committed.deltaPage(pageIndex);
        if (p != null) {
            return p;
        }
        PageStore base = committed.base();
        if (pageIndex >= base.pageCount()) {
            return Pages.ZERO;
        }
        byte[] copy = new byte[Pages.PAGE_SIZE];
        base.readPage(pageIndex, copy);
        basePageLoads++;
        return copy;
    }

    /**
     * A writable copy of page {@code pageIndex} private to the current message, created on the
     * first call for that page since the last commit/rollback (copy-on-first-write) and returned
     * again by later calls. The page is dirty from then on. Writable only until the next
     * {@link #commit()} or {@link #rollback()}.
     *
     * @throws IllegalArgumentException if {@code pageIndex < 0}
     */
    public byte[] pageForWrite(long pageIndex) {
        checkIndex(pageIndex);
        byte[] p = pending.get(pageIndex);
        if (p == null) {
            byte[] current = committedPage(pageIndex);
            p = current == Pages.ZERO ? new byte[Pages.PAGE_SIZE] : current.clone();
            pending.put(pageIndex, p);
        }
        return p;
    }

    /** True if the current message has written at least one page. */
    public boolean hasPendingWrites() {
        return !pending.isEmpty();
    }

    /** Number of pages written by the current message. */
    public int pendingPageCount() {
        return pending.size();
    }

    /** The pages written by the current message (its dirty set), ascending. */
    public long[] pendingPages() {
        return pending.keySet().stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Folds the current message's writes into the committed delta (all-zero pages are stored as
     * one shared zero page). Afterwards {@link #snapshot()} includes them and the arrays handed out
     * by {@link #pageForWrite} are frozen. Cost: proportional to the pages written.
     */
    public void commit() {
        if (pending.isEmpty()) {
            return;
        }
        PageTrie.Builder b = committed.delta().toBuilder();
        for (Map.Entry<Long, byte[]> e : pending.entrySet()) {
            byte[] p = e.getValue();
            b.put(e.getKey(), Pages.isZero(p) ? Pages.ZERO : p);
        }
        committed = new PageMapSnapshot(committed.base(), b.build());
        pending.clear();
    }

    /** Drops the current message's writes: the content is again exactly {@link #snapshot()}. */
    public void rollback() {
        pending.clear();
    }

    /**
     * Replaces the whole committed content by {@code snapshot} (e.g. after a checkpoint,
     * {@code snapshot().rebase(newStore)}; or loading other state).
     *
     * @throws IllegalStateException if the current message has pending writes
     */
    public void reset(PageMapSnapshot snapshot) {
        if (!pending.isEmpty()) {
            throw new IllegalStateException("reset with " + pending.size() + " pending pages");
        }
        committed = Objects.requireNonNull(snapshot);
    }

    /** Number of base pages copied into the heap so far (lazy loading metric). */
    public long basePageLoads() {
        return basePageLoads;
    }

    /** Copies {@code len} bytes at byte offset {@code offset} into {@code dst[dstOff..)}. */
    public void read(long offset, byte[] dst, int dstOff, int len) {
        Objects.checkFromIndexSize(dstOff, len, dst.length);
        checkRange(offset, len);
        while (len > 0) {
            int inPage = (int) (offset & (Pages.PAGE_SIZE - 1));
            int chunk = Math.min(len, Pages.PAGE_SIZE - inPage);
            System.arraycopy(pageForRead(offset >>> Pages.PAGE_SHIFT), inPage, dst, dstOff, chunk);
            offset += chunk;
            dstOff += chunk;
            len -= chunk;
        }
    }

    /** Copies {@code src[srcOff..srcOff+len)} to byte offset {@code offset} (copy-on-first-write). */
    public void write(long offset, byte[] src, int srcOff, int len) {
        Objects.checkFromIndexSize(srcOff, len, src.length);
        checkRange(offset, len);
        while (len > 0) {
            int inPage = (int) (offset & (Pages.PAGE_SIZE - 1));
            int chunk = Math.min(len, Pages.PAGE_SIZE - inPage);
            System.arraycopy(src, srcOff, pageForWrite(offset >>> Pages.PAGE_SHIFT), inPage, chunk);
            offset += chunk;
            srcOff += chunk;
            len -= chunk;
        }
    }

    /** Sets {@code len} bytes at byte offset {@code offset} to {@code value}. */
    public void fill(long offset, long len, byte value) {
        checkRange(offset, len);
        while (len > 0) {
            int inPage = (int) (offset & (Pages.PAGE_SIZE - 1));
            int chunk = (int) Math.min(len, Pages.PAGE_SIZE - inPage);
            long page = offset >>> Pages.PAGE_SHIFT;
            if (!(value == 0 && isUntouchedZero(page))) {
                Arrays.fill(pageForWrite(page), inPage, inPage + chunk, value);
            }
            offset += chunk;
            len -= chunk;
        }
    }

    /** True if the page is zero without ever having been written or loaded (costs nothing). */
    private boolean isUntouchedZero(long pageIndex) {
        return !pending.containsKey(pageIndex)
                && committed.deltaPage(pageIndex) == null
                && pageIndex >= committed.base().pageCount();
    }

    private static void checkIndex(long pageIndex) {
        if (pageIndex < 0) {
            throw new IllegalArgumentException("negative page index " + pageIndex);
        }
    }

    private static void checkRange(long offset, long len) {
        if (offset < 0 || len < 0 || offset + len < 0) {
            throw new IllegalArgumentException("bad byte range offset=" + offset + " len=" + len);
        }
    }
}
