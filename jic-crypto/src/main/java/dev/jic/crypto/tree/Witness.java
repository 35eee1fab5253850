package dev.jic.crypto.tree;

import dev.jic.types.hash.Sha;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** Builds pruned witnesses of a {@link LabeledTree} (see {@link LabeledTree#witness}). */
final class Witness {
  private static final byte[] FORK_SEP = Sha.domainSeparator("ic-hashtree-fork");

  private Witness() {}

  /** The requested paths as a trie; {@code full} marks the end of a requested path. */
  static final class Need {
    boolean full;
    final TreeMap<Label, Need> sub = new TreeMap<>();

    static Need of(Collection<List<byte[]>> paths) {
      Need root = new Need();
      for (List<byte[]> p : paths) {
        Need n = root;
        for (byte[] l : p) {
          n = n.sub.computeIfAbsent(Label.of(l), k -> new Need());
        }
        n.full = true;
      }
      return root;
    }

    boolean isEmpty() {
      return !full && sub.isEmpty();
    }
  }

  /** One child position of a forest: its tree and whether it is fully pruned. */
  private record Part(HashTree tree, boolean pruned) {}

  static HashTree build(LabeledTree tree, Need need) {
    if (need.full) {
      return tree.toHashTree();
    }
    return switch (tree) {
      // A path continues below a value: the leaf proves that nothing is below it.
      case LabeledTree.Value v -> tree.toHashTree();
      case LabeledTree.Node n -> buildNode(n, need);
    };
  }

  private static HashTree buildNode(LabeledTree.Node node, Need need) {
    NavigableMap<Label, LabeledTree> children = node.children();
    if (children.isEmpty()) {
      return HashTree.empty();
    }
    Map<Label, HashTree> revealed = new TreeMap<>();
    List<Label> neighbours = new ArrayList<>();
    for (Map.Entry<Label, Need> e : need.sub.entrySet()) {
      Label l = e.getKey();
      LabeledTree child = children.get(l);
      if (child != null) {
        revealed.put(l, HashTree.labeled(l.bytesUnsafe(), build(child, e.getValue())));
      } else {
        // Absence of l needs the labels right below and right above it, adjacent in the forest.
        Label lower = children.lowerKey(l);
        Label higher = children.higherKey(l);
        if (lower != null) {
          neighbours.add(lower);
        }
        if (higher != null) {
          neighbours.add(higher);
        }
      }
    }
    for (Label l : neighbours) {
      revealed.computeIfAbsent(
          l, k -> HashTree.labeled(k.bytesUnsafe(), HashTree.pruned(children.get(k).digest())));
    }
    List<Part> parts = new ArrayList<>(children.size());
    for (Map.Entry<Label, LabeledTree> e : children.entrySet()) {
      HashTree r = revealed.get(e.getKey());
      parts.add(
          r != null
              ? new Part(r, false)
              : new Part(
                  HashTree.pruned(LabeledTree.Node.labeledDigest(e.getKey(), e.getValue())), true));
    }
    return LabeledTree.pairUp(parts, Witness::fork, null).tree();
  }

  private static Part fork(Part a, Part b) {
    if (a.pruned() && b.pruned()) {
      return new Part(
          HashTree.pruned(Sha.sha256(FORK_SEP, a.tree().digest(), b.tree().digest())), true);
    }
    return new Part(HashTree.fork(a.tree(), b.tree()), false);
  }
}
