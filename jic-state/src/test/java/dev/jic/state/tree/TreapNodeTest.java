package dev.jic.state.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.crypto.tree.HashTree;
import dev.jic.crypto.tree.HashTreeCbor;
import dev.jic.crypto.tree.Label;
import dev.jic.crypto.tree.LabeledTree;
import dev.jic.crypto.tree.LookupResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * {@link TreapNode}: incremental updates equal the from-scratch {@link StateTreeHasher#naiveForest}
 * (root, full tree, witnesses), the root depends only on the final set, old versions stay intact,
 * and witnesses are logarithmic and verify with the crypto module's lookup.
 */
class TreapNodeTest {
  static final HexFormat HEX = HexFormat.of();

  static TreeNode leaf(String v) {
    return TreeNode.Small.of(LabeledTree.value(v.getBytes(StandardCharsets.UTF_8)));
  }

  static Label label(Random r, int universe) {
    int i = r.nextInt(universe);
    byte[] b = new byte[1 + i % 3];
    b[0] = (byte) (i * 7);
    for (int k = 1; k < b.length; k++) {
      b[k] = (byte) (i >> (4 * k));
    }
    return Label.of(b);
  }

  static HashTree naive(TreeMap<Label, TreeNode> m) {
    TreeMap<Label, HashTree> full = new TreeMap<>();
    m.forEach((l, c) -> full.put(l, c.full()));
    return StateTreeHasher.naiveForest(full);
  }

  static TreapNode applyAll(TreapNode t, Map<Label, TreeNode> changes) {
    return t.apply(new ArrayList<>(changes.keySet()), new ArrayList<>(changes.values()));
  }

  /**
   * Golden value from an independent Python script (hashlib; priorities and the shape rule as in
   * {@link TreapNode}'s class comment): labels a..e with leaf values "1".."5". Priorities:
   * b 0x8107.. > e 0x798d.. > d 0x6a03.. > c 0x20bb.. > a 0x203b.., so the shape is b(a, e(d(c), -)),
   * which is not LabeledTree's pairing.
   */
  @Test
  void goldenShape() {
    TreeMap<Label, TreeNode> m = new TreeMap<>();
    String[] ls = {"a", "b", "c", "d", "e"};
    for (int i = 0; i < ls.length; i++) {
      m.put(Label.of(ls[i]), leaf(String.valueOf(i + 1)));
    }
    TreapNode t = applyAll(TreapNode.EMPTY, m);
    assertEquals("ac70265ad8f62f1f491d55d981bdd9b662991f47328f3222cb84492ca6196131", HEX.formatHex(t.digestUnsafe()));
    assertEquals("ac70265ad8f62f1f491d55d981bdd9b662991f47328f3222cb84492ca6196131", HEX.formatHex(naive(m).digest()));
    assertEquals(Long.parseUnsignedLong("8107819d380af607", 16), TreapNode.priority(Label.of("b")));
    TreapNode without = t.apply(List.of(Label.of("c")), Collections.singletonList(null));
    assertEquals("f6692db499134528c9a2c511b6c1df1df03d64906ac3e5b6aa574370df599814", HEX.formatHex(without.digestUnsafe()));
    assertEquals(4, without.size());
    assertNotEquals(
        HEX.formatHex(LabeledTree.node(Map.of()).digest()), HEX.formatHex(t.digestUnsafe()));
    assertArrayEquals(HashTree.empty().digest(), TreapNode.EMPTY.digestUnsafe());
  }

  @Property(tries = 200)
  void incrementalEqualsFromScratch(@ForAll long seed) {
    Random r = new Random(seed);
    int universe = 1 + r.nextInt(200);
    TreapNode t = TreapNode.EMPTY;
    TreeMap<Label, TreeNode> model = new TreeMap<>();
    List<TreapNode> versions = new ArrayList<>();
    List<String> roots = new ArrayList<>();
    List<String> fulls = new ArrayList<>();
    for (int step = 0; step < 10; step++) {
      TreeMap<Label, TreeNode> changes = new TreeMap<>();
      for (int k = r.nextInt(30); k > 0; k--) {
        Label l = label(r, universe);
        TreeNode c = r.nextInt(3) == 0 ? null : leaf("v" + r.nextInt(4));
        changes.put(l, c);
      }
      changes.forEach((l, c) -> {
        if (c == null) {
          model.remove(l);
        } else {
          model.put(l, c);
        }
      });
      // Changes in a random order: the result must not depend on it.
      List<Label> ls = new ArrayList<>(changes.keySet());
      Collections.shuffle(ls, r);
      List<TreeNode> cs = new ArrayList<>();
      for (Label l : ls) {
        cs.add(changes.get(l));
      }
      t = t.apply(ls, cs);
      HashTree want = naive(model);
      assertEquals(HEX.formatHex(want.digest()), HEX.formatHex(t.digestUnsafe()), "step " + step);
      assertEquals(HEX.formatHex(HashTreeCbor.encode(want)), HEX.formatHex(HashTreeCbor.encode(t.full())));
      assertEquals(model.size(), t.size());
      // Order independence: the same set inserted from scratch in another order.
      assertArrayEquals(t.digestUnsafe(), fromScratchShuffled(model, r).digestUnsafe());
      versions.add(t);
      roots.add(HEX.formatHex(t.digestUnsafe()));
      fulls.add(HEX.formatHex(HashTreeCbor.encode(t.full())));
      // Witnesses: exactly the pruning of the from-scratch tree.
      List<List<byte[]>> paths = new ArrayList<>();
      for (int k = r.nextInt(5); k >= 0; k--) {
        paths.add(r.nextInt(4) == 0 ? List.of(label(r, universe).bytes(), new byte[] {1}) : List.of(label(r, universe).bytes()));
      }
      HashTree w = t.witness(PathTrie.of(paths));
      assertEquals(HEX.formatHex(HashTreeCbor.encode(ReferenceWitness.of(want, paths))), HEX.formatHex(HashTreeCbor.encode(w)));
      assertArrayEquals(t.digestUnsafe(), w.digest());
    }
    // Persistence: every old version still has its root and full tree.
    for (int i = 0; i < versions.size(); i++) {
      assertEquals(roots.get(i), HEX.formatHex(versions.get(i).digestUnsafe()));
      assertEquals(fulls.get(i), HEX.formatHex(HashTreeCbor.encode(versions.get(i).full())));
    }
  }

  private static TreapNode fromScratchShuffled(TreeMap<Label, TreeNode> model, Random r) {
    List<Label> ls = new ArrayList<>(model.keySet());
    Collections.shuffle(ls, r);
    TreapNode t = TreapNode.EMPTY;
    // One label per apply, plus a decoy inserted and removed again.
    Label decoy = Label.of(new byte[] {(byte) 0xfe, (byte) 0xfe, (byte) 0xfe, 9});
    t = t.apply(List.of(decoy), List.of(leaf("x")));
    for (Label l : ls) {
      t = t.apply(List.of(l), List.of(model.get(l)));
    }
    return model.containsKey(decoy) ? t : t.apply(List.of(decoy), Collections.singletonList(null));
  }

  @Test
  void unchangedApplyReturnsSameVersion() {
    TreapNode t = applyAll(TreapNode.EMPTY, Map.of(Label.of("a"), leaf("1")));
    assertSame(t, t.apply(List.of(), List.of()));
    assertSame(t, t.apply(List.of(Label.of("zz")), Collections.singletonList(null)));
  }

  @Test
  void witnessesAreLogarithmicAndVerify() {
    int n = 20_000;
    Random r = new Random(11);
    TreeMap<Label, TreeNode> m = new TreeMap<>();
    List<byte[]> present = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] id = new byte[32];
      r.nextBytes(id);
      present.add(id);
      m.put(Label.of(id), leaf("s" + (i % 7)));
    }
    TreapNode t = applyAll(TreapNode.EMPTY, m);
    int depth = t.depth();
    // Expected height of a random treap is about 4.3 ln n = 43 here; 4 log2 n = 57.
    assertTrue(depth <= 4 * 15, "depth " + depth);
    for (int k = 0; k < 50; k++) {
      byte[] id = present.get(r.nextInt(n));
      byte[] missing = new byte[32];
      r.nextBytes(missing);
      HashTree w = t.witness(PathTrie.of(List.of(List.of(id))));
      assertArrayEquals(t.digestUnsafe(), w.digest());
      assertInstanceOf(LookupResult.Found.class, w.lookup(List.of(id)));
      // Per treap level at most: the fork, the pruned side, the inner fork, the pruned label.
      assertTrue(ReferenceWitness.size(w) <= 4 * depth + 4, "present witness " + ReferenceWitness.size(w));
      HashTree a = t.witness(PathTrie.of(List.of(List.of(missing))));
      assertArrayEquals(t.digestUnsafe(), a.digest());
      assertInstanceOf(LookupResult.Absent.class, a.lookup(List.of(missing)));
      assertTrue(ReferenceWitness.size(a) <= 2 * (4 * depth + 4), "absence witness " + ReferenceWitness.size(a));
    }
    // Ten labels at once: at most ten paths.
    List<List<byte[]>> ten = new ArrayList<>();
    for (int k = 0; k < 10; k++) {
      ten.add(List.of(present.get(r.nextInt(n))));
    }
    HashTree w = t.witness(PathTrie.of(ten));
    assertTrue(ReferenceWitness.size(w) <= 10 * (4 * depth + 4), "ten-label witness " + ReferenceWitness.size(w));
    for (List<byte[]> p : ten) {
      assertInstanceOf(LookupResult.Found.class, w.lookup(p));
    }
    // Below and above every label.
    byte[] low = new byte[0];
    byte[] high = new byte[33];
    java.util.Arrays.fill(high, (byte) 0xff);
    HashTree ends = t.witness(PathTrie.of(List.of(List.of(low), List.of(high))));
    assertInstanceOf(LookupResult.Absent.class, ends.lookup(List.of(low)));
    assertInstanceOf(LookupResult.Absent.class, ends.lookup(List.of(high)));
  }
}
