package dev.jic.state.tree;

import dev.jic.crypto.tree.HashTree;
import dev.jic.crypto.tree.Label;
import dev.jic.types.hash.Sha;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A from-scratch witness for tests: prunes a full hash tree of any fork shape with the witness
 * rules of {@link dev.jic.crypto.tree.LabeledTree#witness} (a requested present label revealed,
 * an absent one proven by its neighbours below and above with pruned subtrees, a path continuing
 * below a leaf revealing the leaf, every subtree without revealed labels pruned). Independent of
 * how {@link TreapNode} and {@link LargeNode} build theirs.
 */
final class ReferenceWitness {
  private static final byte[] FORK_SEP = Sha.domainSeparator("ic-hashtree-fork");

  private ReferenceWitness() {}

  static HashTree of(HashTree full, Collection<List<byte[]>> paths) {
    return prune(full, PathTrie.of(paths));
  }

  private static HashTree prune(HashTree t, PathTrie need) {
    if (need.full) {
      return t;
    }
    if (need.isEmpty()) {
      return HashTree.pruned(t.digest());
    }
    return switch (t) {
      case HashTree.Leaf l -> l;
      case HashTree.Empty e -> e;
      case HashTree.Pruned p -> p;
      case HashTree.Fork f -> forest(t, need);
      case HashTree.Labeled l -> forest(t, need);
    };
  }

  private static HashTree forest(HashTree t, PathTrie need) {
    List<HashTree.Labeled> leaves = new ArrayList<>();
    flatten(t, leaves);
    TreeMap<Label, HashTree.Labeled> byLabel = new TreeMap<>();
    for (HashTree.Labeled l : leaves) {
      byLabel.put(Label.of(l.label()), l);
    }
    TreeMap<Label, HashTree> revealed = new TreeMap<>();
    List<Label> neighbours = new ArrayList<>();
    for (Map.Entry<Label, PathTrie> e : need.sub.entrySet()) {
      HashTree.Labeled at = byLabel.get(e.getKey());
      if (at != null) {
        revealed.put(e.getKey(), HashTree.labeled(at.label(), prune(at.subtree(), e.getValue())));
      } else {
        if (byLabel.lowerKey(e.getKey()) != null) {
          neighbours.add(byLabel.lowerKey(e.getKey()));
        }
        if (byLabel.higherKey(e.getKey()) != null) {
          neighbours.add(byLabel.higherKey(e.getKey()));
        }
      }
    }
    for (Label l : neighbours) {
      revealed.computeIfAbsent(
          l, k -> HashTree.labeled(k.bytes(), HashTree.pruned(byLabel.get(k).subtree().digest())));
    }
    return rebuild(t, revealed);
  }

  private static void flatten(HashTree t, List<HashTree.Labeled> out) {
    switch (t) {
      case HashTree.Fork f -> {
        flatten(f.left(), out);
        flatten(f.right(), out);
      }
      case HashTree.Labeled l -> out.add(l);
      default -> throw new IllegalArgumentException("not a forest: " + t);
    }
  }

  private static HashTree rebuild(HashTree t, TreeMap<Label, HashTree> revealed) {
    return switch (t) {
      case HashTree.Labeled l -> {
        HashTree r = revealed.get(Label.of(l.label()));
        yield r != null ? r : HashTree.pruned(l.digest());
      }
      case HashTree.Fork f -> {
        HashTree a = rebuild(f.left(), revealed);
        HashTree b = rebuild(f.right(), revealed);
        yield a instanceof HashTree.Pruned && b instanceof HashTree.Pruned
            ? HashTree.pruned(Sha.sha256(FORK_SEP, a.digest(), b.digest()))
            : HashTree.fork(a, b);
      }
      default -> throw new IllegalArgumentException("not a forest: " + t);
    };
  }

  /** The number of nodes of {@code t} (every kind counts one). */
  static int size(HashTree t) {
    return switch (t) {
      case HashTree.Fork f -> 1 + size(f.left()) + size(f.right());
      case HashTree.Labeled l -> 1 + size(l.subtree());
      default -> 1;
    };
  }
}
