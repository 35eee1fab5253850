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
 * @param cupInterval heights between summary blocks and catch-up packages (the IC's DKG interval,
 *     {@code dkg_interval_length + 1} = 500 by default): heights that are multiples of it are summary heights
 */
public record ConsensusConfig(
    int protocolVersion,
    long unitDelayNanos,
    long initialNotaryDelayNanos,
    int maxIngressPerBlock,
    long maxIngressBytesPerBlock,
    long maxIngressTtlNanos,
    long lookAhead,
    long cupInterval) {

  public static final int PROTOCOL_VERSION = 1;
  /** The IC's default DKG interval: a summary block every 500 heights. */
  public static final long DEFAULT_CUP_INTERVAL = 500;
  /** ACCEPTABLE_NOTARIZATION_CERTIFICATION_GAP: no notarization this far above the certified height. */
  public static final long NOTARIZATION_CERTIFICATION_GAP = 70;
  /** ACCEPTABLE_NOTARIZATION_CUP_GAP: no notarization this far above the next CUP height. */
  public static final long NOTARIZATION_CUP_GAP = 70;
  /** ACCEPTABLE_FINALIZATION_CERTIFICATION_GAP: beyond it, every height of backlog adds a unit delay to the notary. */
  public static final long FINALIZATION_CERTIFICATION_GAP = 3;

  public ConsensusConfig {
    if (unitDelayNanos < 0 || initialNotaryDelayNanos < 0 || maxIngressPerBlock < 0 || maxIngressBytesPerBlock < 0
        || maxIngressTtlNanos < 0 || lookAhead < 1 || cupInterval < 1) {
      throw new IllegalArgumentException("invalid consensus config");
    }
  }

  public static ConsensusConfig defaults() {
    return new ConsensusConfig(PROTOCOL_VERSION, 1_000_000_000L, 600_000_000L, 1000, 4L << 20, 300_000_000_000L, 10, DEFAULT_CUP_INTERVAL);
  }

  public ConsensusConfig withDelays(long unitDelayNanos, long initialNotaryDelayNanos) {
    return new ConsensusConfig(protocolVersion, unitDelayNanos, initialNotaryDelayNanos, maxIngressPerBlock,
        maxIngressBytesPerBlock, maxIngressTtlNanos, lookAhead, cupInterval);
  }

  public ConsensusConfig withIngressLimits(int count, long bytes) {
    return new ConsensusConfig(protocolVersion, unitDelayNanos, initialNotaryDelayNanos, count, bytes, maxIngressTtlNanos, lookAhead, cupInterval);
  }

  /** The same config with summary blocks and CUPs every {@code interval} heights. */
  public ConsensusConfig withCupInterval(long interval) {
    return new ConsensusConfig(protocolVersion, unitDelayNanos, initialNotaryDelayNanos, maxIngressPerBlock, maxIngressBytesPerBlock,
        maxIngressTtlNanos, lookAhead, interval);
  }

  /** The same config with ingress expiry at most {@code ttlNanos} after block time. */
  public ConsensusConfig withIngressTtl(long ttlNanos) {
    return new ConsensusConfig(protocolVersion, unitDelayNanos, initialNotaryDelayNanos, maxIngressPerBlock, maxIngressBytesPerBlock,
        ttlNanos, lookAhead, cupInterval);
  }

  /** Whether {@code h} is a summary height (a summary block and a CUP belong there). */
  public boolean isSummaryHeight(dev.jic.types.unit.Height h) {
    return h.value() % cupInterval == 0;
  }
}
