package dev.jic.state;

import dev.jic.replicated.IngressStatus;
import dev.jic.types.hash.RequestId;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The ingress history of one committed state, as read_state and the call handlers see it: a
 * persistent sorted map from request id to status. A new version is derived from the previous
 * one in O(changes · log n) ({@link #with}) and shares everything else with it, so keeping one
 * snapshot per height costs memory only for what changed. Immutable and thread-safe.
 *
 * <p>A treap ordered by id; a node's priority mixes the id's bytes (ids are SHA-256 outputs, so
 * the tree is balanced in expectation). The shape is not part of any hash: it only has to be
 * balanced.
 */
public final class IngressView {
  /** The empty history. */
  public static final IngressView EMPTY = new IngressView(null, 0);

  private final Node root;
  private final int size;

  private IngressView(Node root, int size) {
    this.root = root;
    this.size = size;
  }

  private static final class Node {
    final RequestId id;
    final long priority;
    IngressStatus status;
    Node left;
    Node right;
    Object edit;

    Node(RequestId id, long priority, IngressStatus status, Object edit) {
      this.id = id;
      this.priority = priority;
      this.status = status;
      this.edit = edit;
    }

    Node copy(Object e) {
      Node c = new Node(id, priority, status, e);
      c.left = left;
      c.right = right;
      return c;
    }
  }

  /** The status of {@code id}, or null if this history does not hold it ("unknown"). O(log n). */
  public IngressStatus get(RequestId id) {
    Node n = root;
    while (n != null) {
      int c = id.compareTo(n.id);
      if (c == 0) {
        return n.status;
      }
      n = c < 0 ? n.left : n.right;
    }
    return null;
  }

  /** Whether this history holds {@code id}. O(log n). */
  public boolean containsKey(RequestId id) {
    return get(id) != null;
  }

  /** The number of entries. */
  public int size() {
    return size;
  }

  /** All entries, ascending id (a fresh mutable map; O(n), for tests and diagnostics). */
  public NavigableMap<RequestId, IngressStatus> toMap() {
    TreeMap<RequestId, IngressStatus> out = new TreeMap<>();
    collect(root, out);
    return out;
  }

  private static void collect(Node n, TreeMap<RequestId, IngressStatus> out) {
    forEach(n, out::put);
  }

  /** Calls {@code action} for each entry, ascending id. O(n). */
  public void forEach(BiConsumer<RequestId, IngressStatus> action) {
    forEach(root, action);
  }

  private static void forEach(Node n, BiConsumer<RequestId, IngressStatus> action) {
    while (n != null) {
      forEach(n.left, action);
      action.accept(n.id, n.status);
      n = n.right;
    }
  }

  /**
   * This history with {@code changes} applied (a null value removes the id; removing an absent id
   * does nothing). This version is unchanged.
   */
  public IngressView with(Map<RequestId, IngressStatus> changes) {
    if (changes.isEmpty()) {
      return this;
    }
    Object edit = new Object();
    Node r = root;
    int n = size;
    for (Map.Entry<RequestId, IngressStatus> e : changes.entrySet()) {
      RequestId id = e.getKey();
      boolean present = get(r, id) != null;
      if (e.getValue() == null) {
        if (present) {
          r = remove(r, id, edit);
          n--;
        }
      } else {
        r = put(r, id, priority(id), e.getValue(), edit);
        n += present ? 0 : 1;
      }
    }
    freeze(r, edit);
    return new IngressView(r, n);
  }

  /** The whole history {@code entries} (ascending ids), built in O(n log n). */
  public static IngressView of(NavigableMap<RequestId, IngressStatus> entries) {
    return EMPTY.with(entries);
  }

  private static IngressStatus get(Node n, RequestId id) {
    while (n != null) {
      int c = id.compareTo(n.id);
      if (c == 0) {
        return n.status;
      }
      n = c < 0 ? n.left : n.right;
    }
    return null;
  }

  static long priority(RequestId id) {
    ByteBuffer b = ByteBuffer.wrap(id.toBytes());
    long h = 0x9E3779B97F4A7C15L;
    while (b.remaining() >= 8) {
      h = mix(h ^ b.getLong());
    }
    while (b.hasRemaining()) {
      h = mix(h ^ b.get());
    }
    return h;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static boolean above(long p, RequestId a, long q, RequestId b) {
    int c = Long.compare(p, q);
    return c > 0 || (c == 0 && a.compareTo(b) < 0);
  }

  private static Node editable(Node t, Object edit) {
    return t.edit == edit ? t : t.copy(edit);
  }

  private static Node put(Node t, RequestId id, long p, IngressStatus status, Object edit) {
    if (t == null) {
      return new Node(id, p, status, edit);
    }
    int c = id.compareTo(t.id);
    if (c == 0) {
      Node n = editable(t, edit);
      n.status = status;
      return n;
    }
    if (above(p, id, t.priority, t.id)) {
      Node fresh = new Node(id, p, status, edit);
      // id is absent: a present id would have been met above every lower-priority node.
      Node[] lr = split(t, id, edit);
      fresh.left = lr[0];
      fresh.right = lr[1];
      return fresh;
    }
    Node n = editable(t, edit);
    if (c < 0) {
      n.left = put(t.left, id, p, status, edit);
    } else {
      n.right = put(t.right, id, p, status, edit);
    }
    return n;
  }

  private static Node[] split(Node t, RequestId id, Object edit) {
    if (t == null) {
      return new Node[2];
    }
    Node n = editable(t, edit);
    if (id.compareTo(t.id) < 0) {
      Node[] lr = split(t.left, id, edit);
      n.left = lr[1];
      lr[1] = n;
      return lr;
    }
    Node[] lr = split(t.right, id, edit);
    n.right = lr[0];
    lr[0] = n;
    return lr;
  }

  private static Node remove(Node t, RequestId id, Object edit) {
    int c = id.compareTo(t.id);
    if (c == 0) {
      return join(t.left, t.right, edit);
    }
    Node n = editable(t, edit);
    if (c < 0) {
      n.left = remove(t.left, id, edit);
    } else {
      n.right = remove(t.right, id, edit);
    }
    return n;
  }

  private static Node join(Node a, Node b, Object edit) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (above(a.priority, a.id, b.priority, b.id)) {
      Node n = editable(a, edit);
      n.right = join(a.right, b, edit);
      return n;
    }
    Node n = editable(b, edit);
    n.left = join(a, b.left, edit);
    return n;
  }

  /** Clears the edit token of the nodes this call created, so later calls copy them. */
  private static void freeze(Node t, Object edit) {
    if (t == null || t.edit != edit) {
      return;
    }
    t.edit = null;
    freeze(t.left, edit);
    freeze(t.right, edit);
  }

  /** For tests: the depth of the deepest node (0 for empty). */
  int depth() {
    return depth(root);
  }

  private static int depth(Node t) {
    return t == null ? 0 : 1 + Math.max(depth(t.left), depth(t.right));
  }
}
