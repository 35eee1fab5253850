package dev.jic.state;

import dev.jic.interfaces.consensus.IngressId;
import dev.jic.interfaces.consensus.Time;
import dev.jic.replicated.CanisterSettings;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.ExecutionState;
import dev.jic.replicated.IcpSection;
import dev.jic.replicated.IngressStatus;
import dev.jic.replicated.ReplicatedState;
import dev.jic.state.tree.RequestStatus;
import dev.jic.state.tree.StateTreeInput;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.SubnetId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Adapts a {@link ReplicatedState} to the certified tree's {@link StateTreeInput}: time from the
 * metadata, request statuses from the ingress history, each canister's certified data,
 * controllers, module hash and metadata sections, and the subnets given at construction.
 *
 * <p>Cheap per block: a canister's entry (and its {@link StateTreeInput.CanisterEntry#version},
 * which lets the hasher reuse the canister's hashed subtree) is rebuilt only when its execution
 * state or settings object was replaced or its certified data changed; otherwise the previous
 * entry is reused. Versions come from a private counter (they only decide reuse and never reach
 * the hash). The cache is keyed by canister id and only looked up, never iterated.
 *
 * <p>Not thread-safe: the state manager's committing thread only.
 */
final class TreeInputAdapter {
  private final NavigableMap<SubnetId, StateTreeInput.SubnetEntry> subnets;
  private Map<CanisterId, Cached> cache = new HashMap<>();
  private long nextVersion = 1;

  private record Cached(
      ExecutionState execution, CanisterSettings settings, byte[] certifiedData,
      StateTreeInput.CanisterEntry entry, CanisterView view) {}

  /** What one block's adaptation yields. */
  record Adapted(
      StateTreeInput input,
      NavigableMap<RequestId, IngressStatus> ingress,
      NavigableMap<CanisterId, CanisterView> canisters) {}

  TreeInputAdapter(NavigableMap<SubnetId, StateTreeInput.SubnetEntry> subnets) {
    this.subnets = new TreeMap<>(subnets);
  }

  Adapted adapt(ReplicatedState s) {
    TreeMap<IngressId, RequestStatus> statuses = new TreeMap<>();
    TreeMap<RequestId, IngressStatus> ingress = new TreeMap<>();
    for (Map.Entry<RequestId, IngressStatus> e : s.ingressHistory().entries().entrySet()) {
      statuses.put(IngressId.of(e.getKey().toBytes()), status(e.getValue()));
      ingress.put(e.getKey(), e.getValue());
    }
    TreeMap<CanisterId, StateTreeInput.CanisterEntry> entries = new TreeMap<>();
    TreeMap<CanisterId, CanisterView> views = new TreeMap<>();
    Map<CanisterId, Cached> next = new HashMap<>(Math.max(16, s.canisters().size() * 2));
    for (CanisterState c : s.canisters().values()) {
      Cached prev = cache.get(c.id());
      ExecutionState e = c.execution();
      CanisterSettings settings = c.system().settings();
      byte[] certified = c.system().certifiedData();
      Cached now;
      if (prev != null && prev.execution == e && prev.settings == settings
          && Arrays.equals(prev.certifiedData, certified)) {
        now = prev;
      } else {
        now = build(e, settings, certified);
      }
      next.put(c.id(), now);
      entries.put(c.id(), now.entry);
      views.put(c.id(), now.view);
    }
    cache = next;
    StateTreeInput input =
        new StateTreeInput(new Time(s.metadata().batchTimeNanos()), statuses, entries, subnets);
    return new Adapted(input, ingress, views);
  }

  private Cached build(ExecutionState e, CanisterSettings settings, byte[] certified) {
    TreeMap<String, byte[]> metadata = new TreeMap<>();
    SortedMap<String, IcpSection> sections = e == null ? new TreeMap<>() : e.metadata();
    sections.forEach((name, sec) -> metadata.put(name, sec.content()));
    StateTreeInput.CanisterEntry entry =
        new StateTreeInput.CanisterEntry(
            nextVersion++,
            certified,
            e == null ? Optional.empty() : Optional.of(e.moduleHash()),
            settings.controllers(),
            metadata);
    return new Cached(e, settings, certified, entry, new CanisterView(settings.controllers(), sections));
  }

  static RequestStatus status(IngressStatus s) {
    return switch (s) {
      case IngressStatus.Received r -> new RequestStatus.Received();
      case IngressStatus.Processing p -> new RequestStatus.Processing();
      case IngressStatus.Replied r -> new RequestStatus.Replied(r.reply());
      case IngressStatus.Rejected r ->
          new RequestStatus.Rejected(
              r.code().code(),
              r.message(),
              r.errorCode() == null || r.errorCode().isEmpty() ? Optional.empty() : Optional.of(r.errorCode()));
      case IngressStatus.Done d -> new RequestStatus.Done();
    };
  }
}
