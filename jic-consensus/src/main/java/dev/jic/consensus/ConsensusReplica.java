package dev.jic.consensus;

import dev.jic.consensus.artifact.Block;
import dev.jic.consensus.artifact.CatchUpPackage;
import dev.jic.consensus.artifact.CatchUpShare;
import dev.jic.consensus.artifact.CertificationShare;
import dev.jic.consensus.artifact.FinalizationShare;
import dev.jic.consensus.artifact.NotarizationShare;
import dev.jic.consensus.artifact.RandomBeaconShare;
import dev.jic.consensus.artifact.RandomTapeShare;
import dev.jic.consensus.crypto.ThresholdKey;
import dev.jic.consensus.pool.PoolStore;
import dev.jic.interfaces.consensus.StateCertificate;
import dev.jic.interfaces.consensus.StateCertification;
import dev.jic.interfaces.consensus.StateHash;
import dev.jic.consensus.artifact.BlockProposal;
import dev.jic.consensus.artifact.ConsensusCodec;
import dev.jic.consensus.artifact.ConsensusMessage;
import dev.jic.consensus.artifact.ConsensusMessageId;
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
import dev.jic.consensus.roles.CatchUpMaker;
import dev.jic.consensus.roles.Certifier;
import dev.jic.consensus.roles.EquivocationProver;
import dev.jic.consensus.roles.RandomTapeMaker;
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
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
      Optional<Time> wakeUp, List<StateCertificate> certified) {}

  private final RoleContext ctx;
  private final ConsensusPool pool;
  private final MessageRouting messageRouting;
  private final List<PoolMutationsProducer<PoolReader, PoolMutations>> roles;
  private final BlockMaker blockMaker;
  private final Notary notary;
  private final Purger purger;
  private final StateCertification state;
  private final NodeId anyMember;
  private Height lastPurge = Height.ZERO;
  /**
   * Artifacts that arrived more than the look-ahead above our notarized height: not wanted yet,
   * but maybe later (the IC bouncer's "maybe wants later": P2P keeps the advert and fetches it
   * when the window reaches it). Dropping them for good loses them, since each is sent once: a
   * laggard that then jumps ahead by a CUP would miss the beacon and notarization just above it
   * and stall (simulator seed 59). Bounded per sender; the highest heights are evicted first.
   */
  private final Map<NodeId, TreeMap<ConsensusMessageId, ConsensusMessage>> stash = new TreeMap<>();
  /** At most this many stashed artifacts per sender (a P2P slot table is bounded the same way). */
  static final int STASH_PER_PEER = 512;

  /** A replica from genesis with no certification (state manager {@link StateCertification#none()}) and no persistence. */
  public ConsensusReplica(ConsensusConfig config, List<NodeId> members, ConsensusCrypto crypto, IngressSelector ingress,
      MessageRouting messageRouting, Time genesisTime) {
    this(config, members, crypto, ingress, messageRouting, StateCertification.none(),
        genesisCatchUp(config.protocolVersion(), genesisTime), PoolStore.none(), genesisTime);
  }

  /**
   * A replica starting from {@code startFrom} (the genesis CUP, or a CUP fetched from peers whose
   * signature the caller verified with {@link #verifyCatchUp}) plus whatever {@code store} holds
   * from before a restart (if it holds a higher CUP, the replica resumes from that one). Message
   * routing and the state manager must already be at the matching height (state sync, or their
   * own persistence); batches are delivered from {@code messageRouting.expectedBatchHeight()}.
   */
  public ConsensusReplica(ConsensusConfig config, List<NodeId> members, ConsensusCrypto crypto, IngressSelector ingress,
      MessageRouting messageRouting, StateCertification state, CatchUpPackage startFrom, PoolStore store, Time now) {
    this(config, members, crypto, ingress, messageRouting, state, startFrom, store, now, Finalizer::new);
  }

  /**
   * As above, with the finalizer made by {@code finalizer}: only for tests that substitute a
   * deliberately broken finalizer to prove the simulator's invariant checker catches it.
   */
  public ConsensusReplica(ConsensusConfig config, List<NodeId> members, ConsensusCrypto crypto, IngressSelector ingress,
      MessageRouting messageRouting, StateCertification state, CatchUpPackage startFrom, PoolStore store, Time now,
      java.util.function.Function<RoleContext, PoolMutationsProducer<PoolReader, PoolMutations>> finalizer) {
    Membership membership = new Membership(members.stream().sorted().toList());
    this.ctx = new RoleContext(config, membership, crypto, ingress, state, messageRouting::expectedBatchHeight);
    this.anyMember = membership.nodes().getFirst();
    this.pool = ConsensusPool.resume(startFrom, cup -> baseArtifacts(cup, anyMember), store, now);
    this.messageRouting = messageRouting;
    this.state = state;
    this.blockMaker = new BlockMaker(ctx);
    this.notary = new Notary(ctx);
    this.purger = new Purger(ctx);
    this.roles = List.of(finalizer.apply(ctx), new RandomBeaconMaker(ctx), notary, new ShareAggregator(ctx), blockMaker, new Certifier(ctx),
        new CatchUpMaker(ctx), new RandomTapeMaker(ctx), new EquivocationProver(ctx), new Validator(ctx));
  }

  /** The genesis catch-up package: genesis block and beacon, the genesis state hash, no signature (never verified). */
  public static CatchUpPackage genesisCatchUp(int version, Time time) {
    Block g = new Block(version, CryptoHash.ZERO, Height.ZERO, 0, new ValidationContext(0, Height.ZERO, time), IngressPayload.EMPTY);
    return new CatchUpPackage(HashedBlock.of(g), RandomBeacon.genesis(version), CryptoHash.of(StateHash.GENESIS.toBytes()),
        Signature.of(new byte[0]));
  }

  /**
   * The artifacts a pool based on {@code cup} starts with: its block (as a proposal, with an
   * empty signature), a notarization and a finalization of it (empty signatures: the CUP vouches
   * for them), and its beacon. Never sent to peers.
   */
  public static List<ConsensusMessage> baseArtifacts(CatchUpPackage cup, NodeId anyMember) {
    HashedBlock hb = cup.block();
    int version = hb.block().version();
    Signature empty = Signature.of(new byte[0]);
    return List.of(
        new BlockProposal(hb, anyMember, empty),
        new Notarization(new NotarizationContent(version, hb.height(), hb.hash()), List.of(), empty),
        new Finalization(new FinalizationContent(version, hb.height(), hb.hash()), List.of(), empty),
        cup.beacon());
  }

  /** The genesis artifacts every replica of a subnet starts from (identical on all of them), the genesis CUP last. */
  public static List<ConsensusMessage> genesis(int version, Time time, NodeId anyMember) {
    CatchUpPackage cup = genesisCatchUp(version, time);
    List<ConsensusMessage> out = new ArrayList<>(baseArtifacts(cup, anyMember));
    out.add(cup);
    return List.copyOf(out);
  }

  /** Whether {@code cup} carries a valid subnet (high threshold) signature under {@code crypto}'s keys. */
  public static boolean verifyCatchUp(ConsensusCrypto crypto, CatchUpPackage cup) {
    return crypto.verifyThreshold(ThresholdKey.HIGH, cup.content(), cup.signature());
  }

  /**
   * What P2P re-advertises to a peer that (re)connects: the latest CUP and every validated
   * artifact in the pool, except the ones a CUP stands in for (its block, notarization and
   * finalization with empty signatures, never sent) and genesis.
   */
  public List<ConsensusMessage> advertised() {
    CatchUpPackage cup = pool.catchUpPackage();
    List<ConsensusMessage> out = new ArrayList<>();
    if (cup.height().value() > 0) {
      out.add(cup);
    }
    for (ConsensusMessage m : pool.validatedFrom(pool.purgedBelow())) {
      boolean vouched = switch (m) {
        case BlockProposal p -> p.signature().length() == 0;
        case Notarization n -> n.signature().length() == 0;
        case Finalization f -> f.signature().length() == 0;
        case CatchUpPackage c -> true; // already first
        default -> false;
      };
      if (m.height().value() > 0 && !vouched) {
        out.add(m);
      }
    }
    return out;
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

  /**
   * Adds a peer's artifact to the unvalidated section; false if already known. A consensus
   * artifact beyond the look-ahead window is stashed (bounded per sender) instead, and enters
   * the unvalidated section once the window reaches its height.
   */
  public boolean receive(ConsensusMessage m, NodeId from, Time now) {
    if (beyondWindow(m)) {
      ConsensusMessageId id = ConsensusCodec.id(m);
      if (pool.contains(id)) {
        return false;
      }
      TreeMap<ConsensusMessageId, ConsensusMessage> mine = stash.computeIfAbsent(from, k -> new TreeMap<>());
      if (mine.putIfAbsent(id, m) != null) {
        return false;
      }
      if (mine.size() > STASH_PER_PEER) {
        mine.pollLastEntry();
      }
      return true;
    }
    return pool.addUnvalidated(m, now, from);
  }

  /** Whether the validator would drop {@code m} as beyond the look-ahead window (every kind but a CUP, which is wanted at any height). */
  private boolean beyondWindow(ConsensusMessage m) {
    return !(m instanceof CatchUpPackage) && m.height().value() > pool.notarizedHeight().value() + ctx.config().lookAhead();
  }

  /**
   * Moves stashed artifacts the window now reaches into the unvalidated section, where the
   * validator and purger judge them as if they had just arrived (old ones are dropped there).
   */
  private void unstash(Time now) {
    long window = pool.notarizedHeight().value() + ctx.config().lookAhead();
    for (var e : stash.entrySet()) {
      var it = e.getValue().values().iterator();
      while (it.hasNext()) {
        ConsensusMessage m = it.next();
        long h = m.height().value();
        if (h > window) {
          break; // ids are ordered by height first
        }
        it.remove();
        pool.addUnvalidated(m, now, e.getKey());
      }
    }
  }

  /** Runs every role until none has changes (bounded), delivers batches, and schedules the next wake-up. */
  public Step onStateChange(Time now) {
    List<ConsensusMessage> broadcast = new ArrayList<>();
    List<PoolMutation.HandleInvalid> invalid = new ArrayList<>();
    List<Batch> delivered = new ArrayList<>();
    List<StateCertificate> certified = new ArrayList<>();
    for (int iter = 0; iter < 64; iter++) {
      boolean changed = false;
      unstash(now);
      for (PoolMutationsProducer<PoolReader, PoolMutations> role : roles) {
        PoolMutations ms = role.onStateChange(pool, now);
        if (ms.isEmpty()) {
          continue;
        }
        ConsensusPool.Applied a = pool.apply(ms, now);
        broadcast.addAll(a.added());
        for (ConsensusMessage m : a.moved()) {
          if (!isShare(m)) {
            broadcast.add(m); // relay full artifacts; shares are only sent by their signer
          }
        }
        invalid.addAll(a.invalid());
        changed |= !(a.added().isEmpty() && a.moved().isEmpty() && a.invalid().isEmpty()) || hasRemovals(ms);
      }
      if (pool.adoptCatchUp(baseArtifacts(pool.catchUpPackage(), anyMember), now)) {
        changed = true;
      }
      CatchUpPackage cup = pool.catchUpPackage();
      if (!messageRouting.expectedBatchHeight().isAfter(cup.height())) {
        state.fetchState(cup.height(), StateHash.of(cup.stateHash().toBytes())); // batches up to the CUP are gone: sync state
      }
      List<StateCertificate> certs = CertificationDelivery.deliver(pool, state);
      certified.addAll(certs);
      List<Batch> batches = messageRouting.expectedBatchHeight().isAfter(cup.height()) ? BatchDelivery.deliver(pool, messageRouting)
          : List.of();
      delivered.addAll(batches);
      changed |= !certs.isEmpty() || !batches.isEmpty(); // new states to certify, new certified height
      PoolMutations purge = purger.onStateChange(pool, messageRouting.expectedBatchHeight(), lastPurge);
      if (!purge.isEmpty()) {
        pool.apply(purge, now);
        lastPurge = pool.finalizedHeight();
      }
      if (!changed) {
        break;
      }
    }
    pool.store().sync(); // what we signed is durable before anyone sees it
    return new Step(broadcast, delivered, invalid, nextWakeUp(now), certified);
  }

  private static boolean isShare(ConsensusMessage m) {
    return switch (m) {
      case NotarizationShare s -> true;
      case FinalizationShare s -> true;
      case RandomBeaconShare s -> true;
      case CertificationShare s -> true;
      case CatchUpShare s -> true;
      case RandomTapeShare s -> true;
      default -> false;
    };
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
