package dev.jic.state;

import dev.jic.replicated.IngressStatus;
import dev.jic.state.tree.PersistentTreap;
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
 * <p>A {@link PersistentTreap} ordered by id; a node's priority mixes the id's bytes (ids are
 * SHA-256 outputs, so the tree is balanced in expectation). The shape is not part of any hash: it
 * only has to be balanced.
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

  private static final class Node extends PersistentTreap.Node<RequestId, IngressStatus, Node> {
    Node(RequestId id, long priority, IngressStatus status, PersistentTreap.Edit<RequestId, IngressStatus, Node> edit) {
      super(id, priority, status, edit);
    }

    @Override
    protected Node copy(PersistentTreap.Edit<RequestId, IngressStatus, Node> edit) {
      return new Node(this, edit);
    }

    private Node(Node from, PersistentTreap.Edit<RequestId, IngressStatus, Node> edit) {
      super(from, edit);
    }
  }

  /** One {@link #with}: creates its own nodes; nothing to seal. */
  private static final class Edit extends PersistentTreap.Edit<RequestId, IngressStatus, Node> {
    @Override
    protected Node newNode(RequestId id, long priority, IngressStatus status) {
      return new Node(id, priority, status, this);
    }
  }

  /** The status of {@code id}, or null if this history does not hold it ("unknown"). O(log n). */
  public IngressStatus get(RequestId id) {
    Node n = PersistentTreap.find(root, id);
    return n == null ? null : n.value();
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
    forEach(out::put);
    return out;
  }

  /** Calls {@code action} for each entry, ascending id. O(n). */
  public void forEach(BiConsumer<RequestId, IngressStatus> action) {
    PersistentTreap.forEach(root, action);
  }

  /**
   * This history with {@code changes} applied (a null value removes the id; removing an absent id
   * does nothing). This version is unchanged.
   */
  public IngressView with(Map<RequestId, IngressStatus> changes) {
    if (changes.isEmpty()) {
      return this;
    }
    Edit edit = new Edit();
    Node r = root;
    int n = size;
    for (Map.Entry<RequestId, IngressStatus> e : changes.entrySet()) {
      RequestId id = e.getKey();
      boolean present = PersistentTreap.find(r, id) != null;
      if (e.getValue() == null) {
        if (present) {
          r = edit.remove(r, id);
          n--;
        }
      } else {
        r = edit.put(r, id, priority(id), e.getValue());
        n += present ? 0 : 1;
      }
    }
    return new IngressView(edit.finish(r), n);
  }

  /** The whole history {@code entries} (ascending ids), built in O(n log n). */
  public static IngressView of(NavigableMap<RequestId, IngressStatus> entries) {
    return EMPTY.with(entries);
  }

  /**
   * The priority of {@code id}: a 64-bit mix of its bytes, with the sign bit flipped so that the
   * core's unsigned order ({@link PersistentTreap#above}) equals the signed order of the mix.
   */
  static long priority(RequestId id) {
    ByteBuffer b = ByteBuffer.wrap(id.toBytes());
    long h = 0x9E3779B97F4A7C15L;
    while (b.remaining() >= 8) {
      h = mix(h ^ b.getLong());
    }
    while (b.hasRemaining()) {
      h = mix(h ^ b.get());
    }
    return h ^ Long.MIN_VALUE;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** For tests: the depth of the deepest node (0 for empty). */
  int depth() {
    return PersistentTreap.depth(root);
  }
}
