package dev.jic.replica;

import dev.jic.crypto.cert.CanisterRanges;
import dev.jic.interfaces.consensus.IngressId;
import dev.jic.interfaces.consensus.Time;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.ExecutionState;
import dev.jic.replicated.IcpSection;
import dev.jic.replicated.IngressStatus;
import dev.jic.replicated.ReplicatedState;
import dev.jic.state.tree.RequestStatus;
import dev.jic.state.tree.StateTreeInput;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.id.SubnetId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Adapts the replicated state to what the certified state tree shows ({@link StateTreeInput}):
 * ingress statuses, canisters (certified data, module hash, controllers, {@code icp:} metadata),
 * and this subnet (key, ranges, node keys). Keeps a per-canister version that changes exactly
 * when a certified field changes, as the incremental tree builder requires. Not thread-safe: used
 * by the batch driver only.
 */
final class StateTreeAdapter {
  private final SubnetId subnetId;
  private final StateTreeInput.SubnetEntry subnet;
  private final Map<CanisterId, Versioned> versions = new HashMap<>();

  private record Versioned(long version, StateTreeInput.CanisterEntry entry) {}

  StateTreeAdapter(NetworkKeys keys, CanisterRanges ranges) {
    this.subnetId = keys.subnetId();
    TreeMap<dev.jic.types.id.NodeId, byte[]> nodes = new TreeMap<>();
    nodes.put(keys.nodeKey().nodeId(), keys.nodeKey().publicKeyDer());
    this.subnet = new StateTreeInput.SubnetEntry(keys.rootKeyDer(), "system", ranges, nodes);
  }

  /** What the tree of {@code state} shows at batch time {@code time}. */
  StateTreeInput input(ReplicatedState state, Time time) {
    TreeMap<IngressId, RequestStatus> statuses = new TreeMap<>();
    for (Map.Entry<RequestId, IngressStatus> e : state.ingressHistory().entries().entrySet()) {
      statuses.put(IngressId.of(e.getKey().toBytes()), status(e.getValue()));
    }
    TreeMap<CanisterId, StateTreeInput.CanisterEntry> canisters = new TreeMap<>();
    Map<CanisterId, Versioned> seen = new HashMap<>();
    for (CanisterState c : state.canisters().values()) {
      StateTreeInput.CanisterEntry fresh = entry(c, 0);
      Versioned old = versions.get(c.id());
      Versioned v = old != null && sameFields(old.entry(), fresh) ? old
          : new Versioned(old == null ? 1 : old.version() + 1, entry(c, old == null ? 1 : old.version() + 1));
      seen.put(c.id(), v);
      canisters.put(c.id(), v.entry());
    }
    versions.clear();
    versions.putAll(seen);
    TreeMap<SubnetId, StateTreeInput.SubnetEntry> subnets = new TreeMap<>();
    subnets.put(subnetId, subnet);
    return new StateTreeInput(time, statuses, canisters, subnets);
  }

  static RequestStatus status(IngressStatus s) {
    return switch (s) {
      case IngressStatus.Received r -> new RequestStatus.Received();
      case IngressStatus.Processing p -> new RequestStatus.Processing();
      case IngressStatus.Replied r -> new RequestStatus.Replied(r.reply());
      case IngressStatus.Rejected r -> new RequestStatus.Rejected(r.code().code(), r.message(),
          r.errorCode() == null || r.errorCode().isEmpty() ? Optional.empty() : Optional.of(r.errorCode()));
      case IngressStatus.Done d -> new RequestStatus.Done();
    };
  }

  private static StateTreeInput.CanisterEntry entry(CanisterState c, long version) {
    List<PrincipalId> controllers = new ArrayList<>(c.system().settings().controllers());
    controllers.sort(null);
    ExecutionState es = c.execution();
    TreeMap<String, byte[]> metadata = new TreeMap<>();
    if (es != null) {
      for (IcpSection s : es.metadata().values()) {
        metadata.put(s.name(), s.content());
      }
    }
    return new StateTreeInput.CanisterEntry(version, c.system().certifiedData(),
        es == null ? Optional.empty() : Optional.of(es.moduleHash()), controllers, metadata);
  }

  private static boolean sameFields(StateTreeInput.CanisterEntry a, StateTreeInput.CanisterEntry b) {
    if (!Arrays.equals(a.certifiedData(), b.certifiedData()) || a.moduleHash().isPresent() != b.moduleHash().isPresent()
        || a.moduleHash().isPresent() && !Arrays.equals(a.moduleHash().get(), b.moduleHash().get())
        || !a.controllers().equals(b.controllers()) || !a.metadata().keySet().equals(b.metadata().keySet())) {
      return false;
    }
    for (var e : a.metadata().entrySet()) {
      if (!Arrays.equals(e.getValue(), b.metadata().get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
