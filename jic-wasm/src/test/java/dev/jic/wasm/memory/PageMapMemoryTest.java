package dev.jic.wasm.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.jic.pagemap.MappedFilePageStore;
import dev.jic.pagemap.PageMap;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageMapMemoryTest {

    /** Every typed accessor, as (memory, address) -> result, so both memories run the same calls. */
    private static final List<BiFunction<Memory, Integer, Object>> ACCESSORS = List.of(
            Memory::read, Memory::readShort, Memory::readU16, Memory::readInt, Memory::readLong,
            Memory::readFloat, Memory::readDouble, Memory::readF32, Memory::readF64, Memory::readU8,
            Memory::readI8, Memory::readI16, Memory::readI32, Memory::readU32, Memory::readI64,
            (m, a) -> { m.writeByte(a, (byte) 1); return null; },
            (m, a) -> { m.writeShort(a, (short) 0x0102); return null; },
            (m, a) -> { m.writeI32(a, 0x01020304); return null; },
            (m, a) -> { m.writeLong(a, 0x0102030405060708L); return null; },
            (m, a) -> { m.writeF32(a, 1.5f); return null; },
            (m, a) -> { m.writeF64(a, -2.25); return null; },
            (m, a) -> m.readBytes(a, 3).length,
            (m, a) -> { m.write(a, new byte[] {1, 2, 3}); return null; },
            (m, a) -> { m.fill((byte) 7, a, a + 5); return null; },
            (m, a) -> { m.copy(a, 0, 6); return null; },
            (m, a) -> { m.copy(0, a, 6); return null; },
            (m, a) -> m.atomicReadByte(a),
            (m, a) -> { m.atomicWriteByte(a, (byte) 5); return null; });

    private static Object outcome(BiFunction<Memory, Integer, Object> f, Memory m, int addr) {
        try {
            Object r = f.apply(m, addr);
            return r instanceof Float x ? Float.floatToRawIntBits(x)
                    : r instanceof Double d ? Double.doubleToRawLongBits(d) : Objects.toString(r);
        } catch (ChicoryException e) {
            return e.getClass();
        }
    }

    @Test
    void trapsAndValuesMatchChicorysByteArrayMemory() {
        MemoryLimits limits = new MemoryLimits(2, 4);
        int[] addresses = {Integer.MIN_VALUE, -8, -1, 0, 1, 4093, 4094, 4095, 4096, 65534, 65535, 65536,
            131064, 131065, 131067, 131068, 131069, 131071, 131072, 131073, Integer.MAX_VALUE - 2, Integer.MAX_VALUE};
        int checked = 0;
        for (int i = 0; i < ACCESSORS.size(); i++) {
            ByteArrayMemory ref = new ByteArrayMemory(limits);
            PageMapMemory mem = PageMapMemory.fresh(limits, 100);
            for (int a = 0; a < 131072; a += 4093) { // same non-zero content in both
                ref.writeI32(a, a * 7 + 1);
                mem.writeI32(a, a * 7 + 1);
            }
            for (int addr : addresses) {
                Object want = outcome(ACCESSORS.get(i), ref, addr);
                Object got = outcome(ACCESSORS.get(i), mem, addr);
                assertEquals(want, got, "accessor " + i + " at " + addr);
                checked++;
            }
            assertEquals(java.util.Arrays.toString(ref.readBytes(0, 131072)).hashCode(),
                    java.util.Arrays.toString(mem.readBytes(0, 131072)).hashCode(), "same bytes after accessor " + i);
        }
        assertEquals(ACCESSORS.size() * addresses.length, checked);
    }

    /**
     * Chicory 1.7.5's ByteArrayMemory fails every multi-byte atomic and every atomic
     * read-modify-write on a non-shared memory on this JDK (it reports "out of bounds" even at
     * address 0), so these are checked against their definition instead of differentially.
     */
    @Test
    void atomicReadModifyWriteOnNonSharedMemory() {
        PageMapMemory mem = PageMapMemory.fresh(new MemoryLimits(1, 1), 1);
        mem.writeI32(8, 10);
        assertEquals(10, mem.atomicAddInt(8, 5));
        assertEquals(15, mem.atomicXchgInt(8, 3));
        assertEquals(3, mem.atomicCmpxchgInt(8, 4, 9), "no swap when not expected");
        assertEquals(3, mem.atomicCmpxchgInt(8, 3, 9));
        assertEquals(9, mem.readInt(8));
        assertEquals(9L, mem.atomicOrLong(8, 0x100L));
        assertEquals(0x109L, mem.readLong(8));
        assertEquals((short) 0x109, mem.atomicAndShort(8, (short) 0xFF));
        assertEquals((byte) 9, mem.atomicXorByte(8, (byte) 1));
        assertEquals(8, mem.read(8));
        assertThrows(com.dylibso.chicory.runtime.WasmRuntimeException.class, () -> mem.atomicAddInt(65534, 1));
        assertEquals(0, mem.readShort(65534), "a trapping atomic writes nothing");
    }

    @Test
    void nonSharedWaitAndLockBehaveLikeChicory() {
        PageMapMemory mem = PageMapMemory.fresh(new MemoryLimits(1, 1), 1);
        assertThrows(ChicoryException.class, () -> mem.waitOn(0, 0, 0L));
        assertThrows(ChicoryException.class, () -> mem.waitOn(0, 0L, 0L));
        assertEquals(0, mem.notify(0, 1));
        assertThrows(UnsupportedOperationException.class, () -> mem.lock(0));
        assertThrows(IllegalArgumentException.class, () -> PageMapMemory.fresh(new MemoryLimits(1, 2, true), 2));
    }

    @Test
    void engineCapIsTwoGibMinusOneWasmPage() {
        PageMapMemory mem = PageMapMemory.fresh(new MemoryLimits(0, 65536), Integer.MAX_VALUE);
        assertEquals(32767, mem.maximumPages(), "the IC's 4 GiB is capped at Chicory's int addressing");
        assertEquals(-1, mem.grow(32768));
        assertEquals(-1, mem.grow(-1));
        assertEquals(0, mem.grow(32767));
        assertEquals(0, mem.materializedPageCount(), "growing allocates no pages");
        mem.writeByte(Integer.MAX_VALUE - 65536, (byte) 1);
        assertEquals(1, mem.dirtyPages().length);
    }

    @Test
    void zeroingAFreshMemoryCostsNothing() {
        PageMapMemory mem = PageMapMemory.fresh(new MemoryLimits(1000, 1000), 1000);
        mem.zero();
        mem.fill((byte) 0, 0, 1000 * 65536);
        assertEquals(0, mem.dirtyPages().length);
        assertEquals(0, mem.materializedPageCount());
    }

    @Test
    void gibMemoryOverASparseFileTouchesOnlyTheAccessedPages(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("heap.bin");
        int wasmPages = 16384; // 1 GiB
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength((long) wasmPages * 65536);
            raf.seek(500L * 65536 + 8);
            raf.write(new byte[] {0x11, 0x22, 0x33, 0x44}); // little-endian 0x44332211
        }
        try (MappedFilePageStore store = MappedFilePageStore.open(file)) {
            PageMap pageMap = PageMap.of(store);
            PageMapMemory mem = PageMapMemory.restore(pageMap, new MemoryLimits(1, 65536), wasmPages, 65536);
            mem.zero(); // what Instance.build() does first: skipped in restore mode
            mem.initialize(null, null);
            assertEquals(0x44332211, mem.readInt(500 * 65536 + 8));
            mem.writeLong(1 << 29, 42L);
            mem.writeI32(4094, -1); // straddles pages 0 and 1
            assertEquals(0L, mem.readLong((1 << 30) - 8));
            List<Long> expected = new ArrayList<>(List.of(0L, 1L, (long) (1 << 29) >>> 12));
            assertEquals(expected, java.util.Arrays.stream(mem.dirtyPages()).boxed().toList());
            assertEquals(5, mem.materializedPageCount(), "3 written + 2 read, of 262144");
            assertEquals(5, pageMap.basePageLoads(), "only the touched file pages were read");
            mem.commit();
            assertEquals(3, pageMap.snapshot().deltaPageCount());
            assertNotNull(pageMap.snapshot());
            assertTrue(pageMap.snapshot().inDelta(1));
        }
    }
}
