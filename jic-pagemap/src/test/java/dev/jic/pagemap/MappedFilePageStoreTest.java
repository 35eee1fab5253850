package dev.jic.pagemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedFilePageStoreTest {

    @Test
    void sparseGibFileCostsOnlyTheTouchedPages(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("heap.bin");
        long gib = 1L << 30;
        long[] marked = {0, 12345, (gib >>> 12) - 1};
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(gib); // sparse: no blocks allocated
            for (long p : marked) {
                raf.seek(p << 12);
                raf.writeLong(p + 1);
            }
        }
        try (MappedFilePageStore store = MappedFilePageStore.open(file)) {
            assertEquals(gib >>> 12, store.pageCount());
            PageMap m = PageMap.of(store);
            byte[] eight = new byte[8];
            for (long p : marked) {
                m.read(p << 12, eight, 0, 8);
                assertEquals(p + 1, java.nio.ByteBuffer.wrap(eight).getLong());
            }
            m.write((12345L << 12) + 100, new byte[] {1}, 0, 1);
            assertEquals(4, m.basePageLoads(), "3 reads + 1 copy-on-write, nothing else");
            assertEquals(1, m.pendingPageCount());
            m.commit();
            assertEquals(1, m.snapshot().deltaPageCount());
            m.read(100L << 12, eight, 0, 8);
            assertEquals(0L, java.nio.ByteBuffer.wrap(eight).getLong());
        }
    }

    @Test
    void unalignedTailReadsZeroAndClosedStoreThrows(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tail.bin");
        byte[] content = new byte[5000];
        java.util.Arrays.fill(content, (byte) 3);
        Files.write(file, content);
        MappedFilePageStore store = MappedFilePageStore.open(file);
        assertEquals(2, store.pageCount());
        byte[] page = new byte[Pages.PAGE_SIZE];
        store.readPage(1, page);
        assertEquals(3, page[5000 - 4096 - 1]);
        assertEquals(0, page[5000 - 4096]);
        store.close();
        store.close();
        assertThrows(IllegalStateException.class, () -> store.readPage(0, page));
    }

    @Test
    void storeOpenUntilUnreachableIgnoresCloseAndSurvivesUnlinking(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("kept.bin");
        byte[] content = new byte[2 * Pages.PAGE_SIZE];
        content[Pages.PAGE_SIZE + 7] = 42;
        Files.write(file, content);
        MappedFilePageStore store = MappedFilePageStore.openUntilUnreachable(file);
        PageMapSnapshot snap = PageMapSnapshot.of(store);
        store.close();
        Files.delete(file); // as checkpoint GC does; the mapping keeps the data readable (Linux)
        byte[] page = new byte[Pages.PAGE_SIZE];
        snap.copyPage(1, page);
        assertEquals(42, page[7]);
        assertEquals(42, store.content().get(java.lang.foreign.ValueLayout.JAVA_BYTE, Pages.PAGE_SIZE + 7));
    }

    @Test
    void emptyFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("empty.bin");
        Files.write(file, new byte[0]);
        try (MappedFilePageStore store = MappedFilePageStore.open(file)) {
            assertEquals(0, store.pageCount());
            byte[] page = new byte[Pages.PAGE_SIZE];
            page[0] = 1;
            store.readPage(0, page);
            assertEquals(0, page[0]);
        }
    }
}
