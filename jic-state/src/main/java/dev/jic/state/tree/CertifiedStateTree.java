package dev.jic.state.tree;

import dev.jic.crypto.tree.HashTree;
import java.util.Collection;
import java.util.List;

/**
 * The certified state tree of one state: its root hash (what the subnet signs, {@code
 * ic-state-root}) and pruned witnesses for {@code read_state}. Immutable; thread-safe.
 */
public final class CertifiedStateTree {
  private final LargeNode root;

  CertifiedStateTree(LargeNode root) {
    this.root = root;
  }

  /** The root hash (32 bytes, a fresh array). */
  public byte[] rootHash() {
    return root.digestUnsafe().clone();
  }

  /**
   * A witness revealing every value at or below each requested path (a missing path is proven
   * absent by its neighbouring labels) and pruning everything else; its digest is {@link
   * #rootHash()}. Same shape as {@link dev.jic.crypto.tree.LabeledTree#witness}. An empty
   * collection gives a single pruned node; a collection holding the empty path, the full tree.
   */
  public HashTree witness(Collection<List<byte[]>> paths) {
    return root.witness(PathTrie.of(paths));
  }

  /** The full, unpruned hash tree (large; for tests and debugging). */
  public HashTree fullTree() {
    return root.full();
  }
}
