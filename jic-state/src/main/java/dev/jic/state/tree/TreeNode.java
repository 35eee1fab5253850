package dev.jic.state.tree;

import dev.jic.crypto.tree.HashTree;
import dev.jic.crypto.tree.LabeledTree;

/**
 * A subtree of the certified state tree with a cached digest: a small {@link LabeledTree}, the
 * root as a {@link LargeNode} with incrementally maintained fork levels, or a large map as a
 * {@link TreapNode}. Immutable.
 */
sealed interface TreeNode permits TreeNode.Small, LargeNode, TreapNode {

  /** The digest (the array must not be modified). */
  byte[] digestUnsafe();

  /** The full hash tree. */
  HashTree full();

  /** The witness for {@code need} (same shape rules as {@link LabeledTree#witness}). */
  HashTree witness(PathTrie need);

  /**
   * The witness of an inner node ({@link LargeNode}, {@link TreapNode}) when it does not depend on
   * which children are asked for: pruned if nothing is needed, the full tree if everything is,
   * the empty tree for a node without children; null otherwise (the caller then reveals the
   * requested children).
   */
  static HashTree trivialWitness(TreeNode node, PathTrie need, boolean noChildren) {
    if (need.isEmpty()) {
      return HashTree.pruned(node.digestUnsafe());
    }
    if (need.full) {
      return node.full();
    }
    return noChildren ? HashTree.empty() : null;
  }

  /** A small subtree held as a {@link LabeledTree}. */
  record Small(LabeledTree tree, byte[] digest) implements TreeNode {
    static Small of(LabeledTree tree) {
      return new Small(tree, tree.digest());
    }

    @Override
    public byte[] digestUnsafe() {
      return digest;
    }

    @Override
    public HashTree full() {
      return tree.toHashTree();
    }

    @Override
    public HashTree witness(PathTrie need) {
      return need.isEmpty() ? HashTree.pruned(digest) : tree.witness(need.paths());
    }
  }
}
