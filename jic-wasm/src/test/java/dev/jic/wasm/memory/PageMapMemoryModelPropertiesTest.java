package dev.jic.wasm.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random stores, loads, bulk operations and growth, with commits and rollbacks, against a naive
 * model (a plain byte array plus a saved copy): identical bytes after every commit and rollback,
 * traps exactly where the model is out of bounds (and then nothing changes), and the dirty pages
 * are exactly the pages the model wrote.
 */
class PageMapMemoryModelPropertiesTest {
    private static final int MAX_PAGES = 5;
    private static final int MAX_BYTES = MAX_PAGES * 65536;

    sealed interface Op {}

    record Store(int width, int addr, long value) implements Op {}

    record Load(int width, int addr) implements Op {}

    record WriteBytes(int addr, byte[] data) implements Op {}

    record Fill(int addr, int len, byte value) implements Op {}

    record Copy(int dest, int src, int len) implements Op {}

    record Grow(int pages) implements Op {}

    record Commit() implements Op {}

    record Rollback() implements Op {}

    private static Arbitrary<Integer> addresses() {
        Arbitrary<Integer> uniform = Arbitraries.integers().between(-64, MAX_BYTES + 64);
        Arbitrary<Integer> nearPageEdge = Combinators.combine(
                        Arbitraries.integers().between(0, MAX_BYTES / 4096), Arbitraries.integers().between(-9, 9))
                .as((k, d) -> k * 4096 + d);
        Arbitrary<Integer> extreme = Arbitraries.of(Integer.MIN_VALUE, -1, Integer.MAX_VALUE, Integer.MAX_VALUE - 3);
        return Arbitraries.frequencyOf(Tuple.of(3, uniform), Tuple.of(5, nearPageEdge), Tuple.of(1, extreme));
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Integer> widths = Arbitraries.of(1, 2, 4, 8);
        Arbitrary<Integer> lengths = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, 9000)),
                Tuple.of(1, Arbitraries.integers().between(0, 140000)),
                Tuple.of(1, Arbitraries.of(-1, Integer.MAX_VALUE)));
        Arbitrary<Op> store = Combinators.combine(widths, addresses(), Arbitraries.longs())
                .as((w, a, v) -> (Op) new Store(w, a, v));
        Arbitrary<Op> load = Combinators.combine(widths, addresses()).as((w, a) -> (Op) new Load(w, a));
        Arbitrary<Op> bytes = Combinators.combine(
                        addresses(), Arbitraries.bytes().array(byte[].class).ofMaxSize(9000))
                .as((a, d) -> (Op) new WriteBytes(a, d));
        Arbitrary<Op> fill = Combinators.combine(addresses(), lengths, Arbitraries.bytes())
                .as((a, l, v) -> (Op) new Fill(a, l, v));
        Arbitrary<Op> copy = Combinators.combine(addresses(), addresses(), lengths)
                .as((d, s, l) -> (Op) new Copy(d, s, l));
        Arbitrary<Op> grow = Arbitraries.integers().between(-1, 3).map(n -> (Op) new Grow(n));
        return Arbitraries.frequencyOf(
                        Tuple.of(6, store),
                        Tuple.of(3, load),
                        Tuple.of(2, bytes),
                        Tuple.of(2, fill),
                        Tuple.of(3, copy),
                        Tuple.of(2, grow),
                        Tuple.of(2, Arbitraries.just((Op) new Commit())),
                        Tuple.of(2, Arbitraries.just((Op) new Rollback())))
                .list()
                .ofMaxSize(40);
    }

    /** The naive model: a flat little-endian byte array sized to the current memory. */
    private static final class Model {
        byte[] bytes = new byte[MAX_BYTES];
        int pages = 1;

        int size() {
            return pages * 65536;
        }

        boolean inBounds(long addr, long len) {
            return addr >= 0 && len >= 0 && addr + len <= size();
        }

        Model copy() {
            Model m = new Model();
            m.bytes = bytes.clone();
            m.pages = pages;
            return m;
        }
    }

    @Property(tries = 250)
    void matchesNaiveModel(@ForAll("ops") List<Op> ops) {
        PageMapMemory mem = PageMapMemory.fresh(new MemoryLimits(1, 10), MAX_PAGES);
        Model model = new Model();
        Model committed = model.copy();
        TreeSet<Long> dirty = new TreeSet<>();
        for (Op op : ops) {
            switch (op) {
                case Store s -> {
                    if (expectTrap(!model.inBounds(s.addr(), s.width()), () -> store(mem, s))) {
                        for (int i = 0; i < s.width(); i++) {
                            model.bytes[s.addr() + i] = (byte) (s.value() >>> (8 * i));
                        }
                        mark(dirty, s.addr(), s.width());
                    }
                }
                case Load l -> {
                    long[] got = new long[1];
                    if (expectTrap(!model.inBounds(l.addr(), l.width()), () -> got[0] = load(mem, l))) {
                        long want = 0;
                        for (int i = l.width() - 1; i >= 0; i--) {
                            want = (want << 8) | (model.bytes[l.addr() + i] & 0xFFL);
                        }
                        assertEquals(want, got[0] & mask(l.width()));
                    }
                }
                case WriteBytes w -> {
                    if (expectTrap(!model.inBounds(w.addr(), w.data().length), () -> mem.write(w.addr(), w.data()))) {
                        System.arraycopy(w.data(), 0, model.bytes, w.addr(), w.data().length);
                        mark(dirty, w.addr(), w.data().length);
                    }
                }
                case Fill f -> {
                    long end = (long) f.addr() + f.len();
                    boolean trap = !model.inBounds(f.addr(), f.len()) || end > Integer.MAX_VALUE;
                    if (expectTrap(trap, () -> mem.fill(f.value(), f.addr(), f.addr() + f.len()))) {
                        Arrays.fill(model.bytes, f.addr(), f.addr() + f.len(), f.value());
                        if (f.value() != 0) {
                            mark(dirty, f.addr(), f.len());
                        }
                    }
                }
                case Copy c -> {
                    boolean trap = !model.inBounds(c.dest(), c.len()) || !model.inBounds(c.src(), c.len());
                    if (expectTrap(trap, () -> mem.copy(c.dest(), c.src(), c.len()))) {
                        System.arraycopy(model.bytes, c.src(), model.bytes, c.dest(), c.len());
                        mark(dirty, c.dest(), c.len());
                    }
                }
                case Grow g -> {
                    int want = g.pages() < 0 || model.pages + g.pages() > MAX_PAGES ? -1 : model.pages;
                    assertEquals(want, mem.grow(g.pages()));
                    if (want >= 0) {
                        model.pages += g.pages();
                    }
                }
                case Commit c -> {
                    assertDirty(dirty, mem);
                    mem.commit();
                    committed = model.copy();
                    dirty.clear();
                    assertSame(model, mem);
                }
                case Rollback r -> {
                    mem.rollback();
                    model = committed.copy();
                    dirty.clear();
                    assertSame(model, mem);
                }
            }
        }
        assertDirty(dirty, mem);
        assertSame(model, mem);
    }

    private static long mask(int width) {
        return width == 8 ? -1L : (1L << (8 * width)) - 1;
    }

    private static void store(PageMapMemory m, Store s) {
        switch (s.width()) {
            case 1 -> m.writeByte(s.addr(), (byte) s.value());
            case 2 -> m.writeShort(s.addr(), (short) s.value());
            case 4 -> m.writeI32(s.addr(), (int) s.value());
            default -> m.writeLong(s.addr(), s.value());
        }
    }

    private static long load(PageMapMemory m, Load l) {
        return switch (l.width()) {
            case 1 -> m.read(l.addr());
            case 2 -> m.readShort(l.addr());
            case 4 -> m.readInt(l.addr());
            default -> m.readLong(l.addr());
        };
    }

    /** Runs {@code action}; it must trap with Chicory's trap exception iff {@code trap}. Returns !trap. */
    private static boolean expectTrap(boolean trap, Runnable action) {
        try {
            action.run();
        } catch (WasmRuntimeException e) {
            if (!trap) {
                throw new AssertionError("unexpected trap", e);
            }
            return false;
        }
        if (trap) {
            throw new AssertionError("expected a trap");
        }
        return true;
    }

    private static void mark(TreeSet<Long> dirty, int addr, int len) {
        for (long p = addr >>> 12; len > 0 && p <= (addr + len - 1L) >>> 12; p++) {
            dirty.add(p);
        }
    }

    /** Every page the model wrote is dirty; every dirty page was written (a copy or fill of unchanged bytes still counts). */
    private static void assertDirty(TreeSet<Long> modelDirty, PageMapMemory mem) {
        long[] actual = mem.dirtyPages();
        for (long p : modelDirty) {
            if (Arrays.binarySearch(actual, p) < 0) {
                throw new AssertionError("page " + p + " written but not dirty");
            }
        }
    }

    private static void assertSame(Model model, PageMapMemory mem) {
        assertEquals(model.pages, mem.pages());
        assertArrayEquals(Arrays.copyOf(model.bytes, model.size()), mem.readBytes(0, model.size()));
    }
}
