package dev.jic.pagemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A page map behaves exactly like a plain byte array with a saved copy for rollback. */
class PageMapModelPropertiesTest {
    private static final int SIZE = 10 * Pages.PAGE_SIZE;

    sealed interface Op {}

    record Write(int offset, byte[] data) implements Op {}

    record Fill(int offset, int len, byte value) implements Op {}

    record Commit() implements Op {}

    record Rollback() implements Op {}

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> write = Combinators.combine(
                        Arbitraries.integers().between(0, SIZE - 1),
                        Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(9000))
                .as((o, d) -> (Op) new Write(o, Arrays.copyOf(d, Math.min(d.length, SIZE - o))));
        Arbitrary<Op> fill = Combinators.combine(
                        Arbitraries.integers().between(0, SIZE - 1),
                        Arbitraries.integers().between(0, 10000),
                        Arbitraries.bytes())
                .as((o, l, v) -> (Op) new Fill(o, Math.min(l, SIZE - o), v));
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(5, write),
                        net.jqwik.api.Tuple.of(2, fill),
                        net.jqwik.api.Tuple.of(2, Arbitraries.just((Op) new Commit())),
                        net.jqwik.api.Tuple.of(2, Arbitraries.just((Op) new Rollback())))
                .list()
                .ofMaxSize(40);
    }

    @Property(tries = 300)
    void matchesNaiveModel(@ForAll("ops") List<Op> ops, @ForAll byte baseSeed) {
        byte[] base = new byte[3 * Pages.PAGE_SIZE + 17];
        for (int i = 0; i < base.length; i++) {
            base[i] = (byte) (i * 13 + baseSeed);
        }
        PageMap map = PageMap.of(HeapPageStore.of(base));
        byte[] committed = Arrays.copyOf(base, SIZE);
        byte[] working = committed.clone();
        TreeSet<Long> dirty = new TreeSet<>();
        List<PageMapSnapshot> snaps = new ArrayList<>();
        List<byte[]> snapModels = new ArrayList<>();
        for (Op op : ops) {
            switch (op) {
                case Write w -> {
                    map.write(w.offset(), w.data(), 0, w.data().length);
                    System.arraycopy(w.data(), 0, working, w.offset(), w.data().length);
                    markDirty(dirty, w.offset(), w.data().length);
                }
                case Fill f -> {
                    map.fill(f.offset(), f.len(), f.value());
                    Arrays.fill(working, f.offset(), f.offset() + f.len(), f.value());
                    if (f.value() != 0) {
                        markDirty(dirty, f.offset(), f.len());
                    }
                }
                case Commit c -> {
                    map.commit();
                    committed = working.clone();
                    dirty.clear();
                    snaps.add(map.snapshot());
                    snapModels.add(committed);
                }
                case Rollback r -> {
                    map.rollback();
                    working = committed.clone();
                    dirty.clear();
                }
            }
            byte[] actual = new byte[SIZE];
            map.read(0, actual, 0, SIZE);
            assertArrayEquals(working, actual);
            if (!dirty.isEmpty()) {
                // every page the model says was written is dirty; a zero fill over untouched
                // zero pages may be skipped, so pending pages are a superset only of those
                long[] pending = map.pendingPages();
                for (long p : dirty) {
                    if (Arrays.binarySearch(pending, p) < 0) {
                        throw new AssertionError("page " + p + " written but not dirty");
                    }
                }
            }
        }
        for (int i = 0; i < snaps.size(); i++) {
            byte[] actual = new byte[SIZE];
            PageMap.fromSnapshot(snaps.get(i)).read(0, actual, 0, SIZE);
            assertArrayEquals(snapModels.get(i), actual, "snapshot " + i + " unchanged by later ops");
        }
    }

    @Property(tries = 300)
    void onlyWrittenPagesAreDirty(@ForAll("ops") List<Op> ops) {
        PageMap map = PageMap.empty();
        TreeSet<Long> touched = new TreeSet<>();
        for (Op op : ops) {
            switch (op) {
                case Write w -> {
                    map.write(w.offset(), w.data(), 0, w.data().length);
                    markDirty(touched, w.offset(), w.data().length);
                }
                case Fill f -> {
                    map.fill(f.offset(), f.len(), f.value());
                    markDirty(touched, f.offset(), f.len());
                }
                case Commit c -> {
                    map.commit();
                    touched.clear();
                }
                case Rollback r -> {
                    map.rollback();
                    touched.clear();
                }
            }
            long[] pending = map.pendingPages();
            for (long p : pending) {
                if (!touched.contains(p)) {
                    throw new AssertionError("page " + p + " dirty but never written");
                }
            }
            for (int i = 1; i < pending.length; i++) {
                if (pending[i - 1] >= pending[i]) {
                    throw new AssertionError("dirty pages not ascending");
                }
            }
        }
    }

    private static void markDirty(TreeSet<Long> dirty, int offset, int len) {
        if (len == 0) {
            return;
        }
        for (long p = offset >>> Pages.PAGE_SHIFT; p <= (offset + len - 1) >>> Pages.PAGE_SHIFT; p++) {
            dirty.add(p);
        }
    }
}
