package dev.jic.crypto.sig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.types.hash.Sha;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentDigestTableTest {
  /** A 32-byte key whose first-slot bytes are {@code a} and second-slot bytes are {@code b}. */
  private static byte[] key(int a, int b, int tail) {
    byte[] k = Sha.sha256(new byte[] {(byte) tail, (byte) (tail >> 8)});
    k[0] = (byte) a;
    k[1] = 0;
    k[2] = 0;
    k[3] = 0;
    k[4] = (byte) b;
    k[5] = 0;
    k[6] = 0;
    k[7] = 0;
    return k;
  }

  @Test
  void twoKeysSharingAFirstSlotAreBothKept() {
    RecentDigestTable<String> t = new RecentDigestTable<>(16);
    byte[] x = key(3, 7, 1);
    byte[] y = key(3, 9, 2);
    t.put(x, "x");
    t.put(y, "y"); // y takes slot 3, x moves to its second slot 7
    assertEquals("x", t.get(x));
    assertEquals("y", t.get(y));
    assertEquals(2, t.size());
    // a third key on slot 3 keeps the newest two of that slot: z in 3, y moved to 9, x still in 7
    byte[] z = key(3, 7, 3);
    t.put(z, "z");
    assertEquals("z", t.get(z));
    assertEquals("y", t.get(y));
    assertEquals("x", t.get(x));
    // a fourth whose demoted entry (z) lands on x's slot 7 evicts x
    t.put(key(3, 11, 4), "w");
    assertNull(t.get(x));
    assertEquals("z", t.get(z));
  }

  @Test
  void putReplacesTheValueOfTheSameKeyWherever() {
    RecentDigestTable<String> t = new RecentDigestTable<>(16);
    byte[] x = key(1, 2, 1);
    t.put(x, "old");
    t.put(key(1, 5, 2), "other"); // x moves to slot 2
    t.put(x, "new");
    assertEquals("new", t.get(x));
    t.put(x, "newer");
    assertEquals("newer", t.get(x));
    assertEquals(2, t.size());
  }

  @Test
  void sameFirstAndSecondIndexUsesTheNeighbour() {
    RecentDigestTable<String> t = new RecentDigestTable<>(4);
    byte[] x = key(2, 2, 1);
    byte[] y = key(2, 2, 2);
    t.put(x, "x");
    t.put(y, "y");
    assertEquals("x", t.get(x));
    assertEquals("y", t.get(y));
  }

  @Test
  void boundedAndValidated() {
    RecentDigestTable<Integer> t = new RecentDigestTable<>(8);
    for (int i = 0; i < 1000; i++) {
      t.put(Sha.sha256(new byte[] {(byte) i, (byte) (i >> 8)}), i);
      assertTrue(t.size() <= 8);
    }
    assertThrows(IllegalArgumentException.class, () -> new RecentDigestTable<>(1));
    assertThrows(IllegalArgumentException.class, () -> new RecentDigestTable<>(6));
    assertThrows(IllegalArgumentException.class, () -> t.get(new byte[7]));
    assertThrows(NullPointerException.class, () -> t.put(new byte[32], null));
  }

  @Test
  void concurrentWritersNeverPairAKeyWithAnotherValue() throws InterruptedException {
    RecentDigestTable<Integer> t = new RecentDigestTable<>(4);
    byte[][] keys = new byte[32][];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = Sha.sha256(new byte[] {(byte) i});
    }
    AtomicInteger wrong = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int th = 0; th < 6; th++) {
      int seed = th;
      threads.add(Thread.ofPlatform().start(() -> {
        for (int n = 0; n < 5_000; n++) {
          int i = (n * 7 + seed) % keys.length;
          Integer v = t.get(keys[i]);
          if (v != null && v != i) {
            wrong.incrementAndGet();
          }
          t.put(keys[i], i);
        }
      }));
    }
    for (Thread th : threads) {
      th.join();
    }
    assertEquals(0, wrong.get());
    assertTrue(t.size() <= 4);
  }
}
