package dev.jic.consensus.roles;

import dev.jic.consensus.artifact.BlockProposal;
import dev.jic.consensus.artifact.CryptoHash;
import dev.jic.consensus.artifact.FinalizationContent;
import dev.jic.consensus.artifact.FinalizationShare;
import dev.jic.consensus.artifact.NotarizationShare;
import dev.jic.consensus.pool.PoolMutation;
import dev.jic.consensus.pool.PoolMutations;
import dev.jic.consensus.pool.PoolReader;
import dev.jic.interfaces.consensus.PoolMutationsProducer;
import dev.jic.interfaces.consensus.Time;
import dev.jic.types.unit.Height;
import java.util.List;
import java.util.Optional;

/**
 * Finalizer (PROTOCOL-DIGEST §1.7): for each height h in (finalized, notarized], a notary of h
 * signs one finalization share for block B iff B is the only notarized block it knows at h, it
 * has no finalization share at h yet, and it made no notarization share at h for another block.
 * Safety: a finalized block had 2f+1 such shares, so at least f+1 honest notaries supported only
 * it and no other block at h can gather 2f+1 notarization shares.
 */
public final class Finalizer implements PoolMutationsProducer<PoolReader, PoolMutations> {
  private final RoleContext ctx;

  public Finalizer(RoleContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public PoolMutations onStateChange(PoolReader pool, Time now) {
    PoolMutations.Builder out = new PoolMutations.Builder();
    for (long v = pool.finalizedHeight().value() + 1; v <= pool.notarizedHeight().value(); v++) {
      Height h = new Height(v);
      Optional<CryptoHash> prevBeacon = Chain.previousBeaconHash(pool, h);
      if (prevBeacon.isEmpty() || !ctx.membership().isNotary(ctx.self(), prevBeacon.get())) {
        continue;
      }
      if (pool.finalizationShares(h).stream().anyMatch(s -> s.signer().equals(ctx.self()))) {
        continue;
      }
      List<BlockProposal> notarized = Chain.notarizedBlocks(pool, h);
      if (notarized.size() != 1) {
        continue;
      }
      CryptoHash b = notarized.getFirst().blockHash();
      boolean signedOther = false;
      for (NotarizationShare s : pool.notarizationShares(h)) {
        if (s.signer().equals(ctx.self()) && !s.content().blockHash().equals(b)) {
          signedOther = true;
        }
      }
      if (signedOther) {
        continue;
      }
      FinalizationContent c = new FinalizationContent(ctx.config().protocolVersion(), h, b);
      out.add(new PoolMutation.AddToValidated(new FinalizationShare(c, ctx.self(), ctx.crypto().signMultiShare(c))));
    }
    return out.build();
  }
}
