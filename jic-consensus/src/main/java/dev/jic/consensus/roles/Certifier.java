package dev.jic.consensus.roles;

import dev.jic.consensus.artifact.CertificationContent;
import dev.jic.consensus.artifact.CertificationShare;
import dev.jic.consensus.artifact.CryptoHash;
import dev.jic.consensus.crypto.ThresholdKey;
import dev.jic.consensus.pool.PoolMutation;
import dev.jic.consensus.pool.PoolMutations;
import dev.jic.consensus.pool.PoolReader;
import dev.jic.interfaces.consensus.PoolMutationsProducer;
import dev.jic.interfaces.consensus.StateCertification;
import dev.jic.interfaces.consensus.Time;

/**
 * Certifier (PROTOCOL-DIGEST §2): for every state the state manager lists as committed but not
 * certified, above the certified height, with no certification in the pool and no share of ours
 * yet, sign one high-threshold share on its hash. Safety: an honest node signs at most one hash
 * per height (its own state's), so with 2f+1 needed two different hashes can never both be
 * certified at one height unless more than f nodes are faulty. Aggregation lives in
 * {@link ShareAggregator}; delivery to the state manager in the replica loop.
 */
public final class Certifier implements PoolMutationsProducer<PoolReader, PoolMutations> {
  private final RoleContext ctx;

  public Certifier(RoleContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public PoolMutations onStateChange(PoolReader pool, Time now) {
    PoolMutations.Builder out = new PoolMutations.Builder();
    if (!ctx.membership().isMember(ctx.self())) {
      return PoolMutations.EMPTY;
    }
    for (StateCertification.StateToCertify s : ctx.state().statesToCertify()) {
      if (!s.height().isAfter(ctx.state().latestCertifiedHeight()) || pool.certification(s.height()).isPresent()
          || s.height().isBefore(pool.purgedBelow())) {
        continue;
      }
      if (pool.certificationShares(s.height()).stream().anyMatch(x -> x.signer().equals(ctx.self()))) {
        continue;
      }
      CertificationContent c = new CertificationContent(ctx.config().protocolVersion(), s.height(), CryptoHash.of(s.hash().toBytes()));
      out.add(new PoolMutation.AddToValidated(new CertificationShare(c, ctx.self(), ctx.crypto().signThresholdShare(ThresholdKey.HIGH, c))));
    }
    return out.build();
  }
}
