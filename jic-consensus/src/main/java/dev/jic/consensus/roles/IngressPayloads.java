package dev.jic.consensus.roles;

import dev.jic.consensus.ConsensusConfig;
import dev.jic.consensus.artifact.Block;
import dev.jic.consensus.artifact.BlockProposal;
import dev.jic.consensus.artifact.CryptoHash;
import dev.jic.consensus.artifact.IngressPayload;
import dev.jic.consensus.pool.PoolReader;
import dev.jic.interfaces.consensus.IngressId;
import dev.jic.interfaces.consensus.IngressMessage;
import dev.jic.interfaces.consensus.Time;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Building and validating ingress payloads. A message is valid in a block with time t iff its
 * expiry is in [t, t + TTL], it appears once in the block and in no ancestor. Because an
 * ancestor that could hold it has time ≥ expiry − TTL ≥ t − TTL, checking ancestors back to time
 * t − TTL is complete (the purger keeps that window). A replica that resumed from a CUP lacks
 * the blocks below it: it proposes empty payloads until the window is visible again, and it
 * validates others' payloads against what it sees (it may accept a duplicate hidden below the
 * CUP; the other honest replicas reject such a block). The IC avoids this with the ingress
 * history in the certified state, which jic does not have yet.
 */
public final class IngressPayloads {
  private IngressPayloads() {}

  /** Ids in the ancestors (from {@code parent} down) whose time is ≥ {@code since}. */
  public static Set<IngressId> idsOnChain(PoolReader pool, CryptoHash parent, Time since) {
    return window(pool, parent, since).ids();
  }

  /**
   * The ingress ids on the chain back to time {@code since}, and whether the walk got there
   * ({@code complete}); it does not when the pool starts at a CUP above that time (a replica
   * that resumed from a CUP), and then blocks below the CUP may hold messages it cannot see.
   */
  public record Window(Set<IngressId> ids, boolean complete) {}

  public static Window window(PoolReader pool, CryptoHash parent, Time since) {
    Set<IngressId> ids = new HashSet<>(); // membership tests only
    CryptoHash cur = parent;
    while (true) {
      Optional<BlockProposal> p = pool.block(cur);
      if (p.isEmpty()) {
        return new Window(ids, false);
      }
      Block b = p.get().block().block();
      if (b.height().value() == 0 || b.context().time().isBefore(since)) {
        return new Window(ids, true);
      }
      for (IngressMessage m : b.payload().messages()) {
        ids.add(m.id());
      }
      cur = b.parent();
    }
  }

  private static Time windowStart(ConsensusConfig c, Time blockTime) {
    return new Time(Math.max(0, blockTime.nanos() - c.maxIngressTtlNanos()));
  }

  /**
   * Builds the payload of a new block with parent {@code parent} and time {@code time}; empty
   * while this replica cannot see the whole de-duplication window (it resumed from a CUP less
   * than one ingress TTL ago), so it never proposes a message already on the chain.
   */
  public static IngressPayload build(RoleContext ctx, PoolReader pool, CryptoHash parent, Time time) {
    ConsensusConfig c = ctx.config();
    Window w = window(pool, parent, windowStart(c, time));
    if (!w.complete()) {
      return IngressPayload.EMPTY;
    }
    Set<IngressId> used = w.ids();
    List<IngressMessage> sel = ctx.ingress().select(time, c.maxIngressTtlNanos(), used::contains, c.maxIngressPerBlock(),
        c.maxIngressBytesPerBlock());
    return new IngressPayload(sel);
  }

  /** Why a payload is invalid, or empty if valid. */
  public static Optional<String> validate(ConsensusConfig c, PoolReader pool, Block block) {
    IngressPayload p = block.payload();
    if (p.messages().size() > c.maxIngressPerBlock()) {
      return Optional.of("too many ingress messages");
    }
    if (p.countedBytes() > c.maxIngressBytesPerBlock()) {
      return Optional.of("ingress payload too large");
    }
    Time t = block.context().time();
    Set<IngressId> seen = new HashSet<>();
    Set<IngressId> onChain = idsOnChain(pool, block.parent(), windowStart(c, t));
    for (IngressMessage m : p.messages()) {
      if (m.expiry().isBefore(t) || m.expiry().nanos() - t.nanos() > c.maxIngressTtlNanos()) {
        return Optional.of("ingress expiry out of range");
      }
      if (!seen.add(m.id())) {
        return Optional.of("duplicate ingress in block");
      }
      if (onChain.contains(m.id())) {
        return Optional.of("ingress already on chain");
      }
    }
    return Optional.empty();
  }
}
