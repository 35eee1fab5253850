package dev.jic.state.tree;

import dev.jic.crypto.tree.Label;
import dev.jic.crypto.tree.LabeledTree;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.id.SubnetId;
import java.util.List;
import java.util.Map;

/**
 * The root of the certified state tree, shared by {@link StateTreeHasher} and {@link
 * StateTreeUpdater}: its five labels in order and the {@code /subnet} and {@code
 * /canister_ranges} subtrees, which both builders derive from the subnet map the same way.
 */
final class RootNode {
  private static final List<Label> LABELS =
      List.of(
          Label.of("canister"),
          Label.of("canister_ranges"),
          Label.of("request_status"),
          Label.of("subnet"),
          Label.of("time"));

  private RootNode() {}

  /** The {@code /subnet} and {@code /canister_ranges} subtrees of one subnet map. */
  record Subnets(TreeNode subnet, TreeNode canisterRanges) {
    /** Encodes {@code subnets} (iterated in key order if it is sorted). */
    static Subnets of(Map<SubnetId, StateTreeInput.SubnetEntry> subnets) {
      LabeledTree.Builder sub = LabeledTree.builder();
      LabeledTree.Builder shards = LabeledTree.builder();
      subnets.forEach(
          (id, s) -> {
            byte[] sid = id.principal().toBytes();
            sub.putSubtree(List.of(sid), StateTreeEncodings.subnet(s));
            if (!s.ranges().ranges().isEmpty()) {
              PrincipalId first = s.ranges().ranges().get(0).start().principal();
              shards.put(List.of(sid, first.toBytes()), s.ranges().toCbor());
            }
          });
      return new Subnets(TreeNode.Small.of(sub.build()), TreeNode.Small.of(shards.build()));
    }
  }

  /** The root with these children, sharing unchanged digests with {@code prev}. */
  static LargeNode update(
      LargeNode prev, TreeNode canisters, Subnets subnets, TreeNode requestStatus, long timeNanos) {
    List<TreeNode> children =
        List.of(
            canisters,
            subnets.canisterRanges(),
            requestStatus,
            subnets.subnet(),
            TreeNode.Small.of(LabeledTree.value(StateTreeEncodings.nat(timeNanos))));
    return LargeNode.update(prev, LABELS, children);
  }
}
