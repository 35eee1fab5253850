package dev.jic.consensus.roles;

import dev.jic.consensus.ConsensusConfig;
import dev.jic.consensus.artifact.BlockProposal;
import dev.jic.consensus.artifact.ConsensusCodec;
import dev.jic.consensus.artifact.CryptoHash;
import dev.jic.consensus.artifact.Notarization;
import dev.jic.consensus.artifact.RandomBeacon;
import dev.jic.consensus.pool.PoolReader;
import dev.jic.interfaces.consensus.Time;
import dev.jic.types.unit.Height;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Pure helpers over a pool shared by several roles. */
public final class Chain {
  private Chain() {}

  /** The hash that identifies a beacon (its message id hash); the next beacon's parent. */
  public static CryptoHash beaconHash(RandomBeacon b) {
    return ConsensusCodec.id(b).hash();
  }

  /** Hash of the beacon at {@code h − 1}, which seeds ranks and committees at {@code h}. */
  public static Optional<CryptoHash> previousBeaconHash(PoolReader pool, Height h) {
    if (h.value() == 0) {
      return Optional.empty();
    }
    return pool.beacon(h.decrement()).map(Chain::beaconHash);
  }

  /**
   * When round {@code h} started here: the later of the first notarization and the beacon at
   * {@code h − 1} being validated. Empty if either is missing.
   */
  public static Optional<Time> roundStart(PoolReader pool, Height h) {
    if (h.value() == 0) {
      return Optional.empty();
    }
    Height prev = h.decrement();
    Optional<Time> n = pool.notarizedAt(prev);
    Optional<Time> b = pool.beaconAt(prev);
    if (n.isEmpty() || b.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Time.max(n.get(), b.get()));
  }

  /** Notarized blocks at {@code h}, lowest rank first then by hash (deterministic). */
  public static List<BlockProposal> notarizedBlocks(PoolReader pool, Height h) {
    return pool.notarizations(h).stream().map(Notarization::content).map(c -> pool.block(c.blockHash()))
        .flatMap(Optional::stream).distinct()
        .sorted(Comparator.comparingLong(BlockProposal::rank).thenComparing(BlockProposal::blockHash)).toList();
  }

  /** Block maker delay of a rank: {@code rank × unit delay}. */
  public static long blockMakerDelay(ConsensusConfig c, long rank) {
    return Math.multiplyExact(rank, c.unitDelayNanos());
  }

  /**
   * Notary delay of a rank (PROTOCOL-DIGEST §1.6, the IC's current variant): {@code initial +
   * unit × rank × 1.5^(notarized − finalized) + unit × max(0, finalized − certified − 3)}; rank 0
   * is never backed off by the finality gap. The exponent is capped at 40. Empty when the notary
   * must not notarize at all: the notarized height is 70 or more above the certified height, or 70
   * or more above the next CUP height (hard stops: execution or CUPs are too far behind).
   */
  public static java.util.OptionalLong notaryDelay(ConsensusConfig c, long rank, PoolReader pool, Height certified) {
    long notarized = pool.notarizedHeight().value();
    long finalized = pool.finalizedHeight().value();
    long nextCup = pool.catchUpPackage().height().value() + c.cupInterval();
    if (notarized - certified.value() >= ConsensusConfig.NOTARIZATION_CERTIFICATION_GAP
        || notarized - nextCup >= ConsensusConfig.NOTARIZATION_CUP_GAP) {
      return java.util.OptionalLong.empty();
    }
    long gap = Math.min(40, notarized - finalized);
    double factor = rank == 0 ? 0 : rank * Math.pow(1.5, gap);
    long backlog = Math.max(0, finalized - certified.value() - ConsensusConfig.FINALIZATION_CERTIFICATION_GAP);
    double d = c.initialNotaryDelayNanos() + c.unitDelayNanos() * (factor + backlog);
    return java.util.OptionalLong.of(d >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2 : (long) d);
  }

  /**
   * The finalized block at {@code h}, found by following parents down from the finalized tip;
   * empty if {@code h} is above the finalized height or the chain there was purged.
   */
  public static Optional<BlockProposal> finalizedBlockAt(PoolReader pool, Height h) {
    if (h.isAfter(pool.finalizedHeight())) {
      return Optional.empty();
    }
    List<dev.jic.consensus.artifact.Finalization> fs = pool.finalizations(pool.finalizedHeight());
    if (fs.isEmpty()) {
      return Optional.empty();
    }
    Optional<BlockProposal> cur = pool.block(fs.getFirst().content().blockHash());
    while (cur.isPresent() && cur.get().height().isAfter(h)) {
      cur = pool.block(cur.get().block().block().parent());
    }
    return cur.filter(p -> p.height().equals(h));
  }

  /** {@code start + delay} saturating. */
  public static Time after(Time start, long delayNanos) {
    long v = start.nanos() + delayNanos;
    return new Time(v < 0 ? Long.MAX_VALUE : v);
  }
}
