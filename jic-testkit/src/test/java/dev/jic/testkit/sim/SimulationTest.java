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
 * reproduces it exactly.
 */
class SimulationTest {

  private static void assertSafeAndLive(SimConfig c) {
    SimResult r = new Simulation(c).run();
    assertTrue(r.safetyViolations().isEmpty(), "seed " + c.seed() + ": " + r.safetyViolations());
    assertFalse(r.livenessFailure(), "seed " + c.seed() + " " + c.behaviour() + ": only " + r.minDeliveredHeight() + " heights in "
        + r.virtualMs() + " ms");
  }

  @Property(tries = 40)
  void fourNodesHonest(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    assertSafeAndLive(SimConfig.of(4, 0, Behaviour.NONE, seed, 10));
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

  @Property(tries = 30)
  void partitionHeals(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    assertSafeAndLive(SimConfig.of(4, 0, Behaviour.NONE, seed, 12).withPartition(500, 3_000));
  }

  @Property(tries = 10)
  void throughTheWireCodec(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    assertSafeAndLive(SimConfig.of(4, 1, Behaviour.MIXED, seed, 6).withWire(true));
  }

  @Test
  void sameSeedSameTraceHash() {
    SimConfig c = SimConfig.of(4, 1, Behaviour.MIXED, 42, 10);
    SimResult a = new Simulation(c).run();
    SimResult b = new Simulation(c).run();
    assertEquals(a.traceHash(), b.traceHash());
    assertEquals(a.events(), b.events());
    SimResult other = new Simulation(SimConfig.of(4, 1, Behaviour.MIXED, 43, 10)).run();
    assertNotEquals(a.traceHash(), other.traceHash());
  }

  @Test
  void realBlsKeysFinalize() {
    assertSafeAndLive(SimConfig.of(4, 1, Behaviour.BAD_SIGNATURE, 3, 4).withRealCrypto(true));
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
