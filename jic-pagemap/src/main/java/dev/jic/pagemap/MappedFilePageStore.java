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
 * <p>Two lifetimes, chosen at open time; either way any thread may read:
 * <ul>
 *   <li>{@link #open}: the mapping lives in a shared {@link Arena}; {@link #close()} unmaps it
 *       (afterwards reads throw {@link IllegalStateException}). For owners that know when the
 *       last reader is gone.</li>
 *   <li>{@link #openUntilUnreachable}: the mapping lives in an automatic arena and is unmapped by
 *       the garbage collector once neither this store nor any segment from {@link #content()} is
 *       reachable; {@link #close()} does nothing. Any {@link PageMap} or {@link PageMapSnapshot}
 *       that refers to the store can therefore always read it, however long it is held. On Linux a
 *       mapped file stays readable after it is unlinked (its blocks are freed at unmapping).</li>
 * </ul>
 * The file must not be modified while mapped: checkpoint files are immutable once written.
 */
public final class MappedFilePageStore implements PageStore {
    private final Path path;
    private final Arena arena;
    private final MemorySegment segment;
    private final long pageCount;

    private final boolean closeable;

    private MappedFilePageStore(Path path, Arena arena, boolean closeable, MemorySegment segment) {
        this.path = path;
        this.arena = arena;
        this.closeable = closeable;
        this.segment = segment;
        this.pageCount = (segment.byteSize() + Pages.PAGE_SIZE - 1) >>> Pages.PAGE_SHIFT;
    }

    /**
     * Maps {@code file} read-only.
     *
     * @throws IOException if the file cannot be opened or mapped
     */
    public static MappedFilePageStore open(Path file) throws IOException {
        return map(file, Arena.ofShared(), true);
    }

    /**
     * Maps {@code file} read-only for as long as the store (or a segment of its content) is
     * reachable; {@link #close()} is a no-op, reads never throw {@link IllegalStateException}.
     *
     * @throws IOException if the file cannot be opened or mapped
     */
    public static MappedFilePageStore openUntilUnreachable(Path file) throws IOException {
        return map(file, Arena.ofAuto(), false);
    }

    private static MappedFilePageStore map(Path file, Arena arena, boolean closeable) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            MemorySegment seg =
                    size == 0 ? MemorySegment.NULL.reinterpret(0) : ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            return new MappedFilePageStore(file, arena, closeable, seg);
        } catch (IOException | RuntimeException e) {
            if (closeable) {
                arena.close();
            }
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

    /**
     * Unmaps the file if opened with {@link #open} (idempotent); does nothing for a store opened
     * with {@link #openUntilUnreachable}.
     */
    @Override
    public synchronized void close() {
        if (closeable && arena.scope().isAlive()) {
            arena.close();
        }
    }
}
