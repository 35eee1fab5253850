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
    ConsensusConfig consensus) {

  public SimConfig {
    if (nodes < 1 || faulty < 0 || faulty >= nodes || heights < 1 || minLatencyMs < 0 || maxLatencyMs < minLatencyMs) {
      throw new IllegalArgumentException("invalid simulation config");
    }
  }

  /** A default network (10–100 ms latency, 2% loss, 2% duplication, no partition), fast delays. */
  public static SimConfig of(int nodes, int faulty, Behaviour b, long seed, int heights) {
    return new SimConfig(nodes, faulty, b, seed, heights, 10, 100, 0.02, 0.02, -1, 0, 120_000L + heights * 30_000L, false, false,
        ConsensusConfig.defaults().withDelays(300_000_000L, 200_000_000L));
  }

  public SimConfig withPartition(long startMs, long durationMs) {
    return new SimConfig(nodes, faulty, behaviour, seed, heights, minLatencyMs, maxLatencyMs, loss, duplication, startMs, durationMs,
        maxVirtualMs + durationMs, throughWire, realCrypto, consensus);
  }

  public SimConfig withWire(boolean wire) {
    return new SimConfig(nodes, faulty, behaviour, seed, heights, minLatencyMs, maxLatencyMs, loss, duplication, partitionStartMs,
        partitionDurationMs, maxVirtualMs, wire, realCrypto, consensus);
  }

  public SimConfig withRealCrypto(boolean real) {
    return new SimConfig(nodes, faulty, behaviour, seed, heights, minLatencyMs, maxLatencyMs, loss, duplication, partitionStartMs,
        partitionDurationMs, maxVirtualMs, throughWire, real, consensus);
  }

  public SimConfig withLatency(long minMs, long maxMs) {
    return new SimConfig(nodes, faulty, behaviour, seed, heights, minMs, maxMs, loss, duplication, partitionStartMs,
        partitionDurationMs, maxVirtualMs, throughWire, realCrypto, consensus);
  }
}
