package dev.jic.wasm.memory;

import com.dylibso.chicory.runtime.ConstantEvaluators;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import dev.jic.pagemap.PageMap;
import dev.jic.pagemap.Pages;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;

/**
 * A Wasm linear memory (Chicory {@link com.dylibso.chicory.runtime.Memory}) over a {@link PageMap}:
 * orthogonally persistent canister heap memory. This file is long because Chicory's interface is
 * wide (every typed load and store); the atomics live in {@link SingleThreadedAtomics}.
 *
 * <p><b>Transactions.</b> The first write to a 4 KiB page in a message copies it
 * ({@link PageMap#pageForWrite}); {@link #commit()} keeps the message's writes, growth and
 * {@code data.drop}s, {@link #rollback()} restores the memory (bytes, size, dropped segments) to
 * the last commit exactly. {@link #dirtyPages()} reports the pages written since the last commit.
 * Globals are not part of memory: capture them with {@link GlobalsSnapshot}.
 *
 * <p><b>Traps</b> are those of Chicory's {@code ByteArrayMemory}: an out-of-bounds access (any
 * negative address included: compiled code computes {@code base + offset} in 32-bit int, which may
 * wrap) throws {@link WasmRuntimeException} "out of bounds memory access..." before any byte
 * changes; an active data segment that does not fit at instantiation throws
 * {@link UninstantiableException}.
 *
 * <p><b>Size limit.</b> Wasm32 allows 4 GiB (65536 pages) and the IC grants it, but Chicory
 * addresses memory with a Java {@code int}: this memory caps at {@link #ENGINE_MAX_PAGES} (2 GiB
 * minus 64 KiB); {@code memory.grow} beyond the cap returns -1 as for any exhausted limit.
 *
 * <p><b>Hot path.</b> Two page tables cache, per 4 KiB page, the array to read from and (after the
 * first write in this message) the private array to write to; a load or store whose bytes stay in
 * one page is one table lookup, a null check and a little-endian {@link VarHandle} access. Table
 * entries are null beyond the current size, so bounds are checked only on the slow path.
 *
 * <p><b>Threads.</b> Non-shared only (the IC does not enable shared memory): one thread at a time,
 * as for its page map. While this memory is in use, nobody else may write, commit, roll back or
 * reset its page map.
 */
public final class PageMapMemory extends SingleThreadedAtomics {
    /** The largest size Chicory can address, in Wasm pages (2 GiB - 64 KiB). */
    public static final int ENGINE_MAX_PAGES = RUNTIME_MAX_PAGES;

    private static final VarHandle SHORT =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int SHIFT = Pages.PAGE_SHIFT;
    private static final int PSIZE = Pages.PAGE_SIZE;
    private static final int MASK = PSIZE - 1;
    private static final int PER_WASM_PAGE = Pages.PAGES_PER_WASM_PAGE;

    private final PageMap pageMap;
    private final MemoryLimits limits;
    private final int maxPages;
    private int nPages;
    private int committedPages;
    /** Per 4 KiB page: the array to read from (never modified through this table), or null. */
    private byte[][] readPages;
    /** Per 4 KiB page: the message's private writable copy, or null. */
    private byte[][] writePages;
    /** Pages that got a writable copy since the last commit/rollback. */
    private int[] touched = new int[64];
    private int touchedCount;
    /** The instance's data segment array (Chicory's {@code data.drop} writes into it directly). */
    private DataSegment[] dataSegments;
    /** Contents of {@link #dataSegments} at the last commit, restored by rollback. */
    private DataSegment[] committedSegments;
    /** Restore mode: ignore the zeroing and data-segment writes of {@code Instance.build()}. */
    private boolean restoring;

    private PageMapMemory(PageMap pageMap, MemoryLimits limits, int pages, int maxPagesCap, boolean restoring) {
        this.pageMap = Objects.requireNonNull(pageMap);
        this.limits = Objects.requireNonNull(limits);
        if (limits.shared()) {
            throw new IllegalArgumentException("shared memories are not supported (the IC does not enable threads)");
        }
        this.maxPages = Math.min(Math.min(limits.maximumPages(), ENGINE_MAX_PAGES), Math.max(0, maxPagesCap));
        if (pages < limits.initialPages() || pages > maxPages) {
            throw new IllegalArgumentException("memory of " + pages + " pages outside [" + limits.initialPages() + ", "
                    + maxPages + "]");
        }
        this.nPages = pages;
        this.committedPages = pages;
        int cap = pages * PER_WASM_PAGE;
        this.readPages = new byte[cap][];
        this.writePages = new byte[cap][];
        this.restoring = restoring;
    }

    /**
     * A memory for a fresh instantiation over an empty page map: {@code Instance.build()} zeroes it
     * (free) and writes the data segments (pending until {@link #commit()}). Use as
     * {@code Instance.builder(m).withMemoryFactory(l -> PageMapMemory.fresh(l, cap))}.
     *
     * @param maxPagesCap the most Wasm pages this canister may have (the effective maximum is the
     *     smallest of it, the module's maximum and {@link #ENGINE_MAX_PAGES})
     * @throws IllegalArgumentException if the limits are shared or the initial size exceeds the cap
     */
    public static PageMapMemory fresh(MemoryLimits limits, int maxPagesCap) {
        return new PageMapMemory(PageMap.empty(), limits, limits.initialPages(), maxPagesCap, false);
    }

    /**
     * A memory over existing content (a canister's persisted heap) of {@code pages} Wasm pages. The
     * zeroing and active data-segment writes of the {@code Instance.build()} that uses it are
     * skipped (the content already reflects them); passive segments are still recorded for
     * {@code memory.init}. Build the instance, then restore its globals ({@link GlobalsSnapshot}).
     *
     * @throws IllegalArgumentException if the limits are shared or {@code pages} is below the
     *     module's minimum or above the effective maximum
     */
    public static PageMapMemory restore(PageMap pageMap, MemoryLimits limits, int pages, int maxPagesCap) {
        return new PageMapMemory(pageMap, limits, pages, maxPagesCap, true);
    }

    /** The page map holding this memory's content. */
    public PageMap pageMap() {
        return pageMap;
    }

    // ---------------------------------------------------------------- transactions

    /** Keeps everything done since the last commit (writes, growth, dropped segments). */
    public void commit() {
        pageMap.commit();
        for (int i = 0; i < touchedCount; i++) {
            writePages[touched[i]] = null;
        }
        touchedCount = 0;
        committedPages = nPages;
        if (dataSegments != null && segmentsChanged()) {
            committedSegments = dataSegments.clone();
        }
    }

    private boolean segmentsChanged() {
        for (int i = 0; i < dataSegments.length; i++) {
            if (dataSegments[i] != committedSegments[i]) {
                return true;
            }
        }
        return false;
    }

    /** Restores the memory exactly as of the last commit (bytes, size, dropped segments). */
    public void rollback() {
        pageMap.rollback();
        for (int i = 0; i < touchedCount; i++) {
            int p = touched[i];
            writePages[p] = null;
            readPages[p] = null;
        }
        touchedCount = 0;
        Arrays.fill(readPages, committedPages * PER_WASM_PAGE, nPages * PER_WASM_PAGE, null);
        Arrays.fill(writePages, committedPages * PER_WASM_PAGE, nPages * PER_WASM_PAGE, null);
        nPages = committedPages;
        if (dataSegments != null) {
            System.arraycopy(committedSegments, 0, dataSegments, 0, dataSegments.length);
        }
    }

    /** The 4 KiB pages written since the last commit or rollback, ascending. */
    public long[] dirtyPages() {
        return pageMap.pendingPages();
    }

    /** Number of 4 KiB pages this memory currently holds on the heap (read or written copies). */
    public int materializedPageCount() {
        int n = 0;
        for (byte[] p : readPages) {
            if (p != null && !Pages.isSharedZeroPage(p)) {
                n++;
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- size

    @Override
    public int pages() {
        return nPages;
    }

    @Override
    public int grow(int size) {
        int prev = nPages;
        int next = prev + size;
        if (next > maxPages || next < prev) {
            return -1;
        }
        int need = next * PER_WASM_PAGE;
        if (need > readPages.length) {
            int cap = (int) Math.min((long) maxPages * PER_WASM_PAGE, Math.max(need, 2L * readPages.length));
            readPages = Arrays.copyOf(readPages, cap);
            writePages = Arrays.copyOf(writePages, cap);
        }
        nPages = next;
        return prev;
    }

    @Override
    public int initialPages() {
        return limits.initialPages();
    }

    /** The effective maximum: module maximum, canister cap and {@link #ENGINE_MAX_PAGES}, smallest. */
    @Override
    public int maximumPages() {
        return maxPages;
    }

    @Override
    public boolean shared() {
        return false;
    }

    private int sizeInBytes() {
        return nPages << Pages.WASM_PAGE_SHIFT;
    }

    // ---------------------------------------------------------------- instantiation, bulk ops

    @Override
    public void initialize(Instance instance, DataSegment[] dataSegments) {
        initialize(instance, dataSegments, 0);
    }

    @Override
    public void initialize(Instance instance, DataSegment[] segments, int memoryIndex) {
        this.dataSegments = segments;
        this.committedSegments = segments == null ? null : segments.clone();
        boolean skipActive = restoring;
        restoring = false;
        if (segments == null || skipActive) {
            return;
        }
        for (DataSegment s : segments) {
            if (s instanceof ActiveDataSegment a) {
                if (a.index() != memoryIndex) {
                    continue;
                }
                int offset = (int) ConstantEvaluators.computeConstantValue(instance, a.offsetInstructions())[0];
                byte[] data = a.data();
                checkBounds(offset, data.length, sizeInBytes(), UninstantiableException::new);
                write(offset, data, 0, data.length);
            } else if (!(s instanceof PassiveDataSegment)) {
                throw new ChicoryException("Data segment should be active or passive: " + s);
            }
        }
    }

    @Override
    public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
        write(dest, dataSegments[segmentId].data(), offset, size);
    }

    @Override
    public void drop(int segment) {
        dataSegments[segment] = PassiveDataSegment.EMPTY;
    }

    /** Zeroes the whole memory (pages never written cost nothing); skipped in restore mode. */
    @Override
    public void zero() {
        if (!restoring) {
            fill((byte) 0, 0, sizeInBytes());
        }
    }

    @Override
    public void fill(byte value, int fromIndex, int toIndex) {
        int addr = fromIndex;
        int remaining = toIndex - fromIndex;
        checkBounds(addr, remaining, sizeInBytes(), WasmRuntimeException::new);
        while (remaining > 0) {
            int idx = addr >>> SHIFT;
            int off = addr & MASK;
            int chunk = Math.min(remaining, PSIZE - off);
            if (value != 0 || !Pages.isSharedZeroPage(readPage(idx))) {
                Arrays.fill(writePage(idx), off, off + chunk, value);
            }
            addr += chunk;
            remaining -= chunk;
        }
    }

    /** {@code memory.copy} with memmove semantics (overlapping ranges copy as if via a buffer). */
    @Override
    public void copy(int dest, int src, int size) {
        int limit = sizeInBytes();
        checkBounds(dest, size, limit, WasmRuntimeException::new);
        checkBounds(src, size, limit, WasmRuntimeException::new);
        if (dest <= src || dest >= src + size) {
            while (size > 0) {
                int dOff = dest & MASK;
                int sOff = src & MASK;
                int chunk = Math.min(size, PSIZE - Math.max(dOff, sOff));
                byte[] d = writePage(dest >>> SHIFT);
                System.arraycopy(readPage(src >>> SHIFT), sOff, d, dOff, chunk);
                dest += chunk;
                src += chunk;
                size -= chunk;
            }
        } else {
            int dEnd = dest + size;
            int sEnd = src + size;
            while (size > 0) {
                int chunk = Math.min(size, Math.min(((dEnd - 1) & MASK) + 1, ((sEnd - 1) & MASK) + 1));
                dEnd -= chunk;
                sEnd -= chunk;
                byte[] d = writePage(dEnd >>> SHIFT);
                System.arraycopy(readPage(sEnd >>> SHIFT), sEnd & MASK, d, dEnd & MASK, chunk);
                size -= chunk;
            }
        }
    }

    @Override
    public void write(int addr, byte[] data, int offset, int size) {
        checkBounds(offset, size, data.length, WasmRuntimeException::new);
        checkBounds(addr, size, sizeInBytes(), WasmRuntimeException::new);
        while (size > 0) {
            int off = addr & MASK;
            int chunk = Math.min(size, PSIZE - off);
            System.arraycopy(data, offset, writePage(addr >>> SHIFT), off, chunk);
            addr += chunk;
            offset += chunk;
            size -= chunk;
        }
    }

    @Override
    public byte[] readBytes(int addr, int len) {
        checkBounds(addr, len, sizeInBytes(), WasmRuntimeException::new);
        byte[] out = new byte[len];
        int pos = 0;
        while (pos < len) {
            int off = addr & MASK;
            int chunk = Math.min(len - pos, PSIZE - off);
            System.arraycopy(readPage(addr >>> SHIFT), off, out, pos, chunk);
            addr += chunk;
            pos += chunk;
        }
        return out;
    }

    // ---------------------------------------------------------------- typed loads and stores

    @Override
    public byte read(int addr) {
        return rp(addr, 1)[addr & MASK];
    }

    @Override
    public void writeByte(int addr, byte data) {
        wp(addr, 1)[addr & MASK] = data;
    }

    @Override
    public short readShort(int addr) {
        int off = addr & MASK;
        if (off <= PSIZE - 2) {
            return (short) SHORT.get(rp(addr, 2), off);
        }
        checkAccess(addr, 2);
        return (short) ((byteAt(addr) & 0xFF) | (byteAt(addr + 1) << 8));
    }

    @Override
    public long readU16(int addr) {
        return readShort(addr) & 0xFFFFL;
    }

    @Override
    public void writeShort(int addr, short data) {
        int off = addr & MASK;
        if (off <= PSIZE - 2) {
            SHORT.set(wp(addr, 2), off, data);
            return;
        }
        checkAccess(addr, 2);
        putByteAt(addr, (byte) data);
        putByteAt(addr + 1, (byte) (data >>> 8));
    }

    @Override
    public int readInt(int addr) {
        int off = addr & MASK;
        if (off <= PSIZE - 4) {
            return (int) INT.get(rp(addr, 4), off);
        }
        checkAccess(addr, 4);
        int v = 0;
        for (int i = 3; i >= 0; i--) {
            v = (v << 8) | (byteAt(addr + i) & 0xFF);
        }
        return v;
    }

    @Override
    public void writeI32(int addr, int data) {
        int off = addr & MASK;
        if (off <= PSIZE - 4) {
            INT.set(wp(addr, 4), off, data);
            return;
        }
        checkAccess(addr, 4);
        for (int i = 0; i < 4; i++) {
            putByteAt(addr + i, (byte) (data >>> (8 * i)));
        }
    }

    @Override
    public long readLong(int addr) {
        int off = addr & MASK;
        if (off <= PSIZE - 8) {
            return (long) LONG.get(rp(addr, 8), off);
        }
        checkAccess(addr, 8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (byteAt(addr + i) & 0xFFL);
        }
        return v;
    }

    @Override
    public void writeLong(int addr, long data) {
        int off = addr & MASK;
        if (off <= PSIZE - 8) {
            LONG.set(wp(addr, 8), off, data);
            return;
        }
        checkAccess(addr, 8);
        for (int i = 0; i < 8; i++) {
            putByteAt(addr + i, (byte) (data >>> (8 * i)));
        }
    }

    @Override
    public void writeF32(int addr, float data) {
        writeI32(addr, Float.floatToRawIntBits(data));
    }

    @Override
    public long readF32(int addr) {
        return readInt(addr);
    }

    @Override
    public float readFloat(int addr) {
        return Float.intBitsToFloat(readInt(addr));
    }

    @Override
    public void writeF64(int addr, double data) {
        writeLong(addr, Double.doubleToRawLongBits(data));
    }

    @Override
    public double readDouble(int addr) {
        return Double.longBitsToDouble(readLong(addr));
    }

    @Override
    public long readF64(int addr) {
        return readLong(addr);
    }

    // ---------------------------------------------------------------- page tables

    /** The page to read {@code size} bytes at {@code addr} from (in one page), or trap. */
    private byte[] rp(int addr, int size) {
        try {
            byte[] p = readPages[addr >>> SHIFT];
            if (p != null) {
                return p;
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            // beyond the table: out of bounds, reported below
        }
        checkAccess(addr, size);
        return loadRead(addr >>> SHIFT);
    }

    /** The writable page for {@code size} bytes at {@code addr} (in one page), or trap. */
    private byte[] wp(int addr, int size) {
        try {
            byte[] p = writePages[addr >>> SHIFT];
            if (p != null) {
                return p;
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            // beyond the table: out of bounds, reported below
        }
        checkAccess(addr, size);
        return loadWrite(addr >>> SHIFT);
    }

    /** Byte at an address already bounds-checked. */
    private byte byteAt(int addr) {
        return readPage(addr >>> SHIFT)[addr & MASK];
    }

    /** Stores a byte at an address already bounds-checked. */
    private void putByteAt(int addr, byte v) {
        writePage(addr >>> SHIFT)[addr & MASK] = v;
    }

    /** Readable page {@code idx}, which must be in bounds. */
    private byte[] readPage(int idx) {
        byte[] p = readPages[idx];
        return p != null ? p : loadRead(idx);
    }

    /** Writable page {@code idx}, which must be in bounds. */
    private byte[] writePage(int idx) {
        byte[] p = writePages[idx];
        return p != null ? p : loadWrite(idx);
    }

    private byte[] loadRead(int idx) {
        byte[] p = pageMap.pageForRead(idx);
        readPages[idx] = p;
        return p;
    }

    private byte[] loadWrite(int idx) {
        byte[] p = pageMap.pageForWrite(idx);
        writePages[idx] = p;
        readPages[idx] = p;
        if (touchedCount == touched.length) {
            touched = Arrays.copyOf(touched, touchedCount * 2);
        }
        touched[touchedCount++] = idx;
        return p;
    }

    private void checkAccess(int addr, int size) {
        if (addr < 0 || addr > sizeInBytes() - size) {
            throw new WasmRuntimeException(oobMessage(addr, size, sizeInBytes()));
        }
    }

    private static void checkBounds(
            int addr, int size, int limit, Function<String, ? extends ChicoryException> exceptionFactory) {
        if (addr < 0 || size < 0 || addr > limit || size > limit - addr) {
            throw exceptionFactory.apply(oobMessage(addr, size, limit));
        }
    }

    private static String oobMessage(int addr, int size, int limit) {
        return "out of bounds memory access: attempted to access address: " + addr + " but limit is: " + limit
                + " and size: " + size;
    }
}
