package dev.jic.consensus.roles;

import dev.jic.consensus.artifact.RandomTapeContent;
import dev.jic.consensus.artifact.RandomTapeShare;
import dev.jic.consensus.crypto.ThresholdKey;
import dev.jic.consensus.pool.PoolMutation;
import dev.jic.consensus.pool.PoolMutations;
import dev.jic.consensus.pool.PoolReader;
import dev.jic.interfaces.consensus.PoolMutationsProducer;
import dev.jic.interfaces.consensus.Time;
import dev.jic.types.unit.Height;

/**
 * Random tape maker (PROTOCOL-DIGEST §1.8). Every member signs one low-threshold share on the
 * tape of each height in {@code [max(expected batch, CUP + 1), min(expected batch + 10,
 * finalized + 1)]} that has no tape yet. A tape at h is therefore only revealed once block h is
 * about to be delivered, after it was made, so no block maker can steer the batch randomness.
 */
public final class RandomTapeMaker implements PoolMutationsProducer<PoolReader, PoolMutations> {
  /** How far ahead of the expected batch height tapes are signed. */
  public static final long RANGE = 10;
  private final RoleContext ctx;

  public RandomTapeMaker(RoleContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public PoolMutations onStateChange(PoolReader pool, Time now) {
    if (!ctx.membership().isMember(ctx.self())) {
      return PoolMutations.EMPTY;
    }
    long from = Math.max(ctx.expectedBatchHeight().get().value(), pool.catchUpPackage().height().value() + 1);
    long to = Math.min(from + RANGE, pool.finalizedHeight().value() + 1);
    PoolMutations.Builder out = new PoolMutations.Builder();
    for (long v = from; v <= to; v++) {
      Height h = new Height(v);
      if (pool.tape(h).isPresent() || pool.tapeShares(h).stream().anyMatch(s -> s.signer().equals(ctx.self()))) {
        continue;
      }
      RandomTapeContent c = new RandomTapeContent(ctx.config().protocolVersion(), h);
      out.add(new PoolMutation.AddToValidated(new RandomTapeShare(c, ctx.self(), ctx.crypto().signThresholdShare(ThresholdKey.LOW, c))));
    }
    return out.build();
  }
}
