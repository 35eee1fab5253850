package dev.jic.execution.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.execution.scheduler.Scheduler;
import dev.jic.execution.scheduler.SchedulerConfig;
import dev.jic.replicated.CanisterSettings;
import dev.jic.replicated.IngressStatus;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.wasm.engine.ChicoryEngine;
import dev.jic.wasm.engine.EngineConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scheduler fairness (accumulated priority: round robin among equals, compute allocation first)
 * and deterministic time slicing (a long message occupies its canister for ceil(used/slice)
 * rounds, its status stays processing until the last one, other canisters keep running).
 */
class SchedulerTest {
  static final ChicoryEngine ENGINE = new ChicoryEngine(EngineConfig.defaults());
  static final int SPIN = 20_000;
  /** Instructions one {@code spin(SPIN)} costs, measured once. */
  static long spinCost;

  @BeforeAll
  static void measure() {
    try (InProcessSubnet s = InProcessSubnet.application(ENGINE, SchedulerConfig.defaults(1))) {
      CanisterId c = Tiny.install(s);
      s.submit(Tiny.USER, c, "spin", Tiny.spin(SPIN));
      Scheduler.RoundReport r = s.executeBatch();
      assertEquals(1, r.messagesExecuted());
      spinCost = r.instructions();
      assertTrue(spinCost > SPIN * 3L, "the loop is metered: " + spinCost);
    }
  }

  /** One core whose round budget fits about two spins; four canisters with plenty of work each. */
  private static SchedulerConfig oneCore(long roundBudget, long slice) {
    return SchedulerConfig.defaults(1).withCores(1).withLimits(roundBudget, slice).withInnerRounds(1);
  }

  @Test
  void equalCanistersTakeTurnsAndNoneStarves() {
    try (InProcessSubnet s = InProcessSubnet.application(ENGINE, oneCore(spinCost * 2, spinCost * 100))) {
      List<CanisterId> cs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        cs.add(Tiny.install(s));
      }
      for (CanisterId c : cs) {
        for (int k = 0; k < 12; k++) {
          s.submit(Tiny.USER, c, "spin", Tiny.spin(SPIN));
        }
      }
      List<Integer> leaders = new ArrayList<>();
      int[] before = new int[4];
      for (int round = 0; round < 12; round++) {
        s.executeBatch();
        int ran = -1;
        for (int i = 0; i < 4; i++) {
          int now = Tiny.counter(s, cs.get(i));
          if (now > before[i]) {
            assertEquals(-1, ran, "one lane with a budget for two spins: only one canister per round");
            ran = i;
            assertEquals(2, now - before[i], "the budget admits messages while it is not exhausted");
          }
          before[i] = now;
        }
        leaders.add(ran);
      }
      // Accumulated priority makes equals take turns: every window of 4 rounds runs all 4.
      assertEquals(List.of(0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3), leaders);
      for (int i = 0; i < 4; i++) {
        assertEquals(6, before[i]);
      }
    }
  }

  @Test
  void computeAllocationGoesFirst() {
    try (InProcessSubnet s = InProcessSubnet.application(ENGINE, oneCore(spinCost, spinCost * 100))) {
      List<CanisterId> cs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        cs.add(Tiny.install(s));
      }
      // The last canister (largest id: last in ties) has a 50% compute allocation. With the default
      // 30-day freezing threshold that allocation (10 M cycles per % per second) would freeze 100 T
      // cycles and every ingress message would be refused at induction (IC0207), so no threshold.
      var sys = s.state().canister(cs.get(2)).system();
      CanisterSettings st = sys.settings();
      sys.setSettings(new CanisterSettings(st.controllers(), 50, st.memoryAllocation(), 0,
          st.reservedCyclesLimit(), st.wasmMemoryLimit(), st.wasmMemoryThreshold(), st.logVisibility(),
          st.environmentVariables()));
      for (CanisterId c : cs) {
        for (int k = 0; k < 20; k++) {
          s.submit(Tiny.USER, c, "spin", Tiny.spin(SPIN));
        }
      }
      for (int round = 0; round < 12; round++) {
        s.executeBatch();
      }
      assertTrue(s.state().ingressHistory().entries().values().stream().noneMatch(
          x -> x instanceof IngressStatus.Rejected), "nothing refused");
      int a = Tiny.counter(s, cs.get(0));
      int b = Tiny.counter(s, cs.get(1));
      int c = Tiny.counter(s, cs.get(2));
      assertEquals(12, a + b + c, "one spin per round");
      // 50% allocated + a third of the other 50%: about 2/3 of the rounds; the others share the rest.
      assertTrue(c >= 7, "allocated canister ran " + c + " of 12 rounds (a=" + a + ", b=" + b + ")");
      assertTrue(a >= 2 && b >= 2, "unallocated canisters still progress: a=" + a + ", b=" + b);
    }
  }

  @Test
  void longMessagesAreSlicedAcrossRounds() {
    // Slice = a third of a spin: a spin occupies its canister for 3 rounds (ceil(cost / slice)).
    long slice = spinCost / 3 + 1;
    try (InProcessSubnet s = InProcessSubnet.application(ENGINE, SchedulerConfig.defaults(1).withLimits(
        spinCost * 10, slice).withInnerRounds(1))) {
      CanisterId slow = Tiny.install(s);
      CanisterId other = Tiny.install(s);
      RequestId spin = s.submit(Tiny.USER, slow, "spin", Tiny.spin(SPIN));
      RequestId ping = s.submit(Tiny.USER, slow, "ping", new byte[0]);
      s.executeBatch(); // round 1: the spin runs (first slice); the canister is paused
      assertInstanceOf(IngressStatus.Processing.class, s.state().ingressHistory().get(spin));
      assertEquals(2, s.state().canister(slow).system().pausedRounds());
      RequestId otherPing = s.submit(Tiny.USER, other, "ping", new byte[0]);
      s.executeBatch(); // round 2: slow is paused; other canisters run
      assertInstanceOf(IngressStatus.Processing.class, s.state().ingressHistory().get(spin));
      assertEquals(1, Tiny.counter(Tiny.replied(s.state().ingressHistory().get(otherPing))));
      assertTrue(!(s.state().ingressHistory().get(ping) instanceof IngressStatus.Replied),
          "the queued ping waits behind the sliced message");
      s.executeBatch(); // round 3: last slice; the spin's reply is released
      assertEquals(1, Tiny.counter(Tiny.replied(s.state().ingressHistory().get(spin))));
      s.executeBatch(); // round 4: the ping runs
      assertEquals(2, Tiny.counter(Tiny.replied(s.state().ingressHistory().get(ping))));
    }
  }
}
