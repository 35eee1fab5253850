package dev.jic.consensus;

/**
 * Protocol parameters. Defaults follow the IC's application subnets: unit delay 1000 ms, initial
 * notary delay 600 ms; block limits are jic's (ingress count and bytes per block); ingress TTL
 * 5 minutes as on the IC.
 *
 * @param protocolVersion version every artifact must carry; others are rejected
 * @param unitDelayNanos ICC's 2δ: block maker rank r waits {@code r × unitDelay}
 * @param initialNotaryDelayNanos ICC's ε: the notary waits this plus the rank delay
 * @param maxIngressPerBlock limit on messages in a block payload
 * @param maxIngressBytesPerBlock limit on counted bytes in a block payload
 * @param maxIngressTtlNanos an ingress message's expiry must lie in [block time, block time + TTL]
 * @param lookAhead artifacts more than this many heights above the notarized height are dropped
 */
public record ConsensusConfig(
    int protocolVersion,
    long unitDelayNanos,
    long initialNotaryDelayNanos,
    int maxIngressPerBlock,
    long maxIngressBytesPerBlock,
    long maxIngressTtlNanos,
    long lookAhead) {

  public static final int PROTOCOL_VERSION = 1;

  public ConsensusConfig {
    if (unitDelayNanos < 0 || initialNotaryDelayNanos < 0 || maxIngressPerBlock < 0 || maxIngressBytesPerBlock < 0
        || maxIngressTtlNanos < 0 || lookAhead < 1) {
      throw new IllegalArgumentException("invalid consensus config");
    }
  }

  public static ConsensusConfig defaults() {
    return new ConsensusConfig(PROTOCOL_VERSION, 1_000_000_000L, 600_000_000L, 1000, 4L << 20, 300_000_000_000L, 10);
  }

  public ConsensusConfig withDelays(long unitDelayNanos, long initialNotaryDelayNanos) {
    return new ConsensusConfig(protocolVersion, unitDelayNanos, initialNotaryDelayNanos, maxIngressPerBlock,
        maxIngressBytesPerBlock, maxIngressTtlNanos, lookAhead);
  }

  public ConsensusConfig withIngressLimits(int count, long bytes) {
    return new ConsensusConfig(protocolVersion, unitDelayNanos, initialNotaryDelayNanos, count, bytes, maxIngressTtlNanos, lookAhead);
  }
}
