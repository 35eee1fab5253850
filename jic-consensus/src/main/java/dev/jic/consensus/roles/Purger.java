package dev.jic.consensus.roles;

import dev.jic.consensus.artifact.Block;
import dev.jic.consensus.artifact.BlockProposal;
import dev.jic.consensus.artifact.Finalization;
import dev.jic.consensus.artifact.CryptoHash;
import dev.jic.consensus.pool.PoolMutation;
import dev.jic.consensus.pool.PoolMutations;
import dev.jic.consensus.pool.PoolReader;
import dev.jic.interfaces.consensus.PoolMutationsProducer;
import dev.jic.interfaces.consensus.Time;
import dev.jic.types.unit.Height;
import java.util.List;
import java.util.Optional;

/**
 * Purger (PROTOCOL-DIGEST §1.13, without CUPs yet). Given the next expected batch height {@code
 * e}: drops unvalidated artifacts at or below the finalized height, validated shares at or below
 * it, and validated artifacts below {@code min(e − 1, lowest finalized height whose block time
 * is within the ingress TTL of the finalized tip)}: undelivered blocks and the ingress
 * de-duplication window are always kept.
 */
public final class Purger {
  private final RoleContext ctx;

  public Purger(RoleContext ctx) {
    this.ctx = ctx;
  }

  /** Purge changes, or empty if nothing new can go. */
  public PoolMutations onStateChange(PoolReader pool, Height expectedBatchHeight, Height lastSharePurge) {
    Height fin = pool.finalizedHeight();
    if (!fin.isAfter(lastSharePurge)) {
      return PoolMutations.EMPTY;
    }
    PoolMutations.Builder out = new PoolMutations.Builder();
    out.add(new PoolMutation.PurgeUnvalidatedAtOrBelow(fin));
    out.add(new PoolMutation.PurgeSharesAtOrBelow(fin));
    Height keep = lowestInWindow(pool, fin);
    long limit = Math.min(keep.value(), Math.max(0, expectedBatchHeight.value() - 1));
    if (limit > pool.purgedBelow().value()) {
      out.add(new PoolMutation.PurgeValidatedBelow(new Height(limit)));
    }
    return out.build();
  }

  private Height lowestInWindow(PoolReader pool, Height fin) {
    List<Finalization> fs = pool.finalizations(fin);
    if (fs.isEmpty()) {
      return pool.purgedBelow();
    }
    Optional<BlockProposal> tip = pool.block(fs.getFirst().content().blockHash());
    if (tip.isEmpty()) {
      return pool.purgedBelow();
    }
    long since = tip.get().block().block().context().time().nanos() - ctx.config().maxIngressTtlNanos();
    Block cur = tip.get().block().block();
    while (cur.height().value() > 0) {
      CryptoHash parent = cur.parent();
      Optional<BlockProposal> p = pool.block(parent);
      if (p.isEmpty() || p.get().block().block().context().time().nanos() < since) {
        return cur.height().decrement();
      }
      cur = p.get().block().block();
    }
    return Height.ZERO;
  }
}
