package dev.jic.consensus.roles;

import dev.jic.consensus.artifact.RandomBeacon;
import dev.jic.consensus.artifact.RandomBeaconContent;
import dev.jic.consensus.artifact.RandomBeaconShare;
import dev.jic.consensus.pool.PoolMutation;
import dev.jic.consensus.pool.PoolMutations;
import dev.jic.consensus.pool.PoolReader;
import dev.jic.interfaces.consensus.PoolMutationsProducer;
import dev.jic.interfaces.consensus.Time;
import dev.jic.types.unit.Height;
import java.util.Optional;

/**
 * Random beacon maker (PROTOCOL-DIGEST §1.8): once beacon(notarized) exists and
 * beacon(notarized + 1) does not, every member signs one share on
 * {@code {version, notarized + 1, hash(beacon(notarized))}}. The beacon therefore runs at most one
 * height ahead of notarization, and shares are unique per (node, height).
 */
public final class RandomBeaconMaker implements PoolMutationsProducer<PoolReader, PoolMutations> {
  private final RoleContext ctx;

  public RandomBeaconMaker(RoleContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public PoolMutations onStateChange(PoolReader pool, Time now) {
    Height n = pool.notarizedHeight();
    Height h = n.increment();
    Optional<RandomBeacon> prev = pool.beacon(n);
    if (prev.isEmpty() || pool.beacon(h).isPresent() || !ctx.membership().isMember(ctx.self())) {
      return PoolMutations.EMPTY;
    }
    for (RandomBeaconShare s : pool.beaconShares(h)) {
      if (s.signer().equals(ctx.self())) {
        return PoolMutations.EMPTY;
      }
    }
    RandomBeaconContent c = new RandomBeaconContent(ctx.config().protocolVersion(), h, Chain.beaconHash(prev.get()));
    return PoolMutations.of(new PoolMutation.AddToValidated(new RandomBeaconShare(c, ctx.self(), ctx.crypto().signBeaconShare(c))));
  }
}
