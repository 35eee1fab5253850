package dev.jic.consensus.roles;

import dev.jic.consensus.artifact.Block;
import dev.jic.consensus.artifact.BlockMetadata;
import dev.jic.consensus.artifact.BlockProposal;
import dev.jic.consensus.artifact.CryptoHash;
import dev.jic.consensus.artifact.HashedBlock;
import dev.jic.consensus.artifact.IngressPayload;
import dev.jic.consensus.artifact.ValidationContext;
import dev.jic.consensus.pool.PoolMutation;
import dev.jic.consensus.pool.PoolMutations;
import dev.jic.consensus.pool.PoolReader;
import dev.jic.interfaces.consensus.PoolMutationsProducer;
import dev.jic.interfaces.consensus.Time;
import dev.jic.types.unit.Height;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Block maker (PROTOCOL-DIGEST §1.5). At height h = notarized + 1, a node with rank r (from the
 * shuffle seeded by beacon(h−1)) proposes once, extending the lowest-rank notarized block at
 * h−1, when {@code r × unit delay} has passed since the round started and no lower-rank
 * proposal is validated at h. The block's context carries the certified height of this node's
 * state manager (never below the parent's); at summary heights the payload is empty.
 */
public final class BlockMaker implements PoolMutationsProducer<PoolReader, PoolMutations> {
  private final RoleContext ctx;

  public BlockMaker(RoleContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public PoolMutations onStateChange(PoolReader pool, Time now) {
    return propose(pool, now).map(p -> PoolMutations.of(new PoolMutation.AddToValidated(p))).orElse(PoolMutations.EMPTY);
  }

  /** The proposal this node would make now, if any (also used by Byzantine simulations). */
  public Optional<BlockProposal> propose(PoolReader pool, Time now) {
    Height h = pool.notarizedHeight().increment();
    Optional<CryptoHash> prevBeacon = Chain.previousBeaconHash(pool, h);
    Optional<Time> start = Chain.roundStart(pool, h);
    if (prevBeacon.isEmpty() || start.isEmpty()) {
      return Optional.empty();
    }
    OptionalLong rank = ctx.membership().rank(ctx.self(), prevBeacon.get());
    if (rank.isEmpty()) {
      return Optional.empty();
    }
    long r = rank.getAsLong();
    for (BlockProposal p : pool.proposals(h)) {
      if (p.signer().equals(ctx.self())) {
        return Optional.empty();
      }
    }
    for (BlockProposal p : Notary.candidates(pool, h)) {
      if (p.rank() < r) {
        return Optional.empty(); // a lower rank by a maker that has not equivocated
      }
    }
    if (now.isBefore(Chain.after(start.get(), Chain.blockMakerDelay(ctx.config(), r)))) {
      return Optional.empty();
    }
    List<BlockProposal> parents = Chain.notarizedBlocks(pool, h.decrement());
    if (parents.isEmpty()) {
      return Optional.empty();
    }
    Block parent = parents.getFirst().block().block();
    ValidationContext pc = parent.context();
    Time time = Time.max(now, pc.time());
    Height certified = ctx.state().latestCertifiedHeight();
    if (certified.isBefore(pc.certifiedHeight())) {
      certified = pc.certifiedHeight();
    }
    ValidationContext context = new ValidationContext(pc.registryVersion(), certified, time);
    CryptoHash parentHash = parents.getFirst().blockHash();
    // A summary block carries no ingress (its payload would hold the DKG summary; jic has no NI-DKG yet).
    IngressPayload payload = ctx.config().isSummaryHeight(h) ? IngressPayload.EMPTY : IngressPayloads.build(ctx, pool, parentHash, time);
    Block block = new Block(ctx.config().protocolVersion(), parentHash, h, r, context, payload);
    return Optional.of(sign(block));
  }

  /** Signs a block as this node. */
  public BlockProposal sign(Block block) {
    HashedBlock hb = HashedBlock.of(block);
    BlockMetadata md = new BlockMetadata(block.version(), block.height(), block.rank(), hb.hash());
    return new BlockProposal(hb, ctx.self(), ctx.crypto().signBlockMetadata(md));
  }

  /** When this node would next be allowed to propose (for the replica's wake-up timer). */
  public Optional<Time> nextDeadline(PoolReader pool) {
    Height h = pool.notarizedHeight().increment();
    Optional<CryptoHash> prevBeacon = Chain.previousBeaconHash(pool, h);
    Optional<Time> start = Chain.roundStart(pool, h);
    if (prevBeacon.isEmpty() || start.isEmpty()) {
      return Optional.empty();
    }
    OptionalLong rank = ctx.membership().rank(ctx.self(), prevBeacon.get());
    return rank.isEmpty() ? Optional.empty() : Optional.of(Chain.after(start.get(), Chain.blockMakerDelay(ctx.config(), rank.getAsLong())));
  }
}
