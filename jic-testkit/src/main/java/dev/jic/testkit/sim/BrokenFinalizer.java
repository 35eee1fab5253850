package dev.jic.testkit.sim;

import dev.jic.consensus.artifact.BlockProposal;
import dev.jic.consensus.artifact.FinalizationContent;
import dev.jic.consensus.artifact.FinalizationShare;
import dev.jic.consensus.pool.PoolMutation;
import dev.jic.consensus.pool.PoolMutations;
import dev.jic.consensus.pool.PoolReader;
import dev.jic.consensus.roles.Chain;
import dev.jic.consensus.roles.RoleContext;
import dev.jic.interfaces.consensus.PoolMutationsProducer;
import dev.jic.interfaces.consensus.Time;
import dev.jic.types.unit.Height;

/**
 * A deliberately unsafe finalizer: it finality-signs every notarized block, dropping ICC's rule
 * that a node finality-signs only the single block it supported at a height. Used only to prove
 * that the simulator's invariant checker detects two finalized blocks at one height.
 */
final class BrokenFinalizer implements PoolMutationsProducer<PoolReader, PoolMutations> {
  private final RoleContext ctx;

  BrokenFinalizer(RoleContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public PoolMutations onStateChange(PoolReader pool, Time now) {
    PoolMutations.Builder out = new PoolMutations.Builder();
    for (long v = pool.finalizedHeight().value() + 1; v <= pool.notarizedHeight().value(); v++) {
      Height h = new Height(v);
      for (BlockProposal b : Chain.notarizedBlocks(pool, h)) {
        boolean signed = pool.finalizationShares(h).stream()
            .anyMatch(s -> s.signer().equals(ctx.self()) && s.content().blockHash().equals(b.blockHash()));
        if (!signed) {
          FinalizationContent c = new FinalizationContent(ctx.config().protocolVersion(), h, b.blockHash());
          out.add(new PoolMutation.AddToValidated(new FinalizationShare(c, ctx.self(), ctx.crypto().signMultiShare(c))));
        }
      }
    }
    return out.build();
  }
}
