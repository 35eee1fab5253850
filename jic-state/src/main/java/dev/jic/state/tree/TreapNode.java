package dev.jic.state.tree;

import dev.jic.crypto.tree.HashTree;
import dev.jic.crypto.tree.Label;
import dev.jic.types.hash.Sha;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * An inner node with many labeled children ({@code /canister}, {@code /request_status}) held as
 * a persistent treap whose fork shape depends only on the set of labels, so one insertion,
 * update or removal re-hashes O(log n) digests instead of shifting the pairing of every later
 * entry.
 *
 * <p><b>Shape (consensus-relevant: every replica must build the same tree).</b> The treap is
 * ordered by label; the priority of a label is the first 8 bytes, as an unsigned big-endian
 * number, of {@code SHA-256(domainSeparator("jic-state-tree-priority") · label)}, a larger
 * priority sitting higher, equal priorities ordered by label (smaller higher). A set of labels
 * has exactly one such treap. Each treap node {@code (left, label, child, right)} stands for the
 * hash tree
 * <pre>
 *   L = Labeled(label, child)
 *   both sides empty: L;   only right: Fork(L, right);   only left: Fork(left, L);
 *   both: Fork(left, Fork(L, right))
 * </pre>
 * and the empty set for {@code Empty}. The in-order leaves are the labeled children in strictly
 * increasing label order, so this is a well-formed IC hash tree: lookups and witnesses do not
 * depend on the fork shape (interface spec, "Certification"; agent-js {@code lookup_path} walks
 * any fork shape). The from-scratch reference is {@link StateTreeHasher#naiveForest}.
 *
 * <p><b>Persistence.</b> The ordering, priority rule, put/remove and edit token are {@link
 * PersistentTreap}'s. {@link #apply} returns a new version sharing every untouched treap node
 * with the old one; nodes reachable from a published version are never modified, so old versions
 * stay valid and may be read from any thread. Within one {@code apply}, nodes created by that
 * call are edited in place (one {@link PersistentTreap.Edit}), then all their digests are
 * computed once, bottom up, when the edit finishes, before the new version is returned.
 */
final class TreapNode implements TreeNode {
  private static final byte[] LABELED_SEP = Sha.domainSeparator("ic-hashtree-labeled");
  private static final byte[] FORK_SEP = Sha.domainSeparator("ic-hashtree-fork");
  private static final byte[] PRIORITY_SEP = Sha.domainSeparator("jic-state-tree-priority");
  private static final byte[] EMPTY_DIGEST = HashTree.empty().digest();
  static final TreapNode EMPTY = new TreapNode(null, 0);

  private final Node root;
  private final int size;

  private TreapNode(Node root, int size) {
    this.root = root;
    this.size = size;
  }

  /** One treap node with its cached digests (set when its apply seals it). */
  private static final class Node extends PersistentTreap.Node<Label, TreeNode, Node> {
    byte[] labeled;
    byte[] digest;

    Node(Label label, long priority, TreeNode child, Apply edit) {
      super(label, priority, child, edit);
    }

    private Node(Node from, PersistentTreap.Edit<Label, TreeNode, Node> edit) {
      super(from, edit);
      labeled = from.labeled;
    }

    @Override
    protected Node copy(PersistentTreap.Edit<Label, TreeNode, Node> edit) {
      return new Node(this, edit);
    }

    @Override
    protected void valueChanged() {
      labeled = null;
    }
  }

  /** One apply: creates nodes, and seals each digest once, bottom up, when it finishes. */
  private static final class Apply extends PersistentTreap.Edit<Label, TreeNode, Node> {
    private final MessageDigest md = Sha.sha256Digest();

    @Override
    protected Node newNode(Label label, long priority, TreeNode child) {
      return new Node(label, priority, child, this);
    }

    @Override
    protected void seal(Node t) {
      if (t.labeled == null) {
        t.labeled = hash(md, LABELED_SEP, t.key.bytes(), t.value.digestUnsafe());
      }
      t.digest = combine(md, t.left == null ? null : t.left.digest, t.labeled, t.right == null ? null : t.right.digest);
    }
  }

  /** The number of labeled children. */
  int size() {
    return size;
  }

  /** The priority of {@code label} (see the class comment). */
  static long priority(Label label) {
    byte[] h = Sha.sha256(PRIORITY_SEP, label.bytes());
    long p = 0;
    for (int i = 0; i < 8; i++) {
      p = (p << 8) | (h[i] & 0xff);
    }
    return p;
  }

  /** Whether a node with {@code (p, l)} sits above one with {@code (q, m)}. */
  static boolean above(long p, Label l, long q, Label m) {
    return PersistentTreap.above(p, l, q, m);
  }

  /** The child at {@code label}, or null. O(log n). */
  TreeNode child(Label label) {
    Node n = PersistentTreap.find(root, label);
    return n == null ? null : n.value;
  }

  /**
   * This node with sparse changes applied: for each {@code changedLabels[i]}, a null {@code
   * changedChildren[i]} removes the label (an absent label is ignored), otherwise the child is
   * put. Costs O(k log n) tree steps for k changes and one digest computation per treap node on
   * their paths (shared paths hashed once). The result depends only on the resulting set of
   * (label, child digest), never on the order of the changes or on earlier versions.
   *
   * @throws IllegalArgumentException if the lists differ in length or a label repeats
   */
  TreapNode apply(List<Label> changedLabels, List<TreeNode> changedChildren) {
    if (changedLabels.size() != changedChildren.size()) {
      throw new IllegalArgumentException("labels and children differ in length");
    }
    if (changedLabels.isEmpty()) {
      return this;
    }
    Apply edit = new Apply();
    if (root == null) {
      return build(changedLabels, changedChildren, edit);
    }
    Node r = root;
    int n = size;
    java.util.HashSet<Label> done = new java.util.HashSet<>();
    for (int i = 0; i < changedLabels.size(); i++) {
      Label l = changedLabels.get(i);
      if (!done.add(l)) {
        throw new IllegalArgumentException("label changed twice: " + l);
      }
      TreeNode child = changedChildren.get(i);
      Node at = PersistentTreap.find(r, l);
      if (child == null) {
        if (at != null) {
          r = edit.remove(r, l);
          n--;
        }
      } else if (at != null) {
        if (at.value != child) {
          r = edit.put(r, l, at.priority, child);
        }
      } else {
        r = edit.put(r, l, priority(l), child);
        n++;
      }
    }
    if (r == root) {
      return this;
    }
    return new TreapNode(edit.finish(r), n);
  }

  /** The treap of the non-null changes, built in O(n) after sorting (the first block). */
  private static TreapNode build(List<Label> labels, List<TreeNode> children, Apply edit) {
    TreeMap<Label, TreeNode> sorted = new TreeMap<>();
    for (int i = 0; i < labels.size(); i++) {
      if (sorted.containsKey(labels.get(i))) {
        throw new IllegalArgumentException("label changed twice: " + labels.get(i));
      }
      sorted.put(labels.get(i), children.get(i));
    }
    sorted.values().removeIf(c -> c == null);
    if (sorted.isEmpty()) {
      return EMPTY;
    }
    return new TreapNode(edit.finish(edit.build(sorted.entrySet(), sorted.size(), TreapNode::priority)), sorted.size());
  }

  /** The digest of the shape rule of the class comment (null = empty side). */
  private static byte[] combine(MessageDigest md, byte[] left, byte[] labeled, byte[] right) {
    if (left == null) {
      return right == null ? labeled : hash(md, FORK_SEP, labeled, right);
    }
    if (right == null) {
      return hash(md, FORK_SEP, left, labeled);
    }
    return hash(md, FORK_SEP, left, hash(md, FORK_SEP, labeled, right));
  }

  /** SHA-256 of {@code sep · a · b} with a digest owned by the caller (no per-hash clone). */
  private static byte[] hash(MessageDigest md, byte[] sep, byte[] a, byte[] b) {
    md.update(sep);
    md.update(a);
    md.update(b);
    return md.digest();
  }

  /** The hash tree of the shape rule of the class comment (null = empty side). */
  static HashTree combine(HashTree left, HashTree labeled, HashTree right) {
    if (left == null) {
      return right == null ? labeled : fork(labeled, right);
    }
    if (right == null) {
      return fork(left, labeled);
    }
    return fork(left, fork(labeled, right));
  }

  /** A fork, or a pruned node if both sides are pruned (minimal witnesses). */
  private static HashTree fork(HashTree a, HashTree b) {
    if (a instanceof HashTree.Pruned && b instanceof HashTree.Pruned) {
      return HashTree.pruned(Sha.sha256(FORK_SEP, a.digest(), b.digest()));
    }
    return HashTree.fork(a, b);
  }

  @Override
  public byte[] digestUnsafe() {
    return root == null ? EMPTY_DIGEST : root.digest;
  }

  @Override
  public HashTree full() {
    return root == null ? HashTree.empty() : full(root);
  }

  private static HashTree full(Node t) {
    return combine(
        t.left == null ? null : full(t.left),
        HashTree.labeled(t.key.bytes(), t.value.full()),
        t.right == null ? null : full(t.right));
  }

  /**
   * The witness for {@code need}: each requested present label revealed with its child's witness;
   * each requested absent label proven absent by revealing its neighbours below and above (their
   * children pruned); everything else pruned. O(k log n) for k requested labels.
   */
  @Override
  public HashTree witness(PathTrie need) {
    HashTree trivial = TreeNode.trivialWitness(this, need, root == null);
    if (trivial != null) {
      return trivial;
    }
    TreeMap<Label, HashTree> revealed = new TreeMap<>();
    TreeMap<Label, Node> neighbours = new TreeMap<>();
    for (Map.Entry<Label, PathTrie> e : need.sub.entrySet()) {
      Label l = e.getKey();
      Node at = PersistentTreap.find(root, l);
      if (at != null) {
        revealed.put(l, HashTree.labeled(l.bytes(), at.value.witness(e.getValue())));
      } else {
        Node lower = lower(root, l);
        Node higher = higher(root, l);
        if (lower != null) {
          neighbours.put(lower.key, lower);
        }
        if (higher != null) {
          neighbours.put(higher.key, higher);
        }
      }
    }
    neighbours.forEach(
        (l, x) -> revealed.computeIfAbsent(l, k -> HashTree.labeled(k.bytes(), HashTree.pruned(x.value.digestUnsafe()))));
    return assemble(root, revealed);
  }

  /** The subtree of {@code t}, pruned wherever {@code revealed} holds no label of it. */
  private static HashTree assemble(Node t, NavigableMap<Label, HashTree> revealed) {
    if (revealed.isEmpty()) {
      return HashTree.pruned(t.digest);
    }
    HashTree mid = revealed.get(t.key);
    return combine(
        t.left == null ? null : assemble(t.left, revealed.headMap(t.key, false)),
        mid != null ? mid : HashTree.pruned(t.labeled),
        t.right == null ? null : assemble(t.right, revealed.tailMap(t.key, false)));
  }

  /** The node with the largest label below {@code l}, or null. */
  private static Node lower(Node t, Label l) {
    Node best = null;
    while (t != null) {
      if (t.key.compareTo(l) < 0) {
        best = t;
        t = t.right;
      } else {
        t = t.left;
      }
    }
    return best;
  }

  /** The node with the smallest label above {@code l}, or null. */
  private static Node higher(Node t, Label l) {
    Node best = null;
    while (t != null) {
      if (t.key.compareTo(l) > 0) {
        best = t;
        t = t.left;
      } else {
        t = t.right;
      }
    }
    return best;
  }

  /** For tests: the depth of the deepest treap node (0 for empty). */
  int depth() {
    return PersistentTreap.depth(root);
  }

}
