package dev.jic.pagemap;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Objects;

/**
 * A {@link PageStore} over a private copy of a byte array: for tests, for small states, and as the
 * empty store. Thread-safe (immutable).
 */
public final class HeapPageStore implements PageStore {
    static final HeapPageStore EMPTY = new HeapPageStore(new byte[0]);

    private final byte[] content;

    private HeapPageStore(byte[] content) {
        this.content = content;
    }

    /** A store holding a copy of {@code content}; a partial last page is zero-padded. */
    public static HeapPageStore of(byte[] content) {
        return new HeapPageStore(Arrays.copyOf(Objects.requireNonNull(content), content.length));
    }

    @Override
    public long pageCount() {
        return ((long) content.length + Pages.PAGE_SIZE - 1) >>> Pages.PAGE_SHIFT;
    }

    @Override
    public void readPage(long pageIndex, byte[] dst) {
        PageStores.checkArgs(pageIndex, dst);
        long start = pageIndex << Pages.PAGE_SHIFT;
        if (pageIndex >= pageCount()) {
            Arrays.fill(dst, 0, Pages.PAGE_SIZE, (byte) 0);
            return;
        }
        int len = (int) Math.min(Pages.PAGE_SIZE, content.length - start);
        System.arraycopy(content, (int) start, dst, 0, len);
        Arrays.fill(dst, len, Pages.PAGE_SIZE, (byte) 0);
    }

    @Override
    public MemorySegment content() {
        return MemorySegment.ofArray(content).asReadOnly();
    }
}
