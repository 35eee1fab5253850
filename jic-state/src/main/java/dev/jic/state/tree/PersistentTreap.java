package dev.jic.state.tree;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;

/**
 * The structural operations of a persistent treap, shared by {@link TreapNode} (the hashed
 * {@code /canister} and {@code /request_status} maps) and {@code dev.jic.state.IngressView}.
 *
 * <p><b>Shape.</b> Nodes are ordered by key; a node with priority {@code p} and key {@code k}
 * sits above one with {@code (q, m)} iff {@code p > q} as unsigned 64-bit numbers, or {@code p ==
 * q} and {@code k < m} ({@link #above}). A set of (key, priority) pairs therefore has exactly one
 * treap, whatever the order of the operations that built it.
 *
 * <p><b>Persistence.</b> Every change runs inside an {@link Edit}: nodes created by that edit are
 * changed in place, every other node is copied before it changes (path copying), so a version
 * reachable before the edit never changes. {@link Edit#finish} visits the edit's nodes bottom up
 * (the hook for cached digests) and freezes them; after it the edit must not be used again.
 * Each put or remove costs O(log n) expected steps and copies.
 */
public final class PersistentTreap {
  private PersistentTreap() {}

  /**
   * One treap node. Key and priority never change; value and children change only while the node
   * is owned by a running {@link Edit}.
   *
   * @param <K> key type (total order consistent with equals)
   * @param <V> value type
   * @param <N> the concrete node type
   */
  public abstract static class Node<K extends Comparable<K>, V, N extends Node<K, V, N>> {
    final K key;
    final long priority;
    V value;
    N left;
    N right;
    Object edit;

    /** A leaf owned by {@code edit}. */
    protected Node(K key, long priority, V value, Edit<K, V, N> edit) {
      this.key = key;
      this.priority = priority;
      this.value = value;
      this.edit = edit;
    }

    /** A copy of {@code from} (key, priority, value, children) owned by {@code edit}. */
    protected Node(N from, Edit<K, V, N> edit) {
      this(from.key, from.priority, from.value, edit);
      this.left = from.left;
      this.right = from.right;
    }

    /**
     * A copy of this node owned by {@code edit} ({@link #Node(Node, Edit)}), carrying any cached
     * data that depends only on key and value.
     */
    protected abstract N copy(Edit<K, V, N> edit);

    /** Called after the value of this node (owned by a running edit) was replaced. */
    protected void valueChanged() {}

    /** The key. */
    public final K key() {
      return key;
    }

    /** The value. */
    public final V value() {
      return value;
    }

    /** The left subtree (smaller keys), or null. */
    public final N left() {
      return left;
    }

    /** The right subtree (larger keys), or null. */
    public final N right() {
      return right;
    }
  }

  /** Whether a node with {@code (p, k)} sits above one with {@code (q, m)} (see the class comment). */
  public static <K extends Comparable<K>> boolean above(long p, K k, long q, K m) {
    int c = Long.compareUnsigned(p, q);
    return c > 0 || (c == 0 && k.compareTo(m) < 0);
  }

  /** The node of {@code t} holding {@code key}, or null. O(depth). */
  public static <K extends Comparable<K>, N extends Node<K, ?, N>> N find(N t, K key) {
    while (t != null) {
      int c = key.compareTo(t.key);
      if (c == 0) {
        return t;
      }
      t = c < 0 ? t.left : t.right;
    }
    return null;
  }

  /** Calls {@code action} for each entry of {@code t}, ascending key. O(n). */
  public static <K extends Comparable<K>, V, N extends Node<K, V, N>> void forEach(
      N t, BiConsumer<? super K, ? super V> action) {
    while (t != null) {
      forEach(t.left, action);
      action.accept(t.key, t.value);
      t = t.right;
    }
  }

  /** The depth of the deepest node of {@code t} (0 for empty; for tests). */
  public static int depth(Node<?, ?, ?> t) {
    return t == null ? 0 : 1 + Math.max(depth(t.left), depth(t.right));
  }

  /**
   * One batch of changes: its identity is the token marking the nodes it owns. Not thread-safe;
   * use once, then {@link #finish}.
   *
   * @param <K> key type
   * @param <V> value type
   * @param <N> node type
   */
  public abstract static class Edit<K extends Comparable<K>, V, N extends Node<K, V, N>> {
    /** A new leaf owned by this edit. */
    protected abstract N newNode(K key, long priority, V value);

    /** Called once for each node this edit owns, children first, just before it is frozen. */
    protected void seal(N node) {}

    /**
     * {@code t} with {@code key} mapped to {@code value}; {@code priority} must be the key's
     * priority (it is only used if the key is absent).
     */
    public final N put(N t, K key, long priority, V value) {
      if (t == null) {
        return newNode(key, priority, value);
      }
      int c = key.compareTo(t.key);
      if (c == 0) {
        N n = editable(t);
        n.value = value;
        n.valueChanged();
        return n;
      }
      if (above(priority, key, t.priority, t.key)) {
        // key is absent: a present key would have been met above every lower-priority node.
        N[] lr = split(t, key);
        N fresh = newNode(key, priority, value);
        fresh.left = lr[0];
        fresh.right = lr[1];
        return fresh;
      }
      N n = editable(t);
      if (c < 0) {
        n.left = put(t.left, key, priority, value);
      } else {
        n.right = put(t.right, key, priority, value);
      }
      return n;
    }

    /**
     * {@code t} without {@code key}. The key must be present (check with {@link #find}): the path
     * to an absent key would be copied for nothing.
     */
    public final N remove(N t, K key) {
      if (t == null) {
        return null;
      }
      int c = key.compareTo(t.key);
      if (c == 0) {
        return join(t.left, t.right);
      }
      N n = editable(t);
      if (c < 0) {
        n.left = remove(t.left, key);
      } else {
        n.right = remove(t.right, key);
      }
      return n;
    }

    /**
     * The treap of {@code ascending} (keys strictly increasing), built in O(n) as a Cartesian
     * tree. The nodes are owned by this edit.
     *
     * @throws IllegalArgumentException if the keys are not strictly increasing
     */
    public final N build(Iterable<? extends Map.Entry<K, V>> ascending, int size, ToLongFunction<K> priority) {
      @SuppressWarnings("unchecked")
      N[] spine = (N[]) new Node<?, ?, ?>[size];
      int top = 0;
      K prev = null;
      for (Map.Entry<K, V> e : ascending) {
        K k = e.getKey();
        if (prev != null && prev.compareTo(k) >= 0) {
          throw new IllegalArgumentException("keys not strictly increasing at " + k);
        }
        prev = k;
        N x = newNode(k, priority.applyAsLong(k), e.getValue());
        N last = null;
        while (top > 0 && above(x.priority, x.key, spine[top - 1].priority, spine[top - 1].key)) {
          last = spine[--top];
        }
        x.left = last;
        if (top > 0) {
          spine[top - 1].right = x;
        }
        spine[top++] = x;
      }
      return top == 0 ? null : spine[0];
    }

    /** Seals ({@link #seal}) and freezes the nodes of {@code t} this edit owns; returns {@code t}. */
    public final N finish(N t) {
      freeze(t);
      return t;
    }

    private void freeze(N t) {
      if (t == null || t.edit != this) {
        return;
      }
      freeze(t.left);
      freeze(t.right);
      seal(t);
      t.edit = null;
    }

    /** {@code t} itself if this edit owns it, else a copy owned by this edit. */
    private N editable(N t) {
      return t.edit == this ? t : t.copy(this);
    }

    /** The nodes of {@code t} below {@code key} and above it ({@code key} absent). */
    private N[] split(N t, K key) {
      if (t == null) {
        @SuppressWarnings("unchecked")
        N[] lr = (N[]) new Node<?, ?, ?>[2];
        return lr;
      }
      N n = editable(t);
      if (key.compareTo(t.key) < 0) {
        N[] lr = split(t.left, key);
        n.left = lr[1];
        lr[1] = n;
        return lr;
      }
      N[] lr = split(t.right, key);
      n.right = lr[0];
      lr[0] = n;
      return lr;
    }

    /** The treap of {@code a}'s and {@code b}'s nodes, every key of {@code a} below {@code b}'s. */
    private N join(N a, N b) {
      if (a == null) {
        return b;
      }
      if (b == null) {
        return a;
      }
      if (above(a.priority, a.key, b.priority, b.key)) {
        N n = editable(a);
        n.right = join(a.right, b);
        return n;
      }
      N n = editable(b);
      n.left = join(a, b.left);
      return n;
    }
  }
}
