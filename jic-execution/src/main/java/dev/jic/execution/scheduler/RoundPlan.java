package dev.jic.execution.scheduler;

import dev.jic.replicated.CanisterState;
import dev.jic.replicated.SystemState;
import dev.jic.types.id.CanisterId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The order and lane assignment of one round, computed from the state alone (replica scheduler,
 * simplified): every canister with work gains its compute allocation plus an equal share of the
 * unallocated capacity ({@code cores * 100} percent minus all allocations) in accumulated
 * priority; canisters are ordered by accumulated priority (descending, ties by ascending id), so
 * allocated canisters come first, then fair share; position {@code i} goes to lane
 * {@code i % cores} (the first {@code cores} canisters each head a lane). After the round the
 * priority handed out is taken back evenly from the canisters that executed, so the sum stays
 * near zero and a canister that waited moves up. Idle canisters are reset to zero.
 */
final class RoundPlan {
  private final TreeMap<CanisterId, Integer> position = new TreeMap<>();
  private final long handedOut;

  private RoundPlan(long handedOut) {
    this.handedOut = handedOut;
  }

  static boolean hasWork(CanisterState c, long now) {
    SystemState s = c.system();
    if (s.hasInput()) {
      return true;
    }
    if (c.execution() == null || s.status() != dev.jic.replicated.CanisterStatus.RUNNING) {
      return false;
    }
    return (s.globalTimerNanos() != 0 && s.globalTimerNanos() <= now) || c.execution().exports("canister_heartbeat");
  }

  static RoundPlan compute(dev.jic.replicated.ReplicatedState state, int cores, long now) {
    List<CanisterState> active = new ArrayList<>();
    long allocated = 0;
    for (CanisterState c : state.canisters().values()) {
      allocated += c.system().settings().computeAllocation();
      if (c.system().pausedRounds() == 0 && hasWork(c, now)) {
        active.add(c);
      } else if (c.system().pausedRounds() == 0) {
        c.system().setAccumulatedPriority(0);
      }
    }
    long free = Math.max(0, cores * 100L - allocated);
    long share = active.isEmpty() ? 0 : free / active.size();
    long handed = 0;
    for (CanisterState c : active) {
      long gain = c.system().settings().computeAllocation() + share;
      c.system().setAccumulatedPriority(c.system().accumulatedPriority() + gain);
      handed += gain;
    }
    active.sort(Comparator.comparingLong((CanisterState c) -> -c.system().accumulatedPriority())
        .thenComparing(CanisterState::id));
    RoundPlan p = new RoundPlan(handed);
    int i = 0;
    for (CanisterState c : active) {
      p.position.put(c.id(), i++);
    }
    for (CanisterState c : state.canisters().values()) {
      if (!p.position.containsKey(c.id())) {
        p.position.put(c.id(), i++);
      }
    }
    return p;
  }

  /** The canisters with input or due tasks, per lane, in plan order (new canisters last). */
  List<List<CanisterState>> lanes(dev.jic.replicated.ReplicatedState state) {
    int cores = laneCount;
    List<List<CanisterState>> lanes = new ArrayList<>();
    for (int k = 0; k < cores; k++) {
      lanes.add(new ArrayList<>());
    }
    TreeMap<Integer, CanisterState> ordered = new TreeMap<>();
    int extra = Integer.MAX_VALUE / 2;
    for (CanisterState c : state.canisters().values()) {
      Integer pos = position.get(c.id());
      ordered.put(pos != null ? pos : extra++, c);
    }
    for (var e : ordered.entrySet()) {
      lanes.get(Math.floorMod(e.getKey(), cores)).add(e.getValue());
    }
    return lanes;
  }

  private int laneCount = 1;

  RoundPlan withLanes(int cores) {
    laneCount = cores;
    return this;
  }

  /** Takes the handed-out priority back from the canisters that executed. */
  void finish(dev.jic.replicated.ReplicatedState state, Set<CanisterId> executed, int cores) {
    if (executed.isEmpty()) {
      return;
    }
    long each = handedOut / executed.size();
    for (CanisterId id : executed) {
      CanisterState c = state.canister(id);
      if (c != null) {
        c.system().setAccumulatedPriority(c.system().accumulatedPriority() - each);
      }
    }
  }
}
