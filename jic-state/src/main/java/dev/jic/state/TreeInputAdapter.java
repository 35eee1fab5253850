package dev.jic.state;

import dev.jic.interfaces.consensus.IngressId;
import dev.jic.interfaces.consensus.Time;
import dev.jic.replicated.CanisterSettings;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.ExecutionState;
import dev.jic.replicated.IcpSection;
import dev.jic.replicated.IngressHistory;
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
import java.util.NavigableSet;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Adapts a {@link ReplicatedState} to the certified tree, incrementally: time from the metadata,
 * request statuses from the ingress history, each canister's certified data, controllers, module
 * hash and metadata sections, and the subnets given at construction.
 *
 * <p>Per block, the state's canisters are walked once in key order, in lockstep with what the
 * previous block showed: a canister counts as changed when its execution state or settings
 * object was replaced or its certified data changed. Request statuses are not walked: the
 * ingress history's change record ({@link IngressHistory#drainChanged}) names the ids set or
 * removed since the previous block, and a status counts as changed when the history holds
 * another status object than the previous snapshot; the whole history is compared only when the
 * record cannot be trusted (another history object, someone else drained it, or it overflowed).
 * Only the changes go to the {@link StateTreeUpdater} (hashing O(changes · log n)). The
 * read_state snapshots are a persistent {@link IngressView} updated with the same changes, and
 * the canisters' sorted arrays, re-copied only when a canister changed. The tree equals the
 * from-scratch build of {@link #input} (differential test).
 *
 * <p>Not thread-safe: the state manager's committing thread only.
 */
final class TreeInputAdapter {
  private final NavigableMap<SubnetId, StateTreeInput.SubnetEntry> subnets;
  private final StateTreeUpdater updater = new StateTreeUpdater();
  private final TreeMap<CanisterId, Cached> cache = new TreeMap<>();
  private NavigableMap<CanisterId, CanisterView> views = new SortedArrayMap<>(new Object[0], new Object[0]);
  private IngressView ingress = IngressView.EMPTY;
  private IngressHistory lastHistory;
  private long lastGeneration;
  private long fullWalks;
  private long nextVersion = 1;

  private record Cached(
      ExecutionState execution, CanisterSettings settings, byte[] certifiedData,
      StateTreeInput.CanisterEntry entry, CanisterView view) {}

  /** What one block's adaptation yields. */
  record Adapted(
      CertifiedStateTree tree,
      IngressView ingress,
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

    TreeMap<RequestId, IngressStatus> delta = statusDelta(s.ingressHistory());
    TreeMap<IngressId, Optional<RequestStatus>> statusChanges = new TreeMap<>();
    delta.forEach(
        (id, st) -> statusChanges.put(IngressId.of(id.toBytes()), st == null ? Optional.empty() : Optional.of(status(st))));
    ingress = ingress.with(delta);
    CertifiedStateTree tree =
        updater.update(new Time(s.metadata().batchTimeNanos()), canisterChanges, statusChanges, subnets);
    return new Adapted(tree, ingress, views);
  }

  /**
   * The statuses that differ (by object) from {@link #ingress}, null for a removed id. Uses the
   * history's change record when {@code h} is the history this adapter drained last and nobody
   * drained it since (O(changes · log n)); otherwise compares the whole history (the first block
   * after a restart or replay, or another state object).
   */
  private TreeMap<RequestId, IngressStatus> statusDelta(IngressHistory h) {
    boolean ours = h == lastHistory && h.generation() == lastGeneration;
    Optional<NavigableSet<RequestId>> changed = h.drainChanged();
    lastHistory = h;
    lastGeneration = h.generation();
    TreeMap<RequestId, IngressStatus> delta = new TreeMap<>();
    if (ours && changed.isPresent()) {
      for (RequestId id : changed.get()) {
        IngressStatus now = h.get(id);
        if (now != ingress.get(id)) {
          delta.put(id, now);
        }
      }
      return delta;
    }
    fullWalks++;
    NavigableMap<RequestId, IngressStatus> all = h.entries();
    all.forEach((id, now) -> {
      if (now != ingress.get(id)) {
        delta.put(id, now);
      }
    });
    ingress.forEach((id, was) -> {
      if (!all.containsKey(id)) {
        delta.put(id, null);
      }
    });
    return delta;
  }

  /** For tests: how many blocks compared the whole ingress history. */
  long fullWalks() {
    return fullWalks;
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
