package dev.jic.state;

import dev.jic.interfaces.consensus.IngressId;
import dev.jic.interfaces.consensus.Time;
import dev.jic.replicated.CanisterSettings;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.ExecutionState;
import dev.jic.replicated.IcpSection;
import dev.jic.replicated.IngressStatus;
import dev.jic.replicated.ReplicatedState;
import dev.jic.state.tree.CertifiedStateTree;
import dev.jic.state.tree.RequestStatus;
import dev.jic.state.tree.StateTreeUpdater;
import dev.jic.state.tree.StateTreeInput;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.SubnetId;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Adapts a {@link ReplicatedState} to the certified tree, incrementally: time from the metadata,
 * request statuses from the ingress history, each canister's certified data, controllers, module
 * hash and metadata sections, and the subnets given at construction.
 *
 * <p>Per block, the state's canisters and ingress history are walked once in key order, in
 * lockstep with what the previous block showed (no lookups, no map rebuilt): a canister counts as
 * changed when its execution state or settings object was replaced or its certified data changed,
 * a status when the history holds another status object. Only the changes go to the {@link
 * StateTreeUpdater} (hashing proportional to them). The read_state snapshots ({@link
 * Adapted#ingress}, {@link Adapted#canisters}) are sorted arrays, re-copied only when something
 * in them changed. The tree equals the from-scratch build of {@link #input} (differential test).
 *
 * <p>Not thread-safe: the state manager's committing thread only.
 */
final class TreeInputAdapter {
  private final NavigableMap<SubnetId, StateTreeInput.SubnetEntry> subnets;
  private final StateTreeUpdater updater = new StateTreeUpdater();
  private final TreeMap<CanisterId, Cached> cache = new TreeMap<>();
  private final TreeMap<RequestId, IngressStatus> seen = new TreeMap<>();
  private NavigableMap<CanisterId, CanisterView> views = new SortedArrayMap<>(new Object[0], new Object[0]);
  private NavigableMap<RequestId, IngressStatus> ingress = new SortedArrayMap<>(new Object[0], new Object[0]);
  private long nextVersion = 1;

  private record Cached(
      ExecutionState execution, CanisterSettings settings, byte[] certifiedData,
      StateTreeInput.CanisterEntry entry, CanisterView view) {}

  /** What one block's adaptation yields. */
  record Adapted(
      CertifiedStateTree tree,
      NavigableMap<RequestId, IngressStatus> ingress,
      NavigableMap<CanisterId, CanisterView> canisters) {}

  TreeInputAdapter(NavigableMap<SubnetId, StateTreeInput.SubnetEntry> subnets) {
    this.subnets = Collections.unmodifiableNavigableMap(new TreeMap<>(subnets));
  }

  /** The tree of {@code s} and its read_state snapshots. */
  Adapted adapt(ReplicatedState s) {
    TreeMap<CanisterId, Optional<StateTreeInput.CanisterEntry>> canisterChanges = new TreeMap<>();
    TreeMap<CanisterId, Cached> cacheChanges = new TreeMap<>();
    Iterator<CanisterState> now = s.canisters().values().iterator();
    Iterator<Map.Entry<CanisterId, Cached>> was = cache.entrySet().iterator();
    CanisterState c = next(now);
    Map.Entry<CanisterId, Cached> p = next(was);
    while (c != null || p != null) {
      int cmp = c == null ? 1 : p == null ? -1 : c.id().compareTo(p.getKey());
      if (cmp > 0) {
        canisterChanges.put(p.getKey(), Optional.empty());
        cacheChanges.put(p.getKey(), null);
        p = next(was);
        continue;
      }
      Cached prev = cmp == 0 ? p.getValue() : null;
      ExecutionState e = c.execution();
      CanisterSettings settings = c.system().settings();
      byte[] certified = c.system().certifiedData();
      if (prev == null || prev.execution != e || prev.settings != settings
          || !Arrays.equals(prev.certifiedData, certified)) {
        Cached built = build(e, settings, certified);
        canisterChanges.put(c.id(), Optional.of(built.entry));
        cacheChanges.put(c.id(), built);
      }
      c = next(now);
      if (cmp == 0) {
        p = next(was);
      }
    }
    cacheChanges.forEach((id, x) -> {
      if (x == null) {
        cache.remove(id);
      } else {
        cache.put(id, x);
      }
    });
    if (!cacheChanges.isEmpty()) {
      Object[] keys = new Object[cache.size()];
      Object[] values = new Object[cache.size()];
      int i = 0;
      for (Map.Entry<CanisterId, Cached> x : cache.entrySet()) {
        keys[i] = x.getKey();
        values[i++] = x.getValue().view;
      }
      views = new SortedArrayMap<>(keys, values);
    }

    TreeMap<IngressId, Optional<RequestStatus>> statusChanges = new TreeMap<>();
    TreeMap<RequestId, IngressStatus> seenChanges = new TreeMap<>();
    Iterator<Map.Entry<RequestId, IngressStatus>> inow = s.ingressHistory().entries().entrySet().iterator();
    Iterator<Map.Entry<RequestId, IngressStatus>> iwas = seen.entrySet().iterator();
    Map.Entry<RequestId, IngressStatus> a = next(inow);
    Map.Entry<RequestId, IngressStatus> b = next(iwas);
    while (a != null || b != null) {
      int cmp = a == null ? 1 : b == null ? -1 : a.getKey().compareTo(b.getKey());
      if (cmp > 0) {
        statusChanges.put(IngressId.of(b.getKey().toBytes()), Optional.empty());
        seenChanges.put(b.getKey(), null);
        b = next(iwas);
        continue;
      }
      if (cmp < 0 || a.getValue() != b.getValue()) {
        statusChanges.put(IngressId.of(a.getKey().toBytes()), Optional.of(status(a.getValue())));
        seenChanges.put(a.getKey(), a.getValue());
      }
      a = next(inow);
      if (cmp == 0) {
        b = next(iwas);
      }
    }
    seenChanges.forEach((id, x) -> {
      if (x == null) {
        seen.remove(id);
      } else {
        seen.put(id, x);
      }
    });
    if (!seenChanges.isEmpty()) {
      ingress = new SortedArrayMap<>(seen.keySet().toArray(), seen.values().toArray());
    }
    CertifiedStateTree tree =
        updater.update(new Time(s.metadata().batchTimeNanos()), canisterChanges, statusChanges, subnets);
    return new Adapted(tree, ingress, views);
  }

  /**
   * The whole tree input of {@code s}, built from scratch with fresh versions (for the from-scratch
   * reference in tests; O(n)).
   */
  StateTreeInput input(ReplicatedState s) {
    TreeMap<IngressId, RequestStatus> statuses = new TreeMap<>();
    s.ingressHistory().entries().forEach((id, st) -> statuses.put(IngressId.of(id.toBytes()), status(st)));
    TreeMap<CanisterId, StateTreeInput.CanisterEntry> entries = new TreeMap<>();
    for (CanisterState c : s.canisters().values()) {
      entries.put(c.id(), build(c.execution(), c.system().settings(), c.system().certifiedData()).entry);
    }
    return new StateTreeInput(new Time(s.metadata().batchTimeNanos()), statuses, entries, subnets);
  }

  private static <T> T next(Iterator<T> it) {
    return it.hasNext() ? it.next() : null;
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
