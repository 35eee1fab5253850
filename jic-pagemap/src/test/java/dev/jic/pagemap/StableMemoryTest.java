package dev.jic.pagemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StableMemoryTest {

    @Test
    void growsInWasmPagesUpToTheMaximum() {
        StableMemory s = new StableMemory(PageMap.empty(), 0, 10);
        assertEquals(0, s.grow(4));
        assertEquals(4, s.sizeInWasmPages());
        assertEquals(4L * 65536, s.sizeInBytes());
        assertEquals(-1, s.grow(7), "past the maximum: unchanged");
        assertEquals(-1, s.grow(-1));
        assertEquals(4, s.grow(6));
        assertEquals(10, s.sizeInWasmPages());
        assertThrows(IllegalArgumentException.class, () -> new StableMemory(PageMap.empty(), 2, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new StableMemory(PageMap.empty(), 0, StableMemory.MAX_WASM_PAGES + 1));
    }

    @Test
    void boundsAreCheckedBeforeAnyByteMoves() {
        StableMemory s = new StableMemory(PageMap.empty(), 1, 4);
        s.write(65530, new byte[] {1, 2, 3, 4, 5, 6});
        StableMemoryException e = assertThrows(StableMemoryException.class, () -> s.write(65531, new byte[6]));
        assertEquals(65531, e.offset());
        assertEquals(6, e.length());
        assertEquals(65536, e.sizeInBytes());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, s.read(65530, 6), "failed write changed nothing");
        assertThrows(StableMemoryException.class, () -> s.read(65536, 1));
        assertThrows(StableMemoryException.class, () -> s.read(-1, 1), "u64 offset 2^64-1");
        assertThrows(StableMemoryException.class, () -> s.read(Long.MAX_VALUE, 1));
        assertEquals(0, s.read(65536, 0).length, "empty read at the end is fine");
        assertThrows(IndexOutOfBoundsException.class, () -> s.read(0, new byte[2], 1, 2));
    }

    @Test
    void rollbackDropsWritesAndGrowth() {
        StableMemory s = new StableMemory(PageMap.empty(), 1, 100);
        s.write(0, new byte[] {7});
        s.commit();
        s.grow(10);
        s.write(5 * 65536, new byte[] {9});
        s.write(0, new byte[] {8});
        assertArrayEquals(new long[] {0, 80}, s.dirtyPages());
        s.rollback();
        assertEquals(1, s.sizeInWasmPages());
        assertArrayEquals(new byte[] {7}, s.read(0, 1));
        assertEquals(0, s.dirtyPages().length);
        s.grow(10);
        assertArrayEquals(new byte[] {0}, s.read(5 * 65536, 1), "rolled-back page reads zero again");
    }

    @Test
    void holdsFarMoreThanTheHeapSparsely() {
        long tib = 1L << 40;
        StableMemory s = new StableMemory(PageMap.empty(), 0, StableMemory.MAX_WASM_PAGES);
        assertEquals(0, s.grow(tib / 65536 * 4)); // 4 TiB
        long[] offsets = {0, tib - 3, 3 * tib + 12345, 4 * tib - 8};
        for (long o : offsets) {
            s.write(o, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        }
        s.commit();
        for (long o : offsets) {
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, s.read(o, 8));
        }
        assertEquals(5, s.pageMap().snapshot().deltaPageCount(), "one write straddles two pages");
    }
}
