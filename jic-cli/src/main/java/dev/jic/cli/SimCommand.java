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
    try {
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        switch (a) {
          case "--wire" -> wire = true;
          case "--bls" -> bls = true;
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
}
