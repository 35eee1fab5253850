package dev.jic.consensus;

import dev.jic.consensus.artifact.Block;
import dev.jic.consensus.artifact.BlockProposal;
import dev.jic.consensus.artifact.ConsensusMessage;
import dev.jic.consensus.artifact.CryptoHash;
import dev.jic.consensus.artifact.Finalization;
import dev.jic.consensus.artifact.FinalizationContent;
import dev.jic.consensus.artifact.HashedBlock;
import dev.jic.consensus.artifact.IngressPayload;
import dev.jic.consensus.artifact.Notarization;
import dev.jic.consensus.artifact.NotarizationContent;
import dev.jic.consensus.artifact.RandomBeacon;
import dev.jic.consensus.artifact.Signature;
import dev.jic.consensus.artifact.ValidationContext;
import dev.jic.consensus.crypto.ConsensusCrypto;
import dev.jic.consensus.pool.ConsensusPool;
import dev.jic.consensus.pool.PoolMutation;
import dev.jic.consensus.pool.PoolMutations;
import dev.jic.consensus.roles.BlockMaker;
import dev.jic.consensus.roles.Finalizer;
import dev.jic.consensus.roles.Notary;
import dev.jic.consensus.roles.Purger;
import dev.jic.consensus.roles.RandomBeaconMaker;
import dev.jic.consensus.roles.RoleContext;
import dev.jic.consensus.roles.ShareAggregator;
import dev.jic.consensus.roles.Validator;
import dev.jic.interfaces.consensus.Batch;
import dev.jic.interfaces.consensus.IngressSelector;
import dev.jic.interfaces.consensus.MessageRouting;
import dev.jic.interfaces.consensus.PoolMutationsProducer;
import dev.jic.interfaces.consensus.Time;
import dev.jic.consensus.pool.PoolReader;
import dev.jic.types.id.NodeId;
import dev.jic.types.unit.Height;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One replica's consensus: the pool, the roles, and the single writer that applies their
 * changes. Driven from outside on one thread: {@link #receive} puts a peer's artifact in the
 * unvalidated section; {@link #onStateChange} runs the roles to a fixed point, applies their
 * changes, delivers finalized batches and reports what to broadcast and when to wake up next.
 * No threads, no clock, no randomness inside (STYLE.md rules 6, 7).
 *
 * <p>Safety (ICC): across honest replicas at most one block per height is finalized, and
 * finalized chains are prefixes of one another, with up to f Byzantine replicas of 3f+1 and any
 * network behaviour. Liveness: with a synchronous enough network, every round ends with a
 * notarized block and honest rank-0 rounds are finalized. Delivery: batches reach
 * {@link MessageRouting} in height order, exactly once, only for finalized blocks.
 */
public final class ConsensusReplica {

  /** What one {@link #onStateChange} produced. */
  public record Step(List<ConsensusMessage> broadcast, List<Batch> delivered, List<PoolMutation.HandleInvalid> invalid,
      Optional<Time> wakeUp) {}

  private final RoleContext ctx;
  private final ConsensusPool pool;
  private final MessageRouting messageRouting;
  private final List<PoolMutationsProducer<PoolReader, PoolMutations>> roles;
  private final BlockMaker blockMaker;
  private final Notary notary;
  private final Purger purger;
  private Height lastPurge = Height.ZERO;

  public ConsensusReplica(ConsensusConfig config, List<NodeId> members, ConsensusCrypto crypto, IngressSelector ingress,
      MessageRouting messageRouting, Time genesisTime) {
    this.ctx = new RoleContext(config, new Membership(members.stream().sorted().toList()), crypto, ingress);
    this.pool = new ConsensusPool(genesis(config.protocolVersion(), genesisTime, ctx.membership().nodes().getFirst()), genesisTime);
    this.messageRouting = messageRouting;
    this.blockMaker = new BlockMaker(ctx);
    this.notary = new Notary(ctx);
    this.purger = new Purger(ctx);
    this.roles = List.of(new Finalizer(ctx), new RandomBeaconMaker(ctx), notary, new ShareAggregator(ctx), blockMaker, new Validator(ctx));
  }

  /** The genesis artifacts every replica of a subnet starts from (identical on all of them). */
  public static List<ConsensusMessage> genesis(int version, Time time, NodeId anyMember) {
    Block g = new Block(version, CryptoHash.ZERO, Height.ZERO, 0, new ValidationContext(0, Height.ZERO, time), IngressPayload.EMPTY);
    HashedBlock hb = HashedBlock.of(g);
    Signature empty = Signature.of(new byte[0]);
    return List.of(
        new BlockProposal(hb, anyMember, empty),
        new Notarization(new NotarizationContent(version, Height.ZERO, hb.hash()), List.of(), empty),
        new Finalization(new FinalizationContent(version, Height.ZERO, hb.hash()), List.of(), empty),
        RandomBeacon.genesis(version));
  }

  public NodeId self() {
    return ctx.self();
  }

  public RoleContext context() {
    return ctx;
  }

  /** Read-only view of the pool (for tests, metrics and the simulator's invariants). */
  public PoolReader pool() {
    return pool;
  }

  /** Adds a peer's artifact to the unvalidated section; false if already known. */
  public boolean receive(ConsensusMessage m, NodeId from, Time now) {
    return pool.addUnvalidated(m, now, from);
  }

  /** Runs every role until none has changes (bounded), delivers batches, and schedules the next wake-up. */
  public Step onStateChange(Time now) {
    List<ConsensusMessage> broadcast = new ArrayList<>();
    List<PoolMutation.HandleInvalid> invalid = new ArrayList<>();
    List<Batch> delivered = new ArrayList<>();
    for (int iter = 0; iter < 64; iter++) {
      boolean changed = false;
      for (PoolMutationsProducer<PoolReader, PoolMutations> role : roles) {
        PoolMutations ms = role.onStateChange(pool, now);
        if (ms.isEmpty()) {
          continue;
        }
        ConsensusPool.Applied a = pool.apply(ms, now);
        broadcast.addAll(a.added());
        for (ConsensusMessage m : a.moved()) {
          if (!(m instanceof dev.jic.consensus.artifact.NotarizationShare || m instanceof dev.jic.consensus.artifact.FinalizationShare
              || m instanceof dev.jic.consensus.artifact.RandomBeaconShare)) {
            broadcast.add(m); // relay full artifacts; shares are only sent by their signer
          }
        }
        invalid.addAll(a.invalid());
        changed |= !(a.added().isEmpty() && a.moved().isEmpty() && a.invalid().isEmpty()) || hasRemovals(ms);
      }
      delivered.addAll(BatchDelivery.deliver(pool, messageRouting));
      PoolMutations purge = purger.onStateChange(pool, messageRouting.expectedBatchHeight(), lastPurge);
      if (!purge.isEmpty()) {
        pool.apply(purge, now);
        lastPurge = pool.finalizedHeight();
      }
      if (!changed) {
        break;
      }
    }
    return new Step(broadcast, delivered, invalid, nextWakeUp(now));
  }

  private static boolean hasRemovals(PoolMutations ms) {
    return false;
  }

  private Optional<Time> nextWakeUp(Time now) {
    Optional<Time> best = Optional.empty();
    for (Optional<Time> t : List.of(blockMaker.nextDeadline(pool), notary.nextDeadline(pool), validatorDeadline())) {
      if (t.isPresent() && t.get().isAfter(now) && (best.isEmpty() || t.get().isBefore(best.get()))) {
        best = t;
      }
    }
    return best;
  }

  /** Earliest time an unvalidated proposal's rank delay or block time passes. */
  private Optional<Time> validatorDeadline() {
    Optional<Time> best = Optional.empty();
    for (var u : pool.unvalidated()) {
      if (u.message() instanceof BlockProposal p) {
        Optional<Time> start = dev.jic.consensus.roles.Chain.roundStart(pool, p.height());
        Time t = p.block().block().context().time();
        if (start.isPresent()) {
          t = Time.max(t, dev.jic.consensus.roles.Chain.after(start.get(), dev.jic.consensus.roles.Chain.blockMakerDelay(ctx.config(), p.rank())));
        }
        if (best.isEmpty() || t.isBefore(best.get())) {
          best = Optional.of(t);
        }
      }
    }
    return best;
  }
}
