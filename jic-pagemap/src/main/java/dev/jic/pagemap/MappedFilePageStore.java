package dev.jic.pagemap;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A {@link PageStore} over a file memory-mapped read-only: page {@code i} is the bytes at
 * {@code [i * 4096, (i + 1) * 4096)}. Nothing is read at open time; the OS loads a page when it is
 * first touched, and a sparse file costs disk and memory only for its written extents.
 *
 * <p>The mapping lives in a shared {@link Arena}, so any thread may read; {@link #close()} unmaps it
 * (afterwards reads throw {@link IllegalStateException}). The file must not be modified while
 * mapped: checkpoint files are immutable once written.
 */
public final class MappedFilePageStore implements PageStore {
    private final Path path;
    private final Arena arena;
    private final MemorySegment segment;
    private final long pageCount;

    private MappedFilePageStore(Path path, Arena arena, MemorySegment segment) {
        this.path = path;
        this.arena = arena;
        this.segment = segment;
        this.pageCount = (segment.byteSize() + Pages.PAGE_SIZE - 1) >>> Pages.PAGE_SHIFT;
    }

    /**
     * Maps {@code file} read-only.
     *
     * @throws IOException if the file cannot be opened or mapped
     */
    public static MappedFilePageStore open(Path file) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            MemorySegment seg =
                    size == 0 ? MemorySegment.NULL.reinterpret(0) : ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            return new MappedFilePageStore(file, arena, seg);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** The mapped file. */
    public Path path() {
        return path;
    }

    @Override
    public long pageCount() {
        return pageCount;
    }

    @Override
    public void readPage(long pageIndex, byte[] dst) {
        PageStores.checkArgs(pageIndex, dst);
        if (pageIndex >= pageCount) {
            Arrays.fill(dst, 0, Pages.PAGE_SIZE, (byte) 0);
            return;
        }
        long start = pageIndex << Pages.PAGE_SHIFT;
        int len = (int) Math.min(Pages.PAGE_SIZE, segment.byteSize() - start);
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, start, dst, 0, len);
        Arrays.fill(dst, len, Pages.PAGE_SIZE, (byte) 0);
    }

    @Override
    public MemorySegment content() {
        return segment.asReadOnly();
    }

    @Override
    public synchronized void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
