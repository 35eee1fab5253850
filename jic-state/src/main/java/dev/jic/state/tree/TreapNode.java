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
 * <p><b>Persistence.</b> {@link #apply} returns a new version sharing every untouched treap node
 * with the old one; nodes reachable from a published version are never modified, so old versions
 * stay valid and may be read from any thread. Within one {@code apply}, nodes created by that
 * call are edited in place (a per-call edit token), then all their digests are computed once,
 * bottom up, before the new version is returned.
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

  /** One treap node. Fields change only while {@code edit} is the token of a running apply. */
  private static final class Node {
    final Label label;
    final long priority;
    TreeNode child;
    Node left;
    Node right;
    byte[] labeled;
    byte[] digest;
    Object edit;

    Node(Label label, long priority, TreeNode child, Node left, Node right, Object edit) {
      this.label = label;
      this.priority = priority;
      this.child = child;
      this.left = left;
      this.right = right;
      this.edit = edit;
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
    int c = Long.compareUnsigned(p, q);
    return c > 0 || (c == 0 && l.compareTo(m) < 0);
  }

  /** The child at {@code label}, or null. O(log n). */
  TreeNode child(Label label) {
    Node n = find(root, label);
    return n == null ? null : n.child;
  }

  private static Node find(Node n, Label label) {
    while (n != null) {
      int c = label.compareTo(n.label);
      if (c == 0) {
        return n;
      }
      n = c < 0 ? n.left : n.right;
    }
    return null;
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
    Object edit = new Object();
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
      Node at = find(r, l);
      if (child == null) {
        if (at != null) {
          r = remove(r, l, edit);
          n--;
        }
      } else if (at != null) {
        if (at.child != child) {
          r = put(r, l, at.priority, child, edit);
        }
      } else {
        r = put(r, l, priority(l), child, edit);
        n++;
      }
    }
    if (r == root) {
      return this;
    }
    seal(r, Sha.sha256Digest());
    return new TreapNode(r, n);
  }

  /** The treap of the non-null changes, built in O(n) after sorting (the first block). */
  private static TreapNode build(List<Label> labels, List<TreeNode> children, Object edit) {
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
    // Cartesian tree by priority: the right spine is kept on a stack.
    Node[] spine = new Node[sorted.size()];
    int top = 0;
    for (Map.Entry<Label, TreeNode> e : sorted.entrySet()) {
      Node x = new Node(e.getKey(), priority(e.getKey()), e.getValue(), null, null, edit);
      Node last = null;
      while (top > 0 && above(x.priority, x.label, spine[top - 1].priority, spine[top - 1].label)) {
        last = spine[--top];
      }
      x.left = last;
      if (top > 0) {
        spine[top - 1].right = x;
      }
      spine[top++] = x;
    }
    seal(spine[0], Sha.sha256Digest());
    return new TreapNode(spine[0], sorted.size());
  }

  /** {@code t} itself if created by this apply, else a copy owned by it; its digest is reset. */
  private static Node editable(Node t, Object edit) {
    if (t.edit == edit) {
      t.digest = null;
      return t;
    }
    Node c = new Node(t.label, t.priority, t.child, t.left, t.right, edit);
    c.labeled = t.labeled;
    return c;
  }

  private static Node put(Node t, Label l, long p, TreeNode child, Object edit) {
    if (t == null) {
      return new Node(l, p, child, null, null, edit);
    }
    int c = l.compareTo(t.label);
    if (c == 0) {
      Node n = editable(t, edit);
      n.child = child;
      n.labeled = null;
      return n;
    }
    if (above(p, l, t.priority, t.label)) {
      // l is absent (a present l would have been met above every lower-priority node).
      Node[] lr = split(t, l, edit);
      return new Node(l, p, child, lr[0], lr[1], edit);
    }
    Node n = editable(t, edit);
    if (c < 0) {
      n.left = put(t.left, l, p, child, edit);
    } else {
      n.right = put(t.right, l, p, child, edit);
    }
    return n;
  }

  /** The nodes of {@code t} below {@code l} and above it ({@code l} absent). */
  private static Node[] split(Node t, Label l, Object edit) {
    if (t == null) {
      return new Node[2];
    }
    Node n = editable(t, edit);
    if (l.compareTo(t.label) < 0) {
      Node[] lr = split(t.left, l, edit);
      n.left = lr[1];
      lr[1] = n;
      return lr;
    }
    Node[] lr = split(t.right, l, edit);
    n.right = lr[0];
    lr[0] = n;
    return lr;
  }

  private static Node remove(Node t, Label l, Object edit) {
    int c = l.compareTo(t.label);
    if (c == 0) {
      return join(t.left, t.right, edit);
    }
    Node n = editable(t, edit);
    if (c < 0) {
      n.left = remove(t.left, l, edit);
    } else {
      n.right = remove(t.right, l, edit);
    }
    return n;
  }

  /** The treap of {@code a}'s and {@code b}'s nodes, every label of {@code a} below {@code b}'s. */
  private static Node join(Node a, Node b, Object edit) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (above(a.priority, a.label, b.priority, b.label)) {
      Node n = editable(a, edit);
      n.right = join(a.right, b, edit);
      return n;
    }
    Node n = editable(b, edit);
    n.left = join(a, b.left, edit);
    return n;
  }

  /** Computes the digests of the nodes this apply created or edited, and freezes them. */
  private static void seal(Node t, MessageDigest md) {
    if (t == null || t.edit == null) {
      return;
    }
    seal(t.left, md);
    seal(t.right, md);
    if (t.labeled == null) {
      t.labeled = hash(md, LABELED_SEP, t.label.bytes(), t.child.digestUnsafe());
    }
    t.digest = combine(md, t.left == null ? null : t.left.digest, t.labeled, t.right == null ? null : t.right.digest);
    t.edit = null;
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
        HashTree.labeled(t.label.bytes(), t.child.full()),
        t.right == null ? null : full(t.right));
  }

  /**
   * The witness for {@code need}: each requested present label revealed with its child's witness;
   * each requested absent label proven absent by revealing its neighbours below and above (their
   * children pruned); everything else pruned. O(k log n) for k requested labels.
   */
  @Override
  public HashTree witness(PathTrie need) {
    if (need.isEmpty()) {
      return HashTree.pruned(digestUnsafe());
    }
    if (need.full) {
      return full();
    }
    if (root == null) {
      return HashTree.empty();
    }
    TreeMap<Label, HashTree> revealed = new TreeMap<>();
    TreeMap<Label, Node> neighbours = new TreeMap<>();
    for (Map.Entry<Label, PathTrie> e : need.sub.entrySet()) {
      Label l = e.getKey();
      Node at = find(root, l);
      if (at != null) {
        revealed.put(l, HashTree.labeled(l.bytes(), at.child.witness(e.getValue())));
      } else {
        Node lower = lower(root, l);
        Node higher = higher(root, l);
        if (lower != null) {
          neighbours.put(lower.label, lower);
        }
        if (higher != null) {
          neighbours.put(higher.label, higher);
        }
      }
    }
    neighbours.forEach(
        (l, x) -> revealed.computeIfAbsent(l, k -> HashTree.labeled(k.bytes(), HashTree.pruned(x.child.digestUnsafe()))));
    return assemble(root, revealed);
  }

  /** The subtree of {@code t}, pruned wherever {@code revealed} holds no label of it. */
  private static HashTree assemble(Node t, NavigableMap<Label, HashTree> revealed) {
    if (revealed.isEmpty()) {
      return HashTree.pruned(t.digest);
    }
    HashTree mid = revealed.get(t.label);
    return combine(
        t.left == null ? null : assemble(t.left, revealed.headMap(t.label, false)),
        mid != null ? mid : HashTree.pruned(t.labeled),
        t.right == null ? null : assemble(t.right, revealed.tailMap(t.label, false)));
  }

  /** The node with the largest label below {@code l}, or null. */
  private static Node lower(Node t, Label l) {
    Node best = null;
    while (t != null) {
      if (t.label.compareTo(l) < 0) {
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
      if (t.label.compareTo(l) > 0) {
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
    return depth(root);
  }

  private static int depth(Node t) {
    return t == null ? 0 : 1 + Math.max(depth(t.left), depth(t.right));
  }
}
