package dev.jic.testkit.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Runs many seeds and summarises them in the one-line format of {@code jic sim}. */
public final class SimSummary {
  private SimSummary() {}

  /** Aggregate of several runs. */
  public record Summary(int seeds, int safetyViolations, int livenessFailures, double blocksPerVirtualSecond, long finalityP50Ms,
      List<SimResult> results) {

    /** The q-quantile (0..1) of finality latencies over all runs, in ms (0 if none). */
    public long finalityQuantileMs(double q) {
      List<Long> all = new ArrayList<>();
      for (SimResult r : results) {
        all.addAll(r.finalityMs());
      }
      all.sort(null);
      return all.isEmpty() ? 0 : all.get(Math.min(all.size() - 1, (int) (q * all.size())));
    }

    /** Ingress messages delivered per finalized height, averaged over runs (block fill under load). */
    public double ingressPerBlock() {
      long msgs = 0;
      long heights = 0;
      for (SimResult r : results) {
        msgs += r.ingressDelivered();
        heights += r.minDeliveredHeight();
      }
      return heights == 0 ? 0 : (double) msgs / heights;
    }

    public String line() {
      return String.format(Locale.ROOT, "sim seeds=%d safety_violations=%d liveness_failures=%d blocks_per_s_virtual=%.2f finality_ms_p50=%d",
          seeds, safetyViolations, livenessFailures, blocksPerVirtualSecond, finalityP50Ms);
    }
  }

  /** Runs {@code seeds} consecutive seeds starting at {@code base.seed()}. */
  public static Summary run(SimConfig base, int seeds) {
    List<SimResult> results = new ArrayList<>();
    int safety = 0;
    int liveness = 0;
    long blocks = 0;
    long ms = 0;
    List<Long> fin = new ArrayList<>();
    for (int k = 0; k < seeds; k++) {
      SimConfig c = base.withSeed(base.seed() + k);
      SimResult r = new Simulation(c).run();
      results.add(r);
      safety += r.safetyViolations().isEmpty() ? 0 : 1;
      liveness += r.livenessFailure() ? 1 : 0;
      blocks += r.minDeliveredHeight();
      ms += r.virtualMs();
      fin.addAll(r.finalityMs());
    }
    fin.sort(null);
    long p50 = fin.isEmpty() ? 0 : fin.get(fin.size() / 2);
    return new Summary(seeds, safety, liveness, ms == 0 ? 0 : blocks * 1000.0 / ms, p50, results);
  }
}
