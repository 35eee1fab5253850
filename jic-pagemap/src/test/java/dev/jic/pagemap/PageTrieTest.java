package dev.jic.pagemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PageTrieTest {

    private static byte[] page(int tag) {
        byte[] p = new byte[Pages.PAGE_SIZE];
        p[0] = (byte) tag;
        return p;
    }

    @Test
    void emptyTrieHasNothing() {
        assertNull(PageTrie.EMPTY.get(0));
        assertNull(PageTrie.EMPTY.get(Long.MAX_VALUE));
        assertEquals(0, PageTrie.EMPTY.size());
        assertEquals(0, PageTrie.EMPTY.upperBound());
    }

    @Test
    void extremeIndicesAndGrowingRoot() {
        PageTrie.Builder b = PageTrie.EMPTY.toBuilder();
        byte[] a = page(1);
        byte[] z = page(2);
        byte[] m = page(3);
        b.put(5, a);
        b.put(Long.MAX_VALUE, z);
        b.put(1L << 40, m);
        PageTrie t = b.build();
        assertSame(a, t.get(5));
        assertSame(z, t.get(Long.MAX_VALUE));
        assertSame(m, t.get(1L << 40));
        assertNull(t.get(4));
        assertNull(t.get((1L << 40) + 1));
        assertEquals(3, t.size());
        assertEquals(Long.MIN_VALUE, t.upperBound(), "MAX_VALUE + 1 wraps; callers treat it as unsigned");
        List<Long> order = new ArrayList<>();
        t.forEach((i, p) -> order.add(i));
        assertEquals(List.of(5L, 1L << 40, Long.MAX_VALUE), order);
    }

    @Test
    void builderDoesNotDisturbEarlierTries() {
        PageTrie.Builder b1 = PageTrie.EMPTY.toBuilder();
        b1.put(1, page(1));
        b1.put(70, page(2));
        PageTrie t1 = b1.build();
        PageTrie.Builder b2 = t1.toBuilder();
        b2.put(1, page(9));
        b2.put(4095, page(8));
        PageTrie t2 = b2.build();
        assertEquals(1, t1.get(1)[0]);
        assertNull(t1.get(4095));
        assertEquals(2, t1.size());
        assertEquals(9, t2.get(1)[0]);
        assertEquals(2, t2.get(70)[0]);
        assertEquals(3, t2.size());
        assertEquals(4096, t2.upperBound());
        assertThrows(IllegalStateException.class, () -> b2.put(3, page(0)));
    }

    @Property(tries = 200)
    void behavesLikeASortedMap(@ForAll @Size(max = 60) List<@LongRange(min = 0, max = 5000) Long> first,
                               @ForAll @Size(max = 60) List<@LongRange(min = 0, max = Long.MAX_VALUE) Long> second) {
        TreeMap<Long, byte[]> model = new TreeMap<>();
        PageTrie.Builder b = PageTrie.EMPTY.toBuilder();
        int tag = 0;
        for (long i : first) {
            byte[] p = page(tag++);
            b.put(i, p);
            model.put(i, p);
        }
        PageTrie t1 = b.build();
        TreeMap<Long, byte[]> model1 = new TreeMap<>(model);
        PageTrie.Builder b2 = t1.toBuilder();
        for (long i : second) {
            byte[] p = page(tag++);
            b2.put(i, p);
            model.put(i, p);
        }
        PageTrie t2 = b2.build();
        check(model1, t1);
        check(model, t2);
    }

    private static void check(TreeMap<Long, byte[]> model, PageTrie t) {
        assertEquals(model.size(), t.size());
        List<Long> keys = new ArrayList<>();
        List<byte[]> vals = new ArrayList<>();
        t.forEach((i, p) -> {
            keys.add(i);
            vals.add(p);
        });
        assertEquals(new ArrayList<>(model.keySet()), keys);
        assertArrayEquals(model.values().toArray(), vals.toArray());
        model.forEach((k, v) -> assertSame(v, t.get(k)));
        assertEquals(model.isEmpty() ? 0 : model.lastKey() + 1, t.upperBound());
    }
}
