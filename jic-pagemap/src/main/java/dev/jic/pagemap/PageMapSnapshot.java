package dev.jic.pagemap;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * An immutable view of a page map's committed content: a {@link PageStore} base overlaid with a
 * delta of pages changed since that base was written. Taking one ({@link PageMap#snapshot()}) is
 * O(1) and copies nothing; any number of threads may read a snapshot concurrently (queries,
 * checkpoint writing, manifest hashing) while the page map it came from keeps executing.
 *
 * <p>For checkpoints (jic-state): {@link #base()} is the previous checkpoint's page file and
 * {@link #forEachDeltaPage} yields, in ascending page order, exactly the pages that differ from it,
 * so a checkpoint can be written as "base file + overlay of delta pages", and after the new
 * checkpoint is durable, {@link #rebase} swaps in its store and drops the delta. For manifests,
 * {@link #copyPage} and {@link #pageBound()} give the full logical content page by page.
 *
 * <p>The snapshot does not own its base store: the store's owner keeps it open while the snapshot
 * may be read. Stores mapped until unreachable ({@link MappedFilePageStore#openUntilUnreachable},
 * jic-state's checkpoint stores) need nothing: holding the snapshot keeps them readable.
 */
public final class PageMapSnapshot {
    private static final PageMapSnapshot EMPTY = new PageMapSnapshot(PageStore.empty(), PageTrie.EMPTY);

    private final PageStore base;
    private final PageTrie delta;

    PageMapSnapshot(PageStore base, PageTrie delta) {
        this.base = Objects.requireNonNull(base);
        this.delta = Objects.requireNonNull(delta);
    }

    /** The snapshot with no content: all pages zero. */
    public static PageMapSnapshot empty() {
        return EMPTY;
    }

    /** A snapshot whose content is exactly {@code base} (no delta). */
    public static PageMapSnapshot of(PageStore base) {
        return new PageMapSnapshot(base, PageTrie.EMPTY);
    }

    /** The immutable base layer. */
    public PageStore base() {
        return base;
    }

    PageTrie delta() {
        return delta;
    }

    /** Number of pages held in the in-memory delta (changed since the base). */
    public long deltaPageCount() {
        return delta.size();
    }

    /**
     * One past the highest page that may be non-zero: {@code max(base.pageCount(), highest delta
     * page + 1)}. Every page at or beyond it reads as zeros.
     */
    public long pageBound() {
        return Math.max(base.pageCount(), delta.upperBound());
    }

    /**
     * Copies page {@code pageIndex} into {@code dst[0..4096)}: the delta's page if present, else
     * the base's (zeros beyond it).
     *
     * @throws IllegalArgumentException if {@code pageIndex < 0} or {@code dst} is shorter than a page
     */
    public void copyPage(long pageIndex, byte[] dst) {
        PageStores.checkArgs(pageIndex, dst);
        byte[] p = delta.get(pageIndex);
        if (p != null) {
            System.arraycopy(p, 0, dst, 0, Pages.PAGE_SIZE);
        } else {
            base.readPage(pageIndex, dst);
        }
    }

    /** True if page {@code pageIndex} is held in the delta (differs from, or overrides, the base). */
    public boolean inDelta(long pageIndex) {
        return pageIndex >= 0 && delta.get(pageIndex) != null;
    }

    /** Receives delta pages in ascending page order, each as a read-only 4 KiB segment. */
    @FunctionalInterface
    public interface DeltaPageVisitor {
        /** Called once per delta page; {@code page} is valid as long as the snapshot is. */
        void visit(long pageIndex, MemorySegment page);
    }

    /** Visits every delta page in ascending page order (deterministic). */
    public void forEachDeltaPage(DeltaPageVisitor visitor) {
        delta.forEach((i, p) -> visitor.visit(i, MemorySegment.ofArray(p).asReadOnly()));
    }

    /**
     * This content with a new base and no delta. Only valid when {@code newBase} holds exactly
     * this snapshot's content (e.g. the checkpoint file just written from it); the caller
     * guarantees that, typically after checking the manifest.
     */
    public PageMapSnapshot rebase(PageStore newBase) {
        return new PageMapSnapshot(newBase, PageTrie.EMPTY);
    }

    /** Package-internal: the committed page at {@code index} if in the delta, else null. */
    byte[] deltaPage(long index) {
        return delta.get(index);
    }
}
