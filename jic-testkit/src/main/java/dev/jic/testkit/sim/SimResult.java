package dev.jic.testkit.sim;

import java.util.List;

/**
 * The outcome of one run: invariant violations (each a description), whether liveness failed,
 * the trace hash (equal for two runs of one config), the lowest delivered height among live
 * honest replicas, virtual time used, per-height finality latencies (block time to first
 * honest delivery) in milliseconds, the time from a partition healing until every live honest
 * replica delivered a new batch (−1 without partition), the lowest CUP height among honest
 * replicas, how many heights were certified, the largest unvalidated section seen at an honest
 * replica, ingress messages delivered at the slowest honest replica, and how long a restarted replica took to reach the height its peers had when it restarted (−1 if none).
 */
public record SimResult(long seed, List<String> safetyViolations, boolean livenessFailure, String traceHash, long minDeliveredHeight,
    long virtualMs, List<Long> finalityMs, long events, long invalidReported, long recoveryMs, long minCupHeight, long certifiedHeights,
    long maxUnvalidated, long restartCatchUpMs, long ingressDelivered) {

  public SimResult {
    safetyViolations = List.copyOf(safetyViolations);
    finalityMs = List.copyOf(finalityMs);
  }
}
