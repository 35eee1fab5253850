package dev.jic.state.tree;

import dev.jic.crypto.tree.Label;
import dev.jic.interfaces.consensus.IngressId;
import dev.jic.interfaces.consensus.Time;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.SubnetId;
import java.util.ArrayList;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds the certified state tree of successive states from their <em>changes</em>: the caller
 * passes only the canisters and request statuses that were added, changed or removed since the
 * previous call, so the cost is O(changes · log n) ({@link TreapNode#apply}: {@code /canister}
 * and {@code /request_status} are persistent treaps whose shape does not depend on the order of
 * insertions); unchanged entries are shared with the previous tree. The tree after a sequence of
 * calls is exactly {@link StateTreeHasher#naive} of the input the changes add up to (differential
 * tests check this).
 *
 * <p>Not thread-safe: one caller. The trees it returns are immutable and may be read from any
 * thread.
 */
public final class StateTreeUpdater {
  private TreapNode canisters = TreapNode.EMPTY;
  private TreapNode requests = TreapNode.EMPTY;
  private LargeNode root = LargeNode.EMPTY;
  private NavigableMap<SubnetId, StateTreeInput.SubnetEntry> subnetsSeen;
  private RootNode.Subnets subnetsNodes;

  /**
   * The tree after applying the changes.
   *
   * @param time block time
   * @param canisterChanges changed or added canisters (present) and removed ones (empty)
   * @param statusChanges changed or added request statuses (present) and removed ones (empty)
   * @param subnets all subnets (re-encoded only when a different map object is passed)
   */
  public CertifiedStateTree update(
      Time time,
      Map<CanisterId, Optional<StateTreeInput.CanisterEntry>> canisterChanges,
      Map<IngressId, Optional<RequestStatus>> statusChanges,
      NavigableMap<SubnetId, StateTreeInput.SubnetEntry> subnets) {
    TreeMap<Label, TreeNode> cs = new TreeMap<>();
    canisterChanges.forEach(
        (id, e) ->
            cs.put(
                Label.of(id.principal().toBytes()),
                e.map(c -> (TreeNode) TreeNode.Small.of(StateTreeEncodings.canister(c))).orElse(null)));
    canisters = canisters.apply(new ArrayList<>(cs.keySet()), new ArrayList<>(cs.values()));
    TreeMap<Label, TreeNode> rs = new TreeMap<>();
    statusChanges.forEach(
        (id, s) ->
            rs.put(
                Label.of(id.toBytes()),
                s.map(x -> (TreeNode) TreeNode.Small.of(StateTreeEncodings.requestStatus(x))).orElse(null)));
    requests = requests.apply(new ArrayList<>(rs.keySet()), new ArrayList<>(rs.values()));
    if (subnets != subnetsSeen) {
      subnetsNodes = RootNode.Subnets.of(subnets);
      subnetsSeen = subnets;
    }
    root = RootNode.update(root, canisters, subnetsNodes, requests, time.nanos());
    return new CertifiedStateTree(root);
  }
}
