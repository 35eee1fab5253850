package dev.jic.state.tree;

import dev.jic.crypto.tree.Label;
import dev.jic.crypto.tree.LabeledTree;
import dev.jic.types.id.PrincipalId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Builds the certified state tree of successive states incrementally: the subtree of a canister
 * is re-hashed only when its {@link StateTreeInput.CanisterEntry#version} changed, a request
 * status only when it changed, and the fork levels of {@code /canister} and {@code
 * /request_status} only along changed paths ({@link LargeNode}). The result for an input is the
 * same whatever inputs came before (the differential test checks this against {@link
 * #naive(StateTreeInput)}).
 *
 * <p>Not thread-safe: one caller (the state manager, once per committed height). The trees it
 * returns are immutable and may be read from any thread.
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
    LabeledTree.Builder subnets = LabeledTree.builder();
    LabeledTree.Builder shards = LabeledTree.builder();
    input
        .subnets()
        .forEach(
            (id, s) -> {
              byte[] sid = id.principal().toBytes();
              subnets.putSubtree(List.of(sid), StateTreeEncodings.subnet(s));
              if (!s.ranges().ranges().isEmpty()) {
                PrincipalId first = s.ranges().ranges().get(0).start().principal();
                shards.put(List.of(sid, first.toBytes()), s.ranges().toCbor());
              }
            });
    List<Label> labels =
        List.of(
            Label.of("canister"),
            Label.of("canister_ranges"),
            Label.of("request_status"),
            Label.of("subnet"),
            Label.of("time"));
    List<TreeNode> children =
        List.of(
            canisters.node,
            TreeNode.Small.of(shards.build()),
            requests.node,
            TreeNode.Small.of(subnets.build()),
            TreeNode.Small.of(LabeledTree.value(StateTreeEncodings.nat(input.time().nanos()))));
    root = LargeNode.update(root, labels, children);
    return new CertifiedStateTree(root);
  }

  /**
   * The reference implementation: the whole tree built from scratch with {@link
   * LabeledTree.Builder}. Slow; for tests and cross-checks.
   */
  public static LabeledTree naive(StateTreeInput input) {
    LabeledTree.Builder b = LabeledTree.builder();
    b.putNode(LabeledTree.path("canister"));
    b.putNode(LabeledTree.path("canister_ranges"));
    b.putNode(LabeledTree.path("request_status"));
    b.putNode(LabeledTree.path("subnet"));
    input
        .canisters()
        .forEach(
            (id, c) ->
                b.putSubtree(
                    pathOf("canister", id.principal().toBytes()), StateTreeEncodings.canister(c)));
    input
        .requestStatuses()
        .forEach(
            (id, s) ->
                b.putSubtree(pathOf("request_status", id.toBytes()), StateTreeEncodings.requestStatus(s)));
    input
        .subnets()
        .forEach(
            (id, s) -> {
              b.putSubtree(pathOf("subnet", id.principal().toBytes()), StateTreeEncodings.subnet(s));
              if (!s.ranges().ranges().isEmpty()) {
                b.put(
                    List.of(
                        LabeledTree.path("canister_ranges").get(0),
                        id.principal().toBytes(),
                        s.ranges().ranges().get(0).start().principal().toBytes()),
                    s.ranges().toCbor());
              }
            });
    b.put(LabeledTree.path("time"), StateTreeEncodings.nat(input.time().nanos()));
    return b.build();
  }

  private static List<byte[]> pathOf(String first, byte[] second) {
    return List.of(LabeledTree.path(first).get(0), second);
  }

  /** A large node plus, per child, the tag it was built from (version or status). */
  private record Forest(LargeNode node, Object[] tags) {
    static final Forest EMPTY = new Forest(LargeNode.EMPTY, new Object[0]);

    <K, V> Forest next(
        Iterable<Map.Entry<K, V>> entries,
        Function<K, Label> label,
        Function<V, Object> tag,
        Function<V, TreeNode> make) {
      List<Label> labels = new ArrayList<>();
      List<TreeNode> children = new ArrayList<>();
      List<Object> newTags = new ArrayList<>();
      int j = 0;
      int prevSize = node.size();
      for (Map.Entry<K, V> e : entries) {
        Label l = label.apply(e.getKey());
        Object t = tag.apply(e.getValue());
        while (j < prevSize && node.labelAt(j).compareTo(l) < 0) {
          j++;
        }
        TreeNode child;
        if (j < prevSize && node.labelAt(j).equals(l) && Objects.equals(tags[j], t)) {
          child = node.childAt(j);
        } else {
          child = make.apply(e.getValue());
        }
        labels.add(l);
        children.add(child);
        newTags.add(t);
      }
      return new Forest(LargeNode.update(node, labels, children), newTags.toArray());
    }
  }
}
