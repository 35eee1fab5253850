package dev.jic.consensus.roles;

import dev.jic.consensus.artifact.ArtifactKind;
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
import java.util.Set;

/**
 * Purger (PROTOCOL-DIGEST §1.13). Given the next expected batch height {@code e}, once the
 * finalized height grows: drops unvalidated consensus artifacts at or below the finalized height
 * (certification artifacts at or below the certified height, tapes below {@code e}, CUP shares at
 * or below the CUP), validated notarization/finalization shares at or below the finalized height
 * and certification shares at or below the certified height, and every validated artifact below
 * {@code min(CUP height, e − 1, lowest finalized height whose block time is within the ingress
 * TTL of the finalized tip)}. So the pool never keeps anything below the latest CUP, while
 * undelivered blocks and the ingress de-duplication window (jic has no ingress history in the
 * state yet) are always kept.
 */
public final class Purger {
  private static final Set<ArtifactKind> CONSENSUS_KINDS = Set.of(ArtifactKind.BLOCK_PROPOSAL, ArtifactKind.NOTARIZATION,
      ArtifactKind.NOTARIZATION_SHARE, ArtifactKind.FINALIZATION, ArtifactKind.FINALIZATION_SHARE, ArtifactKind.RANDOM_BEACON,
      ArtifactKind.RANDOM_BEACON_SHARE, ArtifactKind.EQUIVOCATION_PROOF);
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
    Height certified = ctx.state().latestCertifiedHeight();
    Height cup = pool.catchUpPackage().height();
    out.add(new PoolMutation.PurgeUnvalidatedAtOrBelow(fin, CONSENSUS_KINDS));
    out.add(new PoolMutation.PurgeUnvalidatedAtOrBelow(certified, Set.of(ArtifactKind.CERTIFICATION, ArtifactKind.CERTIFICATION_SHARE)));
    out.add(new PoolMutation.PurgeUnvalidatedAtOrBelow(new Height(Math.max(0, expectedBatchHeight.value() - 1)),
        Set.of(ArtifactKind.RANDOM_TAPE, ArtifactKind.RANDOM_TAPE_SHARE)));
    out.add(new PoolMutation.PurgeUnvalidatedAtOrBelow(cup, Set.of(ArtifactKind.CATCH_UP_SHARE)));
    out.add(new PoolMutation.PurgeSharesAtOrBelow(fin));
    out.add(new PoolMutation.PurgeCertificationSharesAtOrBelow(certified));
    Height keep = lowestInWindow(pool, fin);
    long limit = Math.min(Math.min(keep.value(), cup.value()), Math.max(0, expectedBatchHeight.value() - 1));
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
