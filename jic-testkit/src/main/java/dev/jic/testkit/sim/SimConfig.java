package dev.jic.testkit.sim;

import dev.jic.consensus.ConsensusConfig;

/**
 * One simulation run, as data. Latency of each message is uniform in [minLatencyMs, maxLatencyMs];
 * a lost message is re-sent after a retransmission delay (as the IC's P2P layer re-sends until
 * acknowledged); a duplicated one arrives twice; during a partition, messages between the two
 * sides wait until it heals. The run stops when every live honest replica has delivered
 * {@code heights} batches or after {@code maxVirtualMs}.
 *
 * @param partitionStartMs start of a partition isolating the first ⌊n/2⌋ replicas, or −1 for none
 * @param restart an honest replica that crashes and restarts, or null
 * @param brokenFinalizer honest replicas run a deliberately unsafe finalizer (to test the checker)
 * @param ingressEveryMs one ingress message is submitted to every replica this often
 */
public record SimConfig(
    int nodes,
    int faulty,
    Behaviour behaviour,
    long seed,
    int heights,
    long minLatencyMs,
    long maxLatencyMs,
    double loss,
    double duplication,
    long partitionStartMs,
    long partitionDurationMs,
    long maxVirtualMs,
    boolean throughWire,
    boolean realCrypto,
    ConsensusConfig consensus,
    Restart restart,
    boolean brokenFinalizer,
    long ingressEveryMs) {

  /**
   * The first honest replica crashes at {@code atMs}, stays down {@code downMs}, and restarts
   * either from its persisted pool and state ({@code losePool} false) or with an empty disk from
   * the latest CUP its peers hold, after state-syncing to it ({@code losePool} true).
   */
  public record Restart(long atMs, long downMs, boolean losePool) {}

  public SimConfig {
    if (nodes < 1 || faulty < 0 || faulty >= nodes || heights < 1 || minLatencyMs < 0 || maxLatencyMs < minLatencyMs || ingressEveryMs < 1) {
      throw new IllegalArgumentException("invalid simulation config");
    }
  }

  /** A default network (10–100 ms latency, 2% loss, 2% duplication, no partition), fast delays, CUPs every 10 heights. */
  public static SimConfig of(int nodes, int faulty, Behaviour b, long seed, int heights) {
    return new SimConfig(nodes, faulty, b, seed, heights, 10, 100, 0.02, 0.02, -1, 0, 120_000L + heights * 30_000L, false, false,
        ConsensusConfig.defaults().withDelays(300_000_000L, 200_000_000L).withCupInterval(10), null, false, 150);
  }

  public SimConfig withSeed(long s) {
    return new SimConfig(nodes, faulty, behaviour, s, heights, minLatencyMs, maxLatencyMs, loss, duplication, partitionStartMs,
        partitionDurationMs, maxVirtualMs, throughWire, realCrypto, consensus, restart, brokenFinalizer, ingressEveryMs);
  }

  public SimConfig withPartition(long startMs, long durationMs) {
    return new SimConfig(nodes, faulty, behaviour, seed, heights, minLatencyMs, maxLatencyMs, loss, duplication, startMs, durationMs,
        maxVirtualMs + durationMs, throughWire, realCrypto, consensus, restart, brokenFinalizer, ingressEveryMs);
  }

  public SimConfig withWire(boolean wire) {
    return new SimConfig(nodes, faulty, behaviour, seed, heights, minLatencyMs, maxLatencyMs, loss, duplication, partitionStartMs,
        partitionDurationMs, maxVirtualMs, wire, realCrypto, consensus, restart, brokenFinalizer, ingressEveryMs);
  }

  public SimConfig withRealCrypto(boolean real) {
    return new SimConfig(nodes, faulty, behaviour, seed, heights, minLatencyMs, maxLatencyMs, loss, duplication, partitionStartMs,
        partitionDurationMs, maxVirtualMs, throughWire, real, consensus, restart, brokenFinalizer, ingressEveryMs);
  }

  public SimConfig withLatency(long minMs, long maxMs) {
    return new SimConfig(nodes, faulty, behaviour, seed, heights, minMs, maxMs, loss, duplication, partitionStartMs,
        partitionDurationMs, maxVirtualMs, throughWire, realCrypto, consensus, restart, brokenFinalizer, ingressEveryMs);
  }

  public SimConfig withNetworkFaults(double lossRate, double duplicationRate) {
    return new SimConfig(nodes, faulty, behaviour, seed, heights, minLatencyMs, maxLatencyMs, lossRate, duplicationRate, partitionStartMs,
        partitionDurationMs, maxVirtualMs, throughWire, realCrypto, consensus, restart, brokenFinalizer, ingressEveryMs);
  }

  public SimConfig withConsensus(ConsensusConfig c) {
    return new SimConfig(nodes, faulty, behaviour, seed, heights, minLatencyMs, maxLatencyMs, loss, duplication, partitionStartMs,
        partitionDurationMs, maxVirtualMs, throughWire, realCrypto, c, restart, brokenFinalizer, ingressEveryMs);
  }

  public SimConfig withRestart(Restart r) {
    return new SimConfig(nodes, faulty, behaviour, seed, heights, minLatencyMs, maxLatencyMs, loss, duplication, partitionStartMs,
        partitionDurationMs, maxVirtualMs + r.downMs(), throughWire, realCrypto, consensus, r, brokenFinalizer, ingressEveryMs);
  }

  public SimConfig withBrokenFinalizer(boolean broken) {
    return new SimConfig(nodes, faulty, behaviour, seed, heights, minLatencyMs, maxLatencyMs, loss, duplication, partitionStartMs,
        partitionDurationMs, maxVirtualMs, throughWire, realCrypto, consensus, restart, broken, ingressEveryMs);
  }

  public SimConfig withIngressEvery(long ms) {
    return new SimConfig(nodes, faulty, behaviour, seed, heights, minLatencyMs, maxLatencyMs, loss, duplication, partitionStartMs,
        partitionDurationMs, maxVirtualMs, throughWire, realCrypto, consensus, restart, brokenFinalizer, ms);
  }

  public SimConfig withMaxVirtualMs(long ms) {
    return new SimConfig(nodes, faulty, behaviour, seed, heights, minLatencyMs, maxLatencyMs, loss, duplication, partitionStartMs,
        partitionDurationMs, ms, throughWire, realCrypto, consensus, restart, brokenFinalizer, ingressEveryMs);
  }
}
