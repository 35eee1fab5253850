package dev.jic.pagemap;

import java.lang.foreign.MemorySegment;

/**
 * The immutable base layer of a {@link PageMap}: typically the page file of the last checkpoint,
 * memory-mapped and faulted in by the OS on first touch.
 *
 * <p>Contract for implementations (SPI; jic-state supplies checkpoint-backed stores):
 * <ul>
 *   <li>Content never changes after construction; pages at or beyond {@link #pageCount()} read as
 *       zeros. A store is therefore safe to read from any number of threads at once.</li>
 *   <li>{@link #readPage} copies exactly {@link Pages#PAGE_SIZE} bytes and never retains {@code dst}.</li>
 *   <li>The owner of a store (whoever opened it) closes it, and only after no {@link PageMap} or
 *       {@link PageMapSnapshot} that uses it will be read again; reading a closed mapped store
 *       throws {@link IllegalStateException} (never a crash). Stores whose lifetime follows
 *       reachability (e.g. {@link MappedFilePageStore#openUntilUnreachable}, jic-state's
 *       checkpoint stores) ignore {@code close()} and are never closed under a reader.</li>
 * </ul>
 */
public interface PageStore extends AutoCloseable {

    /** The number of 4 KiB pages backed by this store; every page at or beyond it is zero. */
    long pageCount();

    /**
     * Copies page {@code pageIndex} into {@code dst[0..4096)}; zeros if the index is at or beyond
     * {@link #pageCount()}.
     *
     * @throws IllegalArgumentException if {@code pageIndex < 0} or {@code dst.length < 4096}
     * @throws IllegalStateException if the store was closed
     */
    void readPage(long pageIndex, byte[] dst);

    /**
     * A read-only view of the store's content ({@code pageCount() * 4096} bytes, the last page
     * possibly shorter if the backing file is not page-aligned: its tail reads as zeros) for bulk
     * hashing or copying. Valid while the store is open.
     */
    MemorySegment content();

    /** Releases the store's resources (unmaps a file). Idempotent. Default: nothing to release. */
    @Override
    default void close() {}

    /** The store with no pages: every page reads as zeros. Costs nothing; never needs closing. */
    static PageStore empty() {
        return HeapPageStore.EMPTY;
    }
}
