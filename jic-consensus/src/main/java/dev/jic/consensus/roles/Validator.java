package dev.jic.consensus.roles;

import dev.jic.consensus.artifact.Block;
import dev.jic.consensus.artifact.BlockProposal;
import dev.jic.consensus.artifact.ConsensusMessage;
import dev.jic.consensus.artifact.CryptoHash;
import dev.jic.consensus.artifact.Finalization;
import dev.jic.consensus.artifact.FinalizationShare;
import dev.jic.consensus.artifact.Notarization;
import dev.jic.consensus.artifact.NotarizationShare;
import dev.jic.consensus.artifact.RandomBeacon;
import dev.jic.consensus.artifact.RandomBeaconShare;
import dev.jic.consensus.artifact.SignedContent;
import dev.jic.consensus.pool.PoolMutation;
import dev.jic.consensus.pool.PoolMutations;
import dev.jic.consensus.pool.PoolReader;
import dev.jic.interfaces.consensus.PoolMutationsProducer;
import dev.jic.interfaces.consensus.Time;
import dev.jic.types.id.NodeId;
import dev.jic.types.unit.Height;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Validator (PROTOCOL-DIGEST §1.9): decides, for every unvalidated artifact, accept / drop /
 * retry / reject. Nothing from a peer counts before it is accepted here. Checks: protocol
 * version; height window (stale → drop, too far ahead → drop, not yet → retry); signer
 * membership and committee; signatures and aggregates (distinct signers, threshold); blocks'
 * hash integrity (by construction of the codec), parent notarized, rank equals the signer's
 * rank, context not decreasing and not in our future, rank delay passed, payload valid.
 */
public final class Validator implements PoolMutationsProducer<PoolReader, PoolMutations> {
  private final RoleContext ctx;

  public Validator(RoleContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public PoolMutations onStateChange(PoolReader pool, Time now) {
    PoolMutations.Builder out = new PoolMutations.Builder();
    Set<CryptoHash> notarizedNow = new HashSet<>();
    Set<Height> finalizedNow = new HashSet<>();
    Set<Height> beaconNow = new HashSet<>();
    Set<CryptoHash> vouched = new HashSet<>();
    for (PoolReader.Unvalidated u : pool.unvalidated()) {
      if (u.message() instanceof Notarization n) {
        vouched.add(n.content().blockHash());
      }
    }
    for (PoolReader.Unvalidated u : pool.unvalidated()) {
      Verdict v = validate(pool, u.message(), now, vouched);
      if (v == Verdict.ACCEPT) {
        // Accept at most one aggregate per block/height per pass: the rest become duplicates.
        boolean dup = switch (u.message()) {
          case Notarization n -> !notarizedNow.add(n.content().blockHash());
          case Finalization f -> !finalizedNow.add(f.height());
          case RandomBeacon b -> !beaconNow.add(b.height());
          default -> false;
        };
        out.add(dup ? new PoolMutation.RemoveFromUnvalidated(u.id()) : new PoolMutation.MoveToValidated(u.id()));
      } else if (v == Verdict.DROP) {
        out.add(new PoolMutation.RemoveFromUnvalidated(u.id()));
      } else if (v instanceof Verdict.Reject r) {
        out.add(new PoolMutation.HandleInvalid(u.id(), r.reason()));
      }
    }
    return out.build();
  }

  /**
   * The verdict on one artifact given the pool now. Pure. {@code vouched} holds block hashes
   * for which a notarization waits in the unvalidated section: such proposals skip the rank
   * delay (IC validator rule 1), so a node never waits on a block the subnet already notarized.
   */
  public Verdict validate(PoolReader pool, ConsensusMessage m, Time now, Set<CryptoHash> vouched) {
    if (m.version() != ctx.config().protocolVersion()) {
      return Verdict.reject("protocol version " + m.version());
    }
    if (m.height().value() == 0) {
      return Verdict.DROP;
    }
    if (m.height().value() > pool.notarizedHeight().value() + ctx.config().lookAhead()) {
      return Verdict.DROP;
    }
    return switch (m) {
      case BlockProposal p -> proposal(pool, p, now, vouched.contains(p.blockHash()));
      case NotarizationShare s -> notarizationShare(pool, s);
      case Notarization n -> notarization(pool, n);
      case FinalizationShare s -> finalizationShare(pool, s);
      case Finalization f -> finalization(pool, f);
      case RandomBeaconShare s -> beaconShare(pool, s);
      case RandomBeacon b -> beacon(pool, b);
    };
  }

  private Verdict proposal(PoolReader pool, BlockProposal p, Time now, boolean vouched) {
    Height h = p.height();
    if (!h.isAfter(pool.finalizedHeight())) {
      return Verdict.DROP;
    }
    if (h.isAfter(pool.notarizedHeight().increment())) {
      return Verdict.RETRY;
    }
    Optional<CryptoHash> prevBeacon = Chain.previousBeaconHash(pool, h);
    if (prevBeacon.isEmpty()) {
      return Verdict.RETRY;
    }
    if (!ctx.membership().isMember(p.signer())) {
      return Verdict.reject("proposal signer is not a member");
    }
    OptionalLong rank = ctx.membership().rank(p.signer(), prevBeacon.get());
    if (rank.isEmpty() || rank.getAsLong() != p.rank()) {
      return Verdict.reject("mismatched rank");
    }
    if (!ctx.crypto().verifyBlockMetadata(p.signer(), p.metadata(), p.signature())) {
      return Verdict.reject("invalid block maker signature");
    }
    Block b = p.block().block();
    Optional<BlockProposal> parent = pool.block(b.parent());
    if (parent.isEmpty() || !pool.isNotarized(b.parent())) {
      return Verdict.RETRY;
    }
    Block pb = parent.get().block().block();
    if (!pb.height().increment().equals(h)) {
      return Verdict.reject("parent at wrong height");
    }
    if (!b.context().greaterOrEqual(pb.context())) {
      return Verdict.reject("decreasing validation context");
    }
    if (b.context().time().isAfter(now)) {
      return Verdict.RETRY;
    }
    Optional<Time> start = Chain.roundStart(pool, h);
    if (!vouched && start.isEmpty() || !vouched && now.isBefore(Chain.after(start.get(), Chain.blockMakerDelay(ctx.config(), p.rank())))) {
      return Verdict.RETRY;
    }
    Optional<String> bad = IngressPayloads.validate(ctx.config(), pool, b);
    return bad.<Verdict>map(Verdict::reject).orElse(Verdict.ACCEPT);
  }

  private Verdict notaryChecks(PoolReader pool, Height h, NodeId signer) {
    Optional<CryptoHash> prevBeacon = Chain.previousBeaconHash(pool, h);
    if (prevBeacon.isEmpty()) {
      return Verdict.RETRY;
    }
    if (!ctx.membership().isNotary(signer, prevBeacon.get())) {
      return Verdict.reject("signer is not a notary at height " + h);
    }
    return Verdict.ACCEPT;
  }

  private Verdict notarizationShare(PoolReader pool, NotarizationShare s) {
    Height h = s.height();
    if (!h.isAfter(pool.notarizedHeight()) || pool.isNotarized(s.content().blockHash())) {
      return Verdict.DROP;
    }
    if (h.isAfter(pool.notarizedHeight().increment())) {
      return Verdict.RETRY;
    }
    return share(pool, h, s.signer(), s.content(), s.signature(), s.content().blockHash(), false);
  }

  private Verdict finalizationShare(PoolReader pool, FinalizationShare s) {
    Height h = s.height();
    if (!h.isAfter(pool.finalizedHeight())) {
      return Verdict.DROP;
    }
    return share(pool, h, s.signer(), s.content(), s.signature(), s.content().blockHash(), true);
  }

  private Verdict share(PoolReader pool, Height h, NodeId signer, SignedContent c, dev.jic.consensus.artifact.Signature sig,
      CryptoHash block, boolean needNotarized) {
    Verdict v = notaryChecks(pool, h, signer);
    if (v != Verdict.ACCEPT) {
      return v;
    }
    Optional<BlockProposal> b = pool.block(block);
    if (b.isEmpty() || (needNotarized && !pool.isNotarized(block))) {
      return Verdict.RETRY;
    }
    if (!b.get().height().equals(h)) {
      return Verdict.reject("share height differs from block height");
    }
    return ctx.crypto().verifyMultiShare(signer, c, sig) ? Verdict.ACCEPT : Verdict.reject("invalid share signature");
  }

  private Verdict aggregate(PoolReader pool, Height h, List<NodeId> signers, SignedContent c, dev.jic.consensus.artifact.Signature sig,
      CryptoHash block) {
    Optional<CryptoHash> prevBeacon = Chain.previousBeaconHash(pool, h);
    if (prevBeacon.isEmpty()) {
      return Verdict.RETRY;
    }
    if (signers.size() < ctx.membership().notarizationThreshold()) {
      return Verdict.reject("too few signers");
    }
    List<NodeId> committee = ctx.membership().notaries(prevBeacon.get());
    for (NodeId n : signers) {
      if (java.util.Collections.binarySearch(committee, n) < 0) {
        return Verdict.reject("signer outside the committee");
      }
    }
    Optional<BlockProposal> b = pool.block(block);
    if (b.isEmpty()) {
      return Verdict.RETRY;
    }
    if (!b.get().height().equals(h)) {
      return Verdict.reject("aggregate height differs from block height");
    }
    return ctx.crypto().verifyMultiAggregate(signers, c, sig) ? Verdict.ACCEPT : Verdict.reject("invalid aggregate signature");
  }

  private Verdict notarization(PoolReader pool, Notarization n) {
    if (!n.height().isAfter(pool.finalizedHeight()) || pool.isNotarized(n.content().blockHash())) {
      return Verdict.DROP;
    }
    return aggregate(pool, n.height(), n.signers(), n.content(), n.signature(), n.content().blockHash());
  }

  private Verdict finalization(PoolReader pool, Finalization f) {
    if (!f.height().isAfter(pool.finalizedHeight()) || !pool.finalizations(f.height()).isEmpty()) {
      return Verdict.DROP;
    }
    if (!pool.isNotarized(f.content().blockHash())) {
      return Verdict.RETRY;
    }
    return aggregate(pool, f.height(), f.signers(), f.content(), f.signature(), f.content().blockHash());
  }

  private Verdict beaconShare(PoolReader pool, RandomBeaconShare s) {
    Height h = s.height();
    if (!h.isAfter(pool.beaconHeight())) {
      return Verdict.DROP;
    }
    Optional<RandomBeacon> prev = pool.beacon(h.decrement());
    if (prev.isEmpty()) {
      return Verdict.RETRY;
    }
    if (!ctx.membership().isMember(s.signer())) {
      return Verdict.reject("beacon share signer is not a member");
    }
    if (!s.content().parent().equals(Chain.beaconHash(prev.get()))) {
      return Verdict.reject("beacon share with wrong parent");
    }
    return ctx.crypto().verifyBeaconShare(s.signer(), s.content(), s.signature()) ? Verdict.ACCEPT
        : Verdict.reject("invalid beacon share signature");
  }

  private Verdict beacon(PoolReader pool, RandomBeacon b) {
    Height h = b.height();
    if (!h.isAfter(pool.beaconHeight())) {
      return Verdict.DROP;
    }
    Optional<RandomBeacon> prev = pool.beacon(h.decrement());
    if (prev.isEmpty()) {
      return Verdict.RETRY;
    }
    if (!b.content().parent().equals(Chain.beaconHash(prev.get()))) {
      return Verdict.reject("beacon with wrong parent");
    }
    return ctx.crypto().verifyBeacon(b.content(), b.signature()) ? Verdict.ACCEPT : Verdict.reject("invalid beacon signature");
  }
}
