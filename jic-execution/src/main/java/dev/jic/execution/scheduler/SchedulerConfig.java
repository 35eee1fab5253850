package dev.jic.execution.scheduler;

/**
 * Scheduler limits. Immutable.
 *
 * @param cores virtual cores: canisters are assigned to this many lanes, each with its own round
 *     instruction budget. Part of the replicated configuration: the result depends on it, never on
 *     {@code threads}
 * @param threads worker threads executing the lanes (1..cores); results are identical for any value
 * @param maxInstructionsPerRound instruction budget of one lane in one round (replica: 7 B)
 * @param maxInstructionsPerSlice deterministic time slicing: a message using more than this many
 *     instructions occupies its canister for {@code ceil(used / slice)} rounds (replica: 2 B)
 * @param maxInnerRounds how many times a round routes outputs and executes again (so call/response
 *     chains progress within one batch)
 * @param ingressRetentionNanos how long a replied/rejected status is kept before becoming done (and
 *     a done status before it is removed)
 * @param queueCapacity maximum queued requests per receiving canister (replica: 500 per queue)
 */
public record SchedulerConfig(int cores, int threads, long maxInstructionsPerRound, long maxInstructionsPerSlice,
    int maxInnerRounds, long ingressRetentionNanos, int queueCapacity) {
  public SchedulerConfig {
    if (cores < 1 || threads < 1 || threads > cores) {
      throw new IllegalArgumentException("need 1 <= threads <= cores, got " + threads + "/" + cores);
    }
    if (maxInstructionsPerRound < 1 || maxInstructionsPerSlice < 1 || maxInnerRounds < 1 || queueCapacity < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** The replica's application-subnet values: 4 cores, 7 B per round, 2 B per slice. */
  public static SchedulerConfig defaults(int threads) {
    return new SchedulerConfig(4, threads, 7_000_000_000L, 2_000_000_000L, 16, 300_000_000_000L, 500);
  }

  /** This configuration with another thread count. */
  public SchedulerConfig withThreads(int t) {
    return new SchedulerConfig(cores, t, maxInstructionsPerRound, maxInstructionsPerSlice, maxInnerRounds,
        ingressRetentionNanos, queueCapacity);
  }

  /** This configuration with other round and slice limits. */
  public SchedulerConfig withLimits(long round, long slice) {
    return new SchedulerConfig(cores, threads, round, slice, maxInnerRounds, ingressRetentionNanos, queueCapacity);
  }

  /** This configuration with another number of cores (threads capped to it). */
  public SchedulerConfig withCores(int c) {
    return new SchedulerConfig(c, Math.min(threads, c), maxInstructionsPerRound, maxInstructionsPerSlice,
        maxInnerRounds, ingressRetentionNanos, queueCapacity);
  }

  /** This configuration with another inner-round count. */
  public SchedulerConfig withInnerRounds(int n) {
    return new SchedulerConfig(cores, threads, maxInstructionsPerRound, maxInstructionsPerSlice, n,
        ingressRetentionNanos, queueCapacity);
  }
}
