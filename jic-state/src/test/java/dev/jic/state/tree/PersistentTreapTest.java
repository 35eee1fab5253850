package dev.jic.state.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** {@link PersistentTreap} on its own: a sorted map, persistent, one shape per key set. */
class PersistentTreapTest {
  private static final class N extends PersistentTreap.Node<Integer, String, N> {
    N(Integer k, long p, String v, PersistentTreap.Edit<Integer, String, N> e) {
      super(k, p, v, e);
    }

    N(N from, PersistentTreap.Edit<Integer, String, N> e) {
      super(from, e);
    }

    @Override
    protected N copy(PersistentTreap.Edit<Integer, String, N> e) {
      return new N(this, e);
    }
  }

  private static final class E extends PersistentTreap.Edit<Integer, String, N> {
    @Override
    protected N newNode(Integer k, long p, String v) {
      return new N(k, p, v, this);
    }
  }

  /** A deliberately poor priority (many ties, some with the sign bit) to exercise the tie rule. */
  static long priority(Integer k) {
    return (k % 7) * 0x2000_0000_0000_0000L;
  }

  static TreeMap<Integer, String> entries(N t) {
    TreeMap<Integer, String> out = new TreeMap<>();
    PersistentTreap.forEach(t, out::put);
    return out;
  }

  /** The parenthesised tree: equal for two treaps iff they have the same shape. */
  static String shape(N t) {
    return t == null ? "." : "(" + shape(t.left()) + t.key() + shape(t.right()) + ")";
  }

  @Property(tries = 200)
  void sortedMapPersistentAndOrderIndependent(@ForAll long seed) {
    Random r = new Random(seed);
    N t = null;
    TreeMap<Integer, String> model = new TreeMap<>();
    List<N> versions = new ArrayList<>();
    List<Map<Integer, String>> models = new ArrayList<>();
    for (int step = 0; step < 10; step++) {
      E e = new E();
      for (int k = r.nextInt(30); k > 0; k--) {
        int key = r.nextInt(100);
        if (r.nextInt(3) == 0) {
          if (PersistentTreap.find(t, key) != null) {
            t = e.remove(t, key);
          }
          model.remove(key);
        } else {
          String v = step + ":" + k;
          t = e.put(t, key, priority(key), v);
          model.put(key, v);
        }
      }
      t = e.finish(t);
      assertEquals(model, entries(t));
      versions.add(t);
      models.add(new TreeMap<>(model));
      E b = new E();
      assertEquals(shape(b.finish(b.build(model.entrySet(), model.size(), PersistentTreapTest::priority))), shape(t));
    }
    for (int i = 0; i < versions.size(); i++) {
      assertEquals(models.get(i), entries(versions.get(i)));
    }
  }

  @Test
  void aboveIsUnsignedThenSmallerKeyFirst() {
    assertEquals(true, PersistentTreap.above(-1L, 5, 1L, 1));
    assertEquals(false, PersistentTreap.above(1L, 1, -1L, 5));
    assertEquals(true, PersistentTreap.above(3L, 1, 3L, 2));
    assertEquals(false, PersistentTreap.above(3L, 2, 3L, 1));
  }

  @Test
  void buildRejectsUnsortedKeys() {
    E e = new E();
    assertThrows(
        IllegalArgumentException.class,
        () -> e.build(List.of(Map.entry(2, "b"), Map.entry(1, "a")), 2, PersistentTreapTest::priority));
  }
}
