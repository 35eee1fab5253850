package dev.jic.state.tree;

import dev.jic.crypto.tree.HashTree;
import dev.jic.crypto.tree.Label;
import dev.jic.types.hash.Sha;
import java.util.Arrays;
import java.util.List;

/**
 * An inner node with a few children (the root: {@code canister}, {@code canister_ranges}, {@code
 * request_status}, {@code subnet}, {@code time}) whose fork structure is kept level by level, so a
 * new version re-hashes only what changed. The shape is exactly {@link
 * dev.jic.crypto.tree.LabeledTree}'s:
 * level 0 holds {@code H(labeled, label, child)} in label order, and level {@code k+1} pairs level
 * {@code k} left to right, an odd last entry moving up unchanged.
 *
 * <p>An insertion in the middle shifts the pairing of every later child, so this shape suits only
 * nodes with few children; the large ones ({@code /canister}, {@code /request_status}) are {@link
 * TreapNode}s. {@link #update} shares every digest whose inputs are unchanged (by reference) with the
 * previous version; a digest array is never modified after it is stored. Immutable.
 */
final class LargeNode implements TreeNode {
  private static final byte[] LABELED_SEP = Sha.domainSeparator("ic-hashtree-labeled");
  private static final byte[] FORK_SEP = Sha.domainSeparator("ic-hashtree-fork");
  private static final byte[] EMPTY_DIGEST = HashTree.empty().digest();
  static final LargeNode EMPTY = new LargeNode(new Label[0], new TreeNode[0], new byte[][][] {new byte[0][]});

  private final Label[] labels;
  private final TreeNode[] children;
  private final byte[][][] levels;

  private LargeNode(Label[] labels, TreeNode[] children, byte[][][] levels) {
    this.labels = labels;
    this.children = children;
    this.levels = levels;
  }

  int size() {
    return labels.length;
  }

  Label labelAt(int i) {
    return labels[i];
  }

  TreeNode childAt(int i) {
    return children[i];
  }

  /**
   * The node with the given children (labels strictly increasing), sharing digests with {@code
   * prev} where a child is the same object at the same label, and where both inputs of a fork are
   * the same digest arrays at the same positions.
   */
  static LargeNode update(LargeNode prev, List<Label> newLabels, List<TreeNode> newChildren) {
    int n = newLabels.size();
    Label[] labels = newLabels.toArray(new Label[0]);
    TreeNode[] children = newChildren.toArray(new TreeNode[0]);
    for (int i = 1; i < n; i++) {
      if (labels[i - 1].compareTo(labels[i]) >= 0) {
        throw new IllegalArgumentException("labels not strictly increasing at " + i);
      }
    }
    byte[][] level0 = new byte[n][];
    byte[][] prev0 = prev.levels[0];
    int j = 0;
    for (int i = 0; i < n; i++) {
      while (j < prev.labels.length && prev.labels[j].compareTo(labels[i]) < 0) {
        j++;
      }
      if (j < prev.labels.length && prev.labels[j].equals(labels[i]) && prev.children[j] == children[i]) {
        level0[i] = prev0[j];
      } else {
        level0[i] = Sha.sha256(LABELED_SEP, labels[i].bytes(), children[i].digestUnsafe());
      }
    }
    return withLevels(prev, labels, children, level0);
  }

  private static LargeNode withLevels(
      LargeNode prev, Label[] labels, TreeNode[] children, byte[][] level0) {
    int n = labels.length;
    int depth = 1;
    for (int m = n; m > 1; m = (m + 1) / 2) {
      depth++;
    }
    byte[][][] levels = new byte[depth][][];
    levels[0] = level0;
    for (int k = 1; k < depth; k++) {
      byte[][] below = levels[k - 1];
      byte[][] prevBelow = k - 1 < prev.levels.length ? prev.levels[k - 1] : null;
      byte[][] prevHere = k < prev.levels.length ? prev.levels[k] : null;
      byte[][] here = new byte[(below.length + 1) / 2][];
      for (int i = 0; i < here.length; i++) {
        int l = 2 * i;
        int r = l + 1;
        if (r >= below.length) {
          here[i] = below[l];
          continue;
        }
        if (prevHere != null && r < prevBelow.length && i < prevHere.length
            && prevBelow[l] == below[l] && prevBelow[r] == below[r]) {
          here[i] = prevHere[i];
        } else {
          here[i] = Sha.sha256(FORK_SEP, below[l], below[r]);
        }
      }
      levels[k] = here;
    }
    return new LargeNode(labels, children, levels);
  }

  @Override
  public byte[] digestUnsafe() {
    return labels.length == 0 ? EMPTY_DIGEST : levels[levels.length - 1][0];
  }

  /** The child at {@code label}, or null. */
  TreeNode child(Label label) {
    int i = Arrays.binarySearch(labels, label);
    return i >= 0 ? children[i] : null;
  }

  @Override
  public HashTree full() {
    if (labels.length == 0) {
      return HashTree.empty();
    }
    HashTree[] revealed = new HashTree[labels.length];
    for (int i = 0; i < labels.length; i++) {
      revealed[i] = HashTree.labeled(labels[i].bytes(), children[i].full());
    }
    return assemble(levels.length - 1, 0, revealed);
  }

  @Override
  public HashTree witness(PathTrie need) {
    HashTree trivial = TreeNode.trivialWitness(this, need, labels.length == 0);
    if (trivial != null) {
      return trivial;
    }
    HashTree[] revealed = new HashTree[labels.length];
    for (var e : need.sub.entrySet()) {
      int i = Arrays.binarySearch(labels, e.getKey());
      if (i >= 0) {
        revealed[i] = HashTree.labeled(labels[i].bytes(), children[i].witness(e.getValue()));
      } else {
        // Absence needs the labels right below and above the missing one.
        int ins = -i - 1;
        for (int nb : new int[] {ins - 1, ins}) {
          if (nb >= 0 && nb < labels.length && revealed[nb] == null) {
            revealed[nb] =
                HashTree.labeled(labels[nb].bytes(), HashTree.pruned(children[nb].digestUnsafe()));
          }
        }
      }
    }
    return assemble(levels.length - 1, 0, revealed);
  }

  private HashTree assemble(int k, int i, HashTree[] revealed) {
    java.util.TreeSet<Integer> at = new java.util.TreeSet<>();
    for (int x = 0; x < revealed.length; x++) {
      if (revealed[x] != null) {
        at.add(x);
      }
    }
    return assemble(k, i, revealed, at);
  }

  /** The subtree at level {@code k}, index {@code i}: pruned where nothing below is revealed. */
  private HashTree assemble(
      int k, int i, HashTree[] revealed, java.util.NavigableSet<Integer> at) {
    long lo = (long) i << k;
    long hi = Math.min(((long) i + 1) << k, labels.length);
    Integer first = at.ceiling((int) lo);
    if (first == null || first >= hi) {
      return HashTree.pruned(levels[k][i]);
    }
    if (k == 0) {
      return revealed[i];
    }
    int l = 2 * i;
    if (l + 1 >= levels[k - 1].length) {
      return assemble(k - 1, l, revealed, at);
    }
    return HashTree.fork(
        assemble(k - 1, l, revealed, at), assemble(k - 1, l + 1, revealed, at));
  }
}
