package dev.jic.consensus.roles;

import dev.jic.consensus.artifact.BlockProposal;
import dev.jic.consensus.artifact.CatchUpContent;
import dev.jic.consensus.artifact.CatchUpShare;
import dev.jic.consensus.artifact.CryptoHash;
import dev.jic.consensus.artifact.RandomBeacon;
import dev.jic.consensus.crypto.ThresholdKey;
import dev.jic.consensus.pool.PoolMutation;
import dev.jic.consensus.pool.PoolMutations;
import dev.jic.consensus.pool.PoolReader;
import dev.jic.interfaces.consensus.PoolMutationsProducer;
import dev.jic.interfaces.consensus.StateHash;
import dev.jic.interfaces.consensus.Time;
import dev.jic.types.unit.Height;
import java.util.List;
import java.util.Optional;

/**
 * Catch-up package maker (PROTOCOL-DIGEST §1.12). For the highest finalized summary height H
 * above the current CUP, a member signs one high-threshold share on {@code (summary block hash,
 * beacon(H) hash, state hash at H)} once: the beacon at H is validated, the state manager holds
 * the state at H, and the finalized tip's block context says the subnet certified height ≥ H (so
 * 2f+1 nodes already agreed on that state hash). Safety: a CUP needs 2f+1 shares, so it names
 * the finalized summary block and the certified state every honest node has at H.
 */
public final class CatchUpMaker implements PoolMutationsProducer<PoolReader, PoolMutations> {
  private final RoleContext ctx;

  public CatchUpMaker(RoleContext ctx) {
    this.ctx = ctx;
  }

  /** The highest summary height at or below the finalized height and above the current CUP, if any. */
  public static Optional<Height> pendingSummaryHeight(RoleContext ctx, PoolReader pool) {
    long interval = ctx.config().cupInterval();
    long h = pool.finalizedHeight().value() / interval * interval;
    return h > pool.catchUpPackage().height().value() ? Optional.of(new Height(h)) : Optional.empty();
  }

  @Override
  public PoolMutations onStateChange(PoolReader pool, Time now) {
    Optional<Height> target = pendingSummaryHeight(ctx, pool);
    if (target.isEmpty() || !ctx.membership().isMember(ctx.self())) {
      return PoolMutations.EMPTY;
    }
    Height h = target.get();
    if (pool.catchUpShares(h).stream().anyMatch(s -> s.signer().equals(ctx.self()))) {
      return PoolMutations.EMPTY;
    }
    Optional<BlockProposal> tip = Chain.finalizedBlockAt(pool, pool.finalizedHeight());
    if (tip.isEmpty() || tip.get().block().block().context().certifiedHeight().isBefore(h)) {
      return PoolMutations.EMPTY;
    }
    Optional<BlockProposal> summary = Chain.finalizedBlockAt(pool, h);
    Optional<RandomBeacon> beacon = pool.beacon(h);
    Optional<StateHash> state = ctx.state().stateHashAt(h);
    if (summary.isEmpty() || beacon.isEmpty() || state.isEmpty()) {
      return PoolMutations.EMPTY;
    }
    CatchUpContent c = new CatchUpContent(ctx.config().protocolVersion(), h, summary.get().blockHash(), Chain.beaconHash(beacon.get()),
        CryptoHash.of(state.get().toBytes()));
    return new PoolMutations(List.of(new PoolMutation.AddToValidated(
        new CatchUpShare(c, ctx.self(), ctx.crypto().signThresholdShare(ThresholdKey.HIGH, c)))));
  }
}
