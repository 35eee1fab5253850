package dev.jic.state.tree;

import dev.jic.crypto.tree.HashTree;
import dev.jic.crypto.tree.Label;
import dev.jic.crypto.tree.LabeledTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Builds the certified state tree of successive states incrementally: the subtree of a canister
 * is re-hashed only when its {@link StateTreeInput.CanisterEntry#version} changed, a request
 * status only when it changed, and {@code /canister} and {@code /request_status} are {@link
 * TreapNode}s updated with only the changed entries. The result for an input is the same whatever
 * inputs came before (the differential test checks this against {@link #naive(StateTreeInput)}).
 * Walks the whole input each call (O(n) comparisons, hashing proportional to the changes); the
 * state manager uses {@link StateTreeUpdater}, which is given the changes.
 *
 * <p>Not thread-safe: one caller. The trees it returns are immutable and may be read from any
 * thread.
 */
public final class StateTreeHasher {
  private Forest canisters = Forest.EMPTY;
  private Forest requests = Forest.EMPTY;
  private LargeNode root = LargeNode.EMPTY;

  /** The tree of {@code input}. */
  public CertifiedStateTree build(StateTreeInput input) {
    canisters =
        canisters.next(
            input.canisters().entrySet(),
            id -> Label.of(id.principal().toBytes()),
            c -> c.version(),
            c -> TreeNode.Small.of(StateTreeEncodings.canister(c)));
    requests =
        requests.next(
            input.requestStatuses().entrySet(),
            id -> Label.of(id.toBytes()),
            s -> s,
            s -> TreeNode.Small.of(StateTreeEncodings.requestStatus(s)));
    root = RootNode.update(root, canisters.node, RootNode.Subnets.of(input.subnets()), requests.node, input.time().nanos());
    return new CertifiedStateTree(root);
  }

  /**
   * The reference implementation: the whole (unpruned) hash tree built from scratch. The root
   * and every small node have {@link LabeledTree}'s fork shape; {@code /canister} and {@code
   * /request_status} have {@link TreapNode}'s shape, built here by a separate algorithm ({@link
   * #naiveForest}). Slow; for tests and cross-checks.
   */
  public static HashTree naive(StateTreeInput input) {
    TreeMap<Label, HashTree> canisters = new TreeMap<>();
    input.canisters().forEach(
        (id, c) -> canisters.put(Label.of(id.principal().toBytes()), StateTreeEncodings.canister(c).toHashTree()));
    TreeMap<Label, HashTree> requests = new TreeMap<>();
    input.requestStatuses().forEach(
        (id, s) -> requests.put(Label.of(id.toBytes()), StateTreeEncodings.requestStatus(s).toHashTree()));
    LabeledTree.Builder subnets = LabeledTree.builder();
    LabeledTree.Builder shards = LabeledTree.builder();
    input
        .subnets()
        .forEach(
            (id, s) -> {
              byte[] sid = id.principal().toBytes();
              subnets.putSubtree(List.of(sid), StateTreeEncodings.subnet(s));
              if (!s.ranges().ranges().isEmpty()) {
                shards.put(List.of(sid, s.ranges().ranges().get(0).start().principal().toBytes()), s.ranges().toCbor());
              }
            });
    List<HashTree> top =
        List.of(
            HashTree.labeled("canister", naiveForest(canisters)),
            HashTree.labeled("canister_ranges", shards.build().toHashTree()),
            HashTree.labeled("request_status", naiveForest(requests)),
            HashTree.labeled("subnet", subnets.build().toHashTree()),
            HashTree.labeled("time", HashTree.leaf(StateTreeEncodings.nat(input.time().nanos()))));
    // LabeledTree's shape for the root: pair adjacent entries level by level, an odd last one
    // moving up unchanged.
    List<HashTree> level = top;
    while (level.size() > 1) {
      List<HashTree> next = new ArrayList<>();
      for (int i = 0; i + 1 < level.size(); i += 2) {
        next.add(HashTree.fork(level.get(i), level.get(i + 1)));
      }
      if (level.size() % 2 == 1) {
        next.add(level.get(level.size() - 1));
      }
      level = next;
    }
    return level.get(0);
  }

  /**
   * The hash tree of a large node ({@link TreapNode}'s shape) built from scratch, without
   * rotations or editing: among the labels of a range, the one with the highest priority is the
   * top, the labels below and above it form its left and right subtrees. O(n · depth).
   */
  public static HashTree naiveForest(SortedMap<Label, HashTree> children) {
    Label[] labels = children.keySet().toArray(new Label[0]);
    HashTree[] trees = children.values().toArray(new HashTree[0]);
    long[] priorities = new long[labels.length];
    for (int i = 0; i < labels.length; i++) {
      priorities[i] = TreapNode.priority(labels[i]);
    }
    return labels.length == 0 ? HashTree.empty() : naiveRange(labels, trees, priorities, 0, labels.length);
  }

  private static HashTree naiveRange(Label[] labels, HashTree[] trees, long[] priorities, int lo, int hi) {
    int top = lo;
    for (int i = lo + 1; i < hi; i++) {
      if (TreapNode.above(priorities[i], labels[i], priorities[top], labels[top])) {
        top = i;
      }
    }
    HashTree mid = HashTree.labeled(labels[top].bytes(), trees[top]);
    HashTree left = top > lo ? naiveRange(labels, trees, priorities, lo, top) : null;
    HashTree right = top + 1 < hi ? naiveRange(labels, trees, priorities, top + 1, hi) : null;
    if (left == null && right == null) {
      return mid;
    }
    if (left == null) {
      return HashTree.fork(mid, right);
    }
    if (right == null) {
      return HashTree.fork(left, mid);
    }
    return HashTree.fork(left, HashTree.fork(mid, right));
  }

  /** A large node plus its labels and, per label, the tag its child was built from. */
  private record Forest(TreapNode node, Label[] labels, Object[] tags) {
    static final Forest EMPTY = new Forest(TreapNode.EMPTY, new Label[0], new Object[0]);

    /** The forest of {@code entries} (ascending keys): only new or re-tagged children are made. */
    <K, V> Forest next(
        Iterable<Map.Entry<K, V>> entries,
        Function<K, Label> label,
        Function<V, Object> tag,
        Function<V, TreeNode> make) {
      List<Label> newLabels = new ArrayList<>();
      List<Object> newTags = new ArrayList<>();
      List<Label> changed = new ArrayList<>();
      List<TreeNode> changedChildren = new ArrayList<>();
      int j = 0;
      for (Map.Entry<K, V> e : entries) {
        Label l = label.apply(e.getKey());
        Object t = tag.apply(e.getValue());
        while (j < labels.length && labels[j].compareTo(l) < 0) {
          changed.add(labels[j++]);
          changedChildren.add(null);
        }
        boolean same = j < labels.length && labels[j].equals(l);
        if (!same || !Objects.equals(tags[j], t)) {
          changed.add(l);
          changedChildren.add(make.apply(e.getValue()));
        }
        if (same) {
          j++;
        }
        newLabels.add(l);
        newTags.add(t);
      }
      while (j < labels.length) {
        changed.add(labels[j++]);
        changedChildren.add(null);
      }
      return new Forest(node.apply(changed, changedChildren), newLabels.toArray(new Label[0]), newTags.toArray());
    }
  }
}
