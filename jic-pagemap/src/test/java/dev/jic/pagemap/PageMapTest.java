package dev.jic.pagemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageMapTest {

    @Test
    void untouchedPagesAreTheSharedZeroPage() {
        PageMap m = PageMap.empty();
        assertTrue(Pages.isSharedZeroPage(m.pageForRead(0)));
        assertTrue(Pages.isSharedZeroPage(m.pageForRead(Long.MAX_VALUE)));
        assertEquals(0, m.pendingPageCount());
        assertThrows(IllegalArgumentException.class, () -> m.pageForRead(-1));
        assertThrows(IllegalArgumentException.class, () -> m.pageForWrite(-1));
    }

    @Test
    void copyOnFirstWriteThenCommitAndRollback() {
        PageMap m = PageMap.empty();
        byte[] w = m.pageForWrite(3);
        assertSame(w, m.pageForWrite(3), "same private copy within a message");
        w[7] = 42;
        assertEquals(42, m.pageForRead(3)[7]);
        assertArrayEquals(new long[] {3}, m.pendingPages());
        assertEquals(0, m.snapshot().deltaPageCount(), "snapshot excludes pending writes");
        m.commit();
        PageMapSnapshot s1 = m.snapshot();
        assertEquals(1, s1.deltaPageCount());
        assertFalse(m.hasPendingWrites());

        byte[] w2 = m.pageForWrite(3);
        assertNotSame(w, w2, "a committed page is copied again on the next message's first write");
        w2[7] = 43;
        m.pageForWrite(100)[0] = 1;
        assertArrayEquals(new long[] {3, 100}, m.pendingPages());
        m.rollback();
        assertEquals(42, m.pageForRead(3)[7]);
        assertTrue(Pages.isSharedZeroPage(m.pageForRead(100)));
        assertSame(s1, m.snapshot());
        byte[] buf = new byte[Pages.PAGE_SIZE];
        s1.copyPage(3, buf);
        assertEquals(42, buf[7]);
    }

    @Test
    void snapshotsAreIsolatedFromLaterCommits() {
        PageMap m = PageMap.empty();
        m.write(10, new byte[] {1, 2, 3}, 0, 3);
        m.commit();
        PageMapSnapshot s = m.snapshot();
        m.write(10, new byte[] {9, 9, 9}, 0, 3);
        m.write(1L << 30, new byte[] {5}, 0, 1);
        m.commit();
        byte[] buf = new byte[Pages.PAGE_SIZE];
        s.copyPage(0, buf);
        assertEquals(1, buf[10]);
        assertEquals(1, s.deltaPageCount());
        assertEquals(1, s.pageBound());
        assertEquals(2, m.snapshot().deltaPageCount());
        assertEquals((1L << 30 >>> 12) + 1, m.snapshot().pageBound());
        PageMap q = PageMap.fromSnapshot(s);
        byte[] three = new byte[3];
        q.read(10, three, 0, 3);
        assertArrayEquals(new byte[] {1, 2, 3}, three);
    }

    @Test
    void readsBaseLazilyAndOverlaysDelta() {
        byte[] content = new byte[3 * Pages.PAGE_SIZE + 100];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31 + 7);
        }
        PageMap m = PageMap.of(HeapPageStore.of(content));
        assertEquals(0, m.basePageLoads(), "nothing loaded up front");
        byte[] out = new byte[content.length + 50];
        m.read(0, out, 0, out.length);
        for (int i = 0; i < content.length; i++) {
            assertEquals(content[i], out[i]);
        }
        for (int i = content.length; i < out.length; i++) {
            assertEquals(0, out[i], "past the base reads as zeros");
        }
        assertEquals(4, m.basePageLoads());
        m.write(Pages.PAGE_SIZE + 1, new byte[] {0}, 0, 1);
        m.commit();
        List<Long> delta = new ArrayList<>();
        m.snapshot().forEachDeltaPage((i, seg) -> {
            delta.add(i);
            assertEquals(Pages.PAGE_SIZE, seg.byteSize());
            assertTrue(seg.isReadOnly());
        });
        assertEquals(List.of(1L), delta);
        assertTrue(m.snapshot().inDelta(1));
        assertFalse(m.snapshot().inDelta(0));
        assertEquals(4, m.snapshot().pageBound());
    }

    @Test
    void allZeroCommittedPagesShareTheZeroPageButStillOverrideTheBase() {
        byte[] content = new byte[Pages.PAGE_SIZE];
        java.util.Arrays.fill(content, (byte) 5);
        PageMap m = PageMap.of(HeapPageStore.of(content));
        m.fill(0, Pages.PAGE_SIZE, (byte) 0);
        m.pageForWrite(9)[0] = 0; // written but zero
        m.commit();
        assertTrue(Pages.isSharedZeroPage(m.pageForRead(0)));
        assertTrue(Pages.isSharedZeroPage(m.pageForRead(9)));
        assertEquals(2, m.snapshot().deltaPageCount());
    }

    @Test
    void zeroFillOfUntouchedPagesCostsNothing() {
        PageMap m = PageMap.empty();
        m.fill(0, 1L << 40, (byte) 0);
        assertEquals(0, m.pendingPageCount());
        m.fill(4095, 2, (byte) 1);
        assertArrayEquals(new long[] {0, 1}, m.pendingPages());
    }

    @Test
    void resetAndRebase() {
        PageMap m = PageMap.empty();
        m.write(0, new byte[] {1}, 0, 1);
        assertThrows(IllegalStateException.class, () -> m.reset(PageMapSnapshot.empty()));
        m.commit();
        PageMapSnapshot rebased = m.snapshot().rebase(HeapPageStore.of(new byte[] {1}));
        assertEquals(0, rebased.deltaPageCount());
        m.reset(rebased);
        byte[] one = new byte[1];
        m.read(0, one, 0, 1);
        assertEquals(1, one[0]);
    }

    @Test
    void badRangesAreRejected() {
        PageMap m = PageMap.empty();
        assertThrows(IllegalArgumentException.class, () -> m.read(-1, new byte[1], 0, 1));
        assertThrows(IllegalArgumentException.class, () -> m.write(Long.MAX_VALUE, new byte[2], 0, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> m.read(0, new byte[1], 0, 2));
    }
}
