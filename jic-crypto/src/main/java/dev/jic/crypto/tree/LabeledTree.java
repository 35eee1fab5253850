package dev.jic.crypto.tree;

import dev.jic.types.hash.Sha;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BinaryOperator;

/**
 * A full (unpruned) certified tree: a node maps labels, in unsigned byte order, to subtrees; a
 * value is a leaf blob. Immutable; build one with {@link #builder()}.
 *
 * <p>{@link #toHashTree()} turns it into a hash tree in a fixed shape: the children of a node, in
 * label order, are paired left to right level by level into forks (an odd last one moves up
 * unpaired), and a node without children is Empty. {@link #witness} prunes that same shape, so a
 * witness always has the digest of the full tree. Digests are computed once, when a tree is built.
 */
public sealed interface LabeledTree permits LabeledTree.Value, LabeledTree.Node {

  /** The digest of {@link #toHashTree()}, without building it (a fresh array). */
  byte[] digest();

  /** The full hash tree of this labeled tree. */
  HashTree toHashTree();

  /**
   * A witness for {@code paths}: a pruned hash tree with the same digest in which every value at
   * or below a requested path is revealed, a requested path that does not exist is provably
   * Absent (its neighbouring labels are kept), and everything else is pruned as far as possible.
   * A requested path that runs past a value reveals that value (a leaf proves the absence of
   * anything below it). An empty path reveals the whole tree.
   */
  default HashTree witness(java.util.Collection<List<byte[]>> paths) {
    Witness.Need need = Witness.Need.of(paths);
    return need.isEmpty() ? HashTree.pruned(digest()) : Witness.build(this, need);
  }

  /** A value leaf (bytes copied). */
  static LabeledTree value(byte[] value) {
    return new Value(value.clone());
  }

  /** A node with the given children (copied into an immutable sorted map). */
  static LabeledTree node(Map<Label, LabeledTree> children) {
    return new Node(new TreeMap<>(children));
  }

  /** A fresh builder of an initially empty node. */
  static Builder builder() {
    return new Builder();
  }

  /** A path from labels given as UTF-8 strings, byte arrays or {@link Label}s. */
  static List<byte[]> path(Object... labels) {
    List<byte[]> out = new ArrayList<>(labels.length);
    for (Object o : labels) {
      out.add(o instanceof Label l ? l.bytes() : HashTreeLookup.labels(o).get(0));
    }
    return out;
  }

  /** A leaf blob. */
  final class Value implements LabeledTree {
    private static final byte[] SEP = Sha.domainSeparator("ic-hashtree-leaf");
    private final byte[] value;
    private final byte[] digest;

    private Value(byte[] value) {
      this.value = value;
      this.digest = Sha.sha256(SEP, value);
    }

    /** The value (a copy). */
    public byte[] value() {
      return value.clone();
    }

    @Override
    public byte[] digest() {
      return digest.clone();
    }

    @Override
    public HashTree toHashTree() {
      return HashTree.leaf(value);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Value v && Arrays.equals(value, v.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return HashTreeLookup.show(value);
    }
  }

  /** An inner node: labeled children in label order. */
  final class Node implements LabeledTree {
    private static final byte[] LABELED_SEP = Sha.domainSeparator("ic-hashtree-labeled");
    private static final byte[] FORK_SEP = Sha.domainSeparator("ic-hashtree-fork");
    private final NavigableMap<Label, LabeledTree> children;
    private final byte[] digest;

    private Node(TreeMap<Label, LabeledTree> children) {
      this.children = Collections.unmodifiableNavigableMap(children);
      List<byte[]> parts = new ArrayList<>(children.size());
      for (Map.Entry<Label, LabeledTree> e : children.entrySet()) {
        parts.add(labeledDigest(e.getKey(), e.getValue()));
      }
      this.digest = pairUp(parts, (a, b) -> Sha.sha256(FORK_SEP, a, b), HashTree.empty().digest());
    }

    static byte[] labeledDigest(Label label, LabeledTree child) {
      return Sha.sha256(LABELED_SEP, label.bytesUnsafe(), ((LabeledTree) child).digestUnsafe());
    }

    /** The children, in label order (unmodifiable). */
    public NavigableMap<Label, LabeledTree> children() {
      return children;
    }

    @Override
    public byte[] digest() {
      return digest.clone();
    }

    @Override
    public HashTree toHashTree() {
      List<HashTree> parts = new ArrayList<>(children.size());
      for (Map.Entry<Label, LabeledTree> e : children.entrySet()) {
        parts.add(HashTree.labeled(e.getKey().bytesUnsafe(), e.getValue().toHashTree()));
      }
      return pairUp(parts, HashTree::fork, HashTree.empty());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Node n && children.equals(n.children);
    }

    @Override
    public int hashCode() {
      return children.hashCode();
    }

    @Override
    public String toString() {
      return children.toString();
    }
  }

  /** The cached digest without copying (internal). */
  private byte[] digestUnsafe() {
    return switch (this) {
      case Value v -> v.digest;
      case Node n -> n.digest;
    };
  }

  /**
   * Combines a list level by level: adjacent pairs are merged left to right, an odd last element
   * moves up unchanged; an empty list gives {@code empty}.
   */
  static <T> T pairUp(List<T> items, BinaryOperator<T> fork, T empty) {
    if (items.isEmpty()) {
      return empty;
    }
    List<T> level = items;
    while (level.size() > 1) {
      List<T> next = new ArrayList<>((level.size() + 1) / 2);
      for (int i = 0; i + 1 < level.size(); i += 2) {
        next.add(fork.apply(level.get(i), level.get(i + 1)));
      }
      if (level.size() % 2 == 1) {
        next.add(level.get(level.size() - 1));
      }
      level = next;
    }
    return level.get(0);
  }

  /**
   * Builds a {@link LabeledTree} by inserting values at paths. Not thread-safe; {@link #build()}
   * may be called more than once.
   */
  final class Builder {
    private final TreeMap<Label, Object> root = new TreeMap<>();

    private Builder() {}

    /**
     * Puts {@code value} at {@code path}, creating inner nodes on the way.
     *
     * @throws IllegalArgumentException if the path is empty, runs through a value, or names an
     *     existing inner node
     */
    public Builder put(List<byte[]> path, byte[] value) {
      return putObject(path, value.clone());
    }

    /** Puts a whole subtree at {@code path} (same rules as {@link #put(List, byte[])}). */
    public Builder putSubtree(List<byte[]> path, LabeledTree subtree) {
      return putObject(path, subtree);
    }

    /** Ensures an (initially empty) inner node exists at {@code path}. */
    public Builder putNode(List<byte[]> path) {
      TreeMap<Label, Object> node = root;
      for (byte[] l : path) {
        node = descend(node, Label.of(l));
      }
      return this;
    }

    private Builder putObject(List<byte[]> path, Object leaf) {
      if (path.isEmpty()) {
        throw new IllegalArgumentException("a value needs a non-empty path");
      }
      TreeMap<Label, Object> node = root;
      for (int i = 0; i < path.size() - 1; i++) {
        node = descend(node, Label.of(path.get(i)));
      }
      Label last = Label.of(path.get(path.size() - 1));
      if (node.get(last) instanceof TreeMap<?, ?>) {
        throw new IllegalArgumentException("path " + last + " is already an inner node");
      }
      node.put(last, leaf);
      return this;
    }

    @SuppressWarnings("unchecked")
    private static TreeMap<Label, Object> descend(TreeMap<Label, Object> node, Label l) {
      Object child = node.get(l);
      if (child == null) {
        TreeMap<Label, Object> fresh = new TreeMap<>();
        node.put(l, fresh);
        return fresh;
      }
      if (child instanceof TreeMap<?, ?> m) {
        return (TreeMap<Label, Object>) m;
      }
      throw new IllegalArgumentException("path runs through a value at " + l);
    }

    /** The immutable tree built so far. */
    public LabeledTree build() {
      return freeze(root);
    }

    @SuppressWarnings("unchecked")
    private static LabeledTree freeze(TreeMap<Label, Object> m) {
      TreeMap<Label, LabeledTree> children = new TreeMap<>();
      for (Map.Entry<Label, Object> e : m.entrySet()) {
        Object v = e.getValue();
        children.put(
            e.getKey(),
            switch (v) {
              case byte[] b -> new Value(b);
              case LabeledTree t -> t;
              case TreeMap<?, ?> sub -> freeze((TreeMap<Label, Object>) sub);
              default -> throw new IllegalStateException("unexpected " + v);
            });
      }
      return new Node(children);
    }
  }
}
