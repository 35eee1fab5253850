package dev.jic.testkit.sim;

import java.util.List;

/**
 * The outcome of one run: invariant violations (each a description), whether liveness failed,
 * the trace hash (equal for two runs of one config), the lowest delivered height among live
 * honest replicas, virtual time used, and per-height finality latencies (block time to first
 * honest delivery) in milliseconds.
 */
public record SimResult(long seed, List<String> safetyViolations, boolean livenessFailure, String traceHash, long minDeliveredHeight,
    long virtualMs, List<Long> finalityMs, long events, long invalidReported) {

  public SimResult {
    safetyViolations = List.copyOf(safetyViolations);
    finalityMs = List.copyOf(finalityMs);
  }
}
