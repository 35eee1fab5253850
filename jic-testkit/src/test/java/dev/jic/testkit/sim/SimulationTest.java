package dev.jic.testkit.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * Safety and liveness of ICC under simulation, over seeds. Each property try is one seed; a
 * failure message names the seed, and {@code new Simulation(SimConfig.of(...seed...)).run()}
 * reproduces it exactly. Every run also certifies states (invariant: certified hashes agree)
 * and makes CUPs every 10 heights.
 */
class SimulationTest {

  private static SimResult assertSafeAndLive(SimConfig c) {
    SimResult r = new Simulation(c).run();
    assertTrue(r.safetyViolations().isEmpty(), "seed " + c.seed() + ": " + r.safetyViolations());
    assertFalse(r.livenessFailure(), "seed " + c.seed() + " " + c.behaviour() + ": only " + r.minDeliveredHeight() + " heights in "
        + r.virtualMs() + " ms");
    return r;
  }

  @Property(tries = 40)
  void fourNodesHonest(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    SimResult r = assertSafeAndLive(SimConfig.of(4, 0, Behaviour.NONE, seed, 10));
    assertTrue(r.certifiedHeights() >= 8, "states must be certified as they are executed: " + r.certifiedHeights());
  }

  @Property(tries = 240)
  void fourNodesOneFaulty(@ForAll @LongRange(min = 0, max = 1_000_000) long seed, @ForAll Behaviour b) {
    assertSafeAndLive(SimConfig.of(4, 1, b, seed, 8));
  }

  @Property(tries = 60)
  void sevenNodesTwoFaulty(@ForAll @LongRange(min = 0, max = 1_000_000) long seed, @ForAll Behaviour b) {
    assertSafeAndLive(SimConfig.of(7, 2, b, seed, 6));
  }

  @Property(tries = 6)
  void thirteenNodesFourFaulty(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    assertSafeAndLive(SimConfig.of(13, 4, Behaviour.MIXED, seed, 4));
  }

  /** Liveness bound after a partition heals: every live honest replica delivers a new batch within 2 virtual seconds. */
  @Property(tries = 30)
  void partitionHealsWithinBound(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    SimResult r = assertSafeAndLive(SimConfig.of(4, 0, Behaviour.NONE, seed, 12).withPartition(500, 3_000));
    assertTrue(r.recoveryMs() >= 0 && r.recoveryMs() <= 2_000, "seed " + seed + ": recovery took " + r.recoveryMs() + " ms");
  }

  @Property(tries = 10)
  void throughTheWireCodec(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    assertSafeAndLive(SimConfig.of(4, 1, Behaviour.MIXED, seed, 6).withWire(true));
  }

  /** Catch-up packages are made every interval; the pool of every honest replica is based on a recent one. */
  @Property(tries = 10)
  void catchUpPackagesEveryInterval(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    SimResult r = assertSafeAndLive(SimConfig.of(4, 1, Behaviour.MIXED, seed, 35));
    assertTrue(r.minCupHeight() >= 20, "seed " + seed + ": lowest CUP " + r.minCupHeight());
  }

  /** A replica that crashes keeps its pool and state on disk, restarts, catches up; nothing is delivered twice. */
  @Property(tries = 15)
  void restartWithPersistedPool(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    SimResult r = assertSafeAndLive(SimConfig.of(4, 1, Behaviour.MIXED, seed, 30).withRestart(new SimConfig.Restart(2_000, 4_000, false)));
    assertTrue(r.restartCatchUpMs() >= 0, "restarted replica never caught up");
  }

  /**
   * Regression (seed 59): the restarted replica, 10 heights behind, got the beacon, tape and
   * certification of height 21 while its look-ahead window ended at 20 and dropped them for good;
   * it then jumped to the CUP at 20, never got them again (each artifact is sent once) and stalled,
   * and with the faulty replica crashed the subnet lost its 2f+1. Far-ahead artifacts are now
   * stashed and validated once the window reaches them.
   */
  @Test
  void restartedLaggardKeepsArtifactsBeyondItsWindow() {
    SimResult r = assertSafeAndLive(SimConfig.of(4, 1, Behaviour.MIXED, 59, 30).withRestart(new SimConfig.Restart(2_000, 4_000, false)));
    assertTrue(r.restartCatchUpMs() >= 0, "restarted replica never caught up");
  }

  /** A replica that loses its disk restarts from the latest CUP its peers hold (state synced to it) and catches up. */
  @Property(tries = 15)
  void restartFromCatchUpPackage(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    SimResult r = assertSafeAndLive(SimConfig.of(4, 1, Behaviour.MIXED, seed, 30).withRestart(new SimConfig.Restart(2_000, 4_000, true)));
    assertTrue(r.restartCatchUpMs() >= 0, "restarted replica never caught up");
  }

  /** Flooding with validly signed junk neither stops progress nor grows the unvalidated section without bound. */
  @Property(tries = 5)
  void floodingIsBounded(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    SimResult r = assertSafeAndLive(SimConfig.of(4, 1, Behaviour.FLOOD, seed, 15));
    assertTrue(r.maxUnvalidated() < 1_000, "unvalidated section reached " + r.maxUnvalidated());
  }

  /**
   * The checker itself: honest replicas running a finalizer that finality-signs every notarized
   * block (no "only block I supported" rule) on a slow, jittery network must be caught finalizing
   * two blocks at one height for some seed, while the real finalizer on the same seeds never is.
   */
  @Test
  void invariantCheckerCatchesBrokenFinalizer() {
    int caught = 0;
    for (long seed = 1; seed <= 12; seed++) {
      SimConfig c = SimConfig.of(4, 0, Behaviour.NONE, seed, 8).withLatency(10, 1000);
      if (new Simulation(c.withBrokenFinalizer(true)).run().safetyViolations().stream().anyMatch(v -> v.contains("two finalized blocks"))) {
        caught++;
      }
      assertTrue(new Simulation(c).run().safetyViolations().isEmpty(), "real finalizer, seed " + seed);
    }
    assertTrue(caught > 0, "the invariant checker never caught the broken finalizer");
  }

  @Test
  void sameSeedSameTraceHash() {
    SimConfig c = SimConfig.of(4, 1, Behaviour.MIXED, 42, 10).withRestart(new SimConfig.Restart(1_000, 2_000, true));
    SimResult a = new Simulation(c).run();
    SimResult b = new Simulation(c).run();
    assertEquals(a.traceHash(), b.traceHash());
    assertEquals(a.events(), b.events());
    SimResult other = new Simulation(c.withSeed(43)).run();
    assertNotEquals(a.traceHash(), other.traceHash());
  }

  @Test
  void realBlsKeysFinalizeCertifyAndMakeCups() {
    SimResult r = assertSafeAndLive(SimConfig.of(4, 1, Behaviour.BAD_SIGNATURE, 3, 16).withRealCrypto(true));
    assertTrue(r.minCupHeight() >= 10 && r.certifiedHeights() >= 10, "cup " + r.minCupHeight() + " certified " + r.certifiedHeights());
  }

  @Test
  void invalidArtifactsAreReported() {
    SimResult r = new Simulation(SimConfig.of(4, 1, Behaviour.BAD_SIGNATURE, 5, 5)).run();
    assertTrue(r.invalidReported() > 0, "honest validators must report corrupted signatures");
  }

  @Test
  void summaryLineFormat() {
    SimSummary.Summary s = SimSummary.run(SimConfig.of(4, 1, Behaviour.CRASH, 1, 5), 3);
    assertTrue(s.line().matches("sim seeds=3 safety_violations=0 liveness_failures=0 blocks_per_s_virtual=[0-9.]+ finality_ms_p50=[0-9]+"),
        s.line());
  }
}
