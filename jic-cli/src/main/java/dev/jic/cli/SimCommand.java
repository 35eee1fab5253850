package dev.jic.cli;

import dev.jic.testkit.sim.Behaviour;
import dev.jic.testkit.sim.SimConfig;
import dev.jic.testkit.sim.SimResult;
import dev.jic.testkit.sim.SimSummary;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code jic sim}: runs the deterministic consensus simulator over consecutive seeds and ends with
 * {@code sim seeds=<k> safety_violations=<n> liveness_failures=<n> blocks_per_s_virtual=<x>
 * finality_ms_p50=<x>}. Exit code 0 if every seed was safe and live, 1 otherwise, 2 on bad usage.
 */
final class SimCommand {
  private SimCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) {
    int nodes = 4;
    int faulty = 1;
    Behaviour behaviour = Behaviour.MIXED;
    int seeds = 100;
    int heights = 20;
    long seed = 1;
    long partitionMs = 0;
    boolean wire = false;
    boolean bls = false;
    long minLatency = -1;
    long maxLatency = -1;
    long restartAt = -1;
    long restartDown = 0;
    boolean restartFromCup = false;
    long cupInterval = -1;
    long unitMs = -1;
    long notaryMs = -1;
    long ingressEvery = -1;
    List<Long> benchDeltas = List.of();
    try {
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        switch (a) {
          case "--wire" -> wire = true;
          case "--bls" -> bls = true;
          case "--restart-from-cup" -> restartFromCup = true;
          default -> {
            if (i + 1 >= args.size()) {
              err.println("jic sim: unknown option or missing value '" + a + "'. See ./jic sim --help.");
              return 2;
            }
            String v = args.get(++i);
            switch (a) {
              case "--nodes" -> nodes = Integer.parseInt(v);
              case "--faulty" -> faulty = Integer.parseInt(v);
              case "--behaviour", "--behavior" -> behaviour = Behaviour.parse(v);
              case "--seeds" -> seeds = Integer.parseInt(v);
              case "--heights" -> heights = Integer.parseInt(v);
              case "--seed" -> seed = Long.parseLong(v);
              case "--partition-ms" -> partitionMs = Long.parseLong(v);
              case "--restart-ms" -> {
                String[] p = v.split("-", 2);
                restartAt = Long.parseLong(p[0]);
                restartDown = Long.parseLong(p.length > 1 ? p[1] : "3000");
              }
              case "--cup-interval" -> cupInterval = Long.parseLong(v);
              case "--delays-ms" -> {
                String[] p = v.split("-", 2);
                unitMs = Long.parseLong(p[0]);
                notaryMs = Long.parseLong(p.length > 1 ? p[1] : p[0]);
              }
              case "--ingress-every-ms" -> ingressEvery = Long.parseLong(v);
              case "--bench-delta" -> benchDeltas = java.util.Arrays.stream(v.split(",")).map(String::trim).map(Long::parseLong).toList();
              case "--latency-ms" -> {
                String[] p = v.split("-", 2);
                minLatency = Long.parseLong(p[0]);
                maxLatency = Long.parseLong(p.length > 1 ? p[1] : p[0]);
              }
              default -> {
                err.println("jic sim: unknown option '" + a + "'. See ./jic sim --help.");
                return 2;
              }
            }
          }
        }
      }
      if (nodes < 1 || nodes > 100 || faulty < 0 || 3 * faulty >= nodes && faulty > 0 || seeds < 1 || heights < 1) {
        err.println("jic sim: need 1 <= nodes <= 100, 0 <= 3*faulty < nodes, seeds >= 1, heights >= 1");
        return 2;
      }
    } catch (IllegalArgumentException e) {
      err.println("jic sim: " + e.getMessage() + ". Behaviours: none crash silent equivocate double-sign bad-signature stale-future mixed");
      return 2;
    }
    SimConfig c = SimConfig.of(nodes, faulty, behaviour, seed, heights).withWire(wire).withRealCrypto(bls);
    if (partitionMs > 0) {
      c = c.withPartition(1_000, partitionMs);
    }
    if (minLatency >= 0) {
      c = c.withLatency(minLatency, maxLatency);
    }
    if (unitMs >= 0) {
      c = c.withConsensus(c.consensus().withDelays(unitMs * 1_000_000L, notaryMs * 1_000_000L));
    }
    if (cupInterval > 0) {
      c = c.withConsensus(c.consensus().withCupInterval(cupInterval));
    }
    if (ingressEvery > 0) {
      c = c.withIngressEvery(ingressEvery);
    }
    if (restartAt >= 0) {
      c = c.withRestart(new SimConfig.Restart(restartAt, restartDown, restartFromCup));
    }
    if (!benchDeltas.isEmpty()) {
      return bench(c, seeds, benchDeltas, out);
    }
    SimSummary.Summary s = SimSummary.run(c, seeds);
    for (SimResult r : s.results()) {
      if (!r.safetyViolations().isEmpty() || r.livenessFailure()) {
        out.println("seed " + r.seed() + ": delivered " + r.minDeliveredHeight() + "/" + heights + " in " + r.virtualMs()
            + " virtual ms, violations " + r.safetyViolations() + " (reproduce: ./jic sim --seed " + r.seed() + " --seeds 1 ...)");
      }
    }
    out.println(s.line());
    return s.safetyViolations() == 0 && s.livenessFailures() == 0 ? 0 : 1;
  }

  /**
   * Finalization latency against the simulated network delay δ: for each δ, message latency is
   * uniform in [δ/2, δ] with no loss, and the line reports finality p50/p90 (block time to first
   * honest delivery), virtual blocks per second and ingress messages per block.
   */
  private static int bench(SimConfig base, int seeds, List<Long> deltas, PrintStream out) {
    int bad = 0;
    for (long d : deltas) {
      SimConfig c = base.withLatency(d / 2, d).withNetworkFaults(0, 0);
      SimSummary.Summary s = SimSummary.run(c, seeds);
      bad += s.safetyViolations() + s.livenessFailures();
      out.println(String.format(java.util.Locale.ROOT,
          "bench delta_ms=%d unit_delay_ms=%d notary_delay_ms=%d finality_ms_p50=%d finality_ms_p90=%d blocks_per_s_virtual=%.2f ingress_per_block=%.1f",
          d, c.consensus().unitDelayNanos() / 1_000_000, c.consensus().initialNotaryDelayNanos() / 1_000_000, s.finalityQuantileMs(0.5),
          s.finalityQuantileMs(0.9), s.blocksPerVirtualSecond(), s.ingressPerBlock()));
    }
    return bad == 0 ? 0 : 1;
  }
}
