package dev.jic.consensus.roles;

import dev.jic.consensus.artifact.BlockProposal;
import dev.jic.consensus.artifact.CryptoHash;
import dev.jic.consensus.artifact.NotarizationContent;
import dev.jic.consensus.artifact.NotarizationShare;
import dev.jic.consensus.pool.PoolMutation;
import dev.jic.consensus.pool.PoolMutations;
import dev.jic.consensus.pool.PoolReader;
import dev.jic.interfaces.consensus.PoolMutationsProducer;
import dev.jic.interfaces.consensus.Time;
import dev.jic.types.id.NodeId;
import dev.jic.types.unit.Height;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Notary (PROTOCOL-DIGEST §1.6). Acts only at h = notarized + 1 and only if it is in the notary
 * committee of h. It signs every validated proposal of the lowest rank present at h whose maker
 * is not disqualified (an equivocation proof or two different proposals at h), once the notary delay of that rank has
 * passed, and never the same block twice. Hence across a round it signs blocks of non-increasing
 * rank, which is what ICC's safety argument needs.
 */
public final class Notary implements PoolMutationsProducer<PoolReader, PoolMutations> {
  private final RoleContext ctx;

  public Notary(RoleContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public PoolMutations onStateChange(PoolReader pool, Time now) {
    Height h = pool.notarizedHeight().increment();
    Optional<CryptoHash> prevBeacon = Chain.previousBeaconHash(pool, h);
    Optional<Time> start = Chain.roundStart(pool, h);
    if (prevBeacon.isEmpty() || start.isEmpty() || !ctx.membership().isNotary(ctx.self(), prevBeacon.get())) {
      return PoolMutations.EMPTY;
    }
    Set<CryptoHash> signed = new HashSet<>();
    for (NotarizationShare s : pool.notarizationShares(h)) {
      if (s.signer().equals(ctx.self())) {
        signed.add(s.content().blockHash());
      }
    }
    PoolMutations.Builder out = new PoolMutations.Builder();
    for (BlockProposal p : candidates(pool, h)) {
      if (signed.contains(p.blockHash())) {
        continue;
      }
      java.util.OptionalLong delay = Chain.notaryDelay(ctx.config(), p.rank(), pool, ctx.state().latestCertifiedHeight());
      if (delay.isEmpty() || now.isBefore(Chain.after(start.get(), delay.getAsLong()))) {
        continue;
      }
      NotarizationContent c = new NotarizationContent(ctx.config().protocolVersion(), h, p.blockHash());
      out.add(new PoolMutation.AddToValidated(new NotarizationShare(c, ctx.self(), ctx.crypto().signMultiShare(c))));
    }
    return out.build();
  }

  /**
   * Validated proposals at h of the lowest rank among non-disqualified makers, in hash order. A
   * maker is disqualified at h if an equivocation proof names it or two of its proposals are
   * validated here.
   */
  public static List<BlockProposal> candidates(PoolReader pool, Height h) {
    List<BlockProposal> all = pool.proposals(h);
    Map<NodeId, Integer> perSigner = new HashMap<>(); // counts only
    for (BlockProposal p : all) {
      perSigner.merge(p.signer(), 1, Integer::sum);
    }
    pool.equivocationProofs(h).forEach(e -> perSigner.merge(e.signer(), 2, Integer::sum));
    long best = Long.MAX_VALUE;
    for (BlockProposal p : all) {
      if (perSigner.get(p.signer()) == 1) {
        best = Math.min(best, p.rank());
      }
    }
    List<BlockProposal> out = new ArrayList<>();
    for (BlockProposal p : all) {
      if (p.rank() == best && perSigner.get(p.signer()) == 1) {
        out.add(p);
      }
    }
    out.sort((a, b) -> a.blockHash().compareTo(b.blockHash()));
    return out;
  }

  /** When the next notarization share could become due (for the wake-up timer). */
  public Optional<Time> nextDeadline(PoolReader pool) {
    Height h = pool.notarizedHeight().increment();
    Optional<Time> start = Chain.roundStart(pool, h);
    if (start.isEmpty()) {
      return Optional.empty();
    }
    Optional<Time> best = Optional.empty();
    for (BlockProposal p : candidates(pool, h)) {
      java.util.OptionalLong delay = Chain.notaryDelay(ctx.config(), p.rank(), pool, ctx.state().latestCertifiedHeight());
      if (delay.isEmpty()) {
        return Optional.empty();
      }
      Time t = Chain.after(start.get(), delay.getAsLong());
      if (best.isEmpty() || t.isBefore(best.get())) {
        best = Optional.of(t);
      }
    }
    return best;
  }
}
