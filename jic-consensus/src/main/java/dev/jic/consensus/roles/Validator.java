package dev.jic.consensus.roles;

import dev.jic.consensus.artifact.Block;
import dev.jic.consensus.artifact.BlockProposal;
import dev.jic.consensus.artifact.ConsensusMessage;
import dev.jic.consensus.artifact.CatchUpPackage;
import dev.jic.consensus.artifact.CatchUpShare;
import dev.jic.consensus.artifact.Certification;
import dev.jic.consensus.artifact.CertificationShare;
import dev.jic.consensus.artifact.CryptoHash;
import dev.jic.consensus.artifact.EquivocationProof;
import dev.jic.consensus.artifact.RandomTape;
import dev.jic.consensus.artifact.RandomTapeShare;
import dev.jic.consensus.crypto.ThresholdKey;
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
 * rank, context not decreasing and not in our future (time, certified height), rank delay passed,
 * payload valid (empty at summary heights). Certification and CUP shares and aggregates are
 * checked against the high threshold key, tapes against the low one; an equivocation proof
 * needs two valid block-maker signatures by a member. Anything at or below the CUP height is
 * dropped, except a higher CUP.
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
    Set<Height> certifiedNow = new HashSet<>();
    Set<Height> tapeNow = new HashSet<>();
    Set<Height> cupNow = new HashSet<>();
    Set<CryptoHash> vouched = new HashSet<>();
    // Consensus artifacts above beacon height + 1 lack the beacon that decides their committee:
    // they can only be retried, so they are not even looked at (this keeps a flood cheap).
    Height reach = pool.beaconHeight().increment();
    List<PoolReader.Unvalidated> candidates = new java.util.ArrayList<>(pool.unvalidatedAtOrBelow(reach));
    long window = pool.notarizedHeight().value() + ctx.config().lookAhead();
    for (PoolReader.Unvalidated u : pool.unvalidatedAbove(reach)) {
      if (!needsBeacon(u.message())) {
        candidates.add(u);
      } else if (u.message().height().value() > window) {
        out.add(new PoolMutation.RemoveFromUnvalidated(u.id())); // beyond the look-ahead window: not wanted
      }
    }
    for (PoolReader.Unvalidated u : candidates) {
      if (u.message() instanceof Notarization n) {
        vouched.add(n.content().blockHash());
      }
    }
    for (PoolReader.Unvalidated u : candidates) {
      Verdict v = validate(pool, u.message(), now, vouched);
      if (v == Verdict.ACCEPT) {
        // Accept at most one aggregate per block/height per pass: the rest become duplicates.
        boolean dup = switch (u.message()) {
          case Notarization n -> !notarizedNow.add(n.content().blockHash());
          case Finalization f -> !finalizedNow.add(f.height());
          case RandomBeacon b -> !beaconNow.add(b.height());
          case Certification c -> !certifiedNow.add(c.height());
          case RandomTape t -> !tapeNow.add(t.height());
          case CatchUpPackage c -> !cupNow.add(c.height());
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

  private static boolean needsBeacon(ConsensusMessage m) {
    return switch (m) {
      case BlockProposal p -> true;
      case Notarization n -> true;
      case NotarizationShare s -> true;
      case Finalization f -> true;
      case FinalizationShare s -> true;
      case RandomBeacon b -> true;
      case RandomBeaconShare s -> true;
      default -> false;
    };
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
    if (m instanceof CatchUpPackage c) {
      return catchUpPackage(pool, c); // CUPs are wanted at any height: they let a laggard jump ahead
    }
    if (!m.height().isAfter(pool.catchUpPackage().height())) {
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
      case CertificationShare s -> certificationShare(pool, s);
      case Certification c -> certification(pool, c);
      case CatchUpShare s -> catchUpShare(pool, s);
      case CatchUpPackage c -> catchUpPackage(pool, c);
      case RandomTapeShare s -> tapeShare(pool, s);
      case RandomTape t -> tape(pool, t);
      case EquivocationProof e -> equivocationProof(pool, e);
    };
  }

  private Verdict certificationShare(PoolReader pool, CertificationShare s) {
    if (!s.height().isAfter(ctx.state().latestCertifiedHeight()) || pool.certification(s.height()).isPresent()) {
      return Verdict.DROP;
    }
    if (!ctx.membership().isMember(s.signer())) {
      return Verdict.reject("certification share signer is not a member");
    }
    return ctx.crypto().verifyThresholdShare(ThresholdKey.HIGH, s.signer(), s.content(), s.signature()) ? Verdict.ACCEPT
        : Verdict.reject("invalid certification share signature");
  }

  private Verdict certification(PoolReader pool, Certification c) {
    if (!c.height().isAfter(ctx.state().latestCertifiedHeight()) || pool.certification(c.height()).isPresent()) {
      return Verdict.DROP;
    }
    return ctx.crypto().verifyThreshold(ThresholdKey.HIGH, c.content(), c.signature()) ? Verdict.ACCEPT
        : Verdict.reject("invalid certification signature");
  }

  private Verdict catchUpShare(PoolReader pool, CatchUpShare s) {
    if (!ctx.config().isSummaryHeight(s.height())) {
      return Verdict.reject("CUP share at a non-summary height");
    }
    if (!ctx.membership().isMember(s.signer())) {
      return Verdict.reject("CUP share signer is not a member");
    }
    return ctx.crypto().verifyThresholdShare(ThresholdKey.HIGH, s.signer(), s.content(), s.signature()) ? Verdict.ACCEPT
        : Verdict.reject("invalid CUP share signature");
  }

  private Verdict catchUpPackage(PoolReader pool, CatchUpPackage c) {
    if (!c.height().isAfter(pool.catchUpPackage().height())) {
      return Verdict.DROP;
    }
    if (!ctx.config().isSummaryHeight(c.height())) {
      return Verdict.reject("CUP at a non-summary height");
    }
    return ctx.crypto().verifyThreshold(ThresholdKey.HIGH, c.content(), c.signature()) ? Verdict.ACCEPT
        : Verdict.reject("invalid CUP signature");
  }

  private Verdict tapeShare(PoolReader pool, RandomTapeShare s) {
    if (pool.tape(s.height()).isPresent() || s.height().isBefore(ctx.expectedBatchHeight().get())) {
      return Verdict.DROP;
    }
    if (s.height().value() > pool.finalizedHeight().value() + 1 + RandomTapeMaker.RANGE) {
      return Verdict.RETRY;
    }
    if (!ctx.membership().isMember(s.signer())) {
      return Verdict.reject("tape share signer is not a member");
    }
    return ctx.crypto().verifyThresholdShare(ThresholdKey.LOW, s.signer(), s.content(), s.signature()) ? Verdict.ACCEPT
        : Verdict.reject("invalid tape share signature");
  }

  private Verdict tape(PoolReader pool, RandomTape t) {
    if (pool.tape(t.height()).isPresent() || t.height().isBefore(ctx.expectedBatchHeight().get())) {
      return Verdict.DROP;
    }
    return ctx.crypto().verifyThreshold(ThresholdKey.LOW, t.content(), t.signature()) ? Verdict.ACCEPT
        : Verdict.reject("invalid tape signature");
  }

  private Verdict equivocationProof(PoolReader pool, EquivocationProof e) {
    if (!e.height().isAfter(pool.finalizedHeight()) || pool.equivocationProofs(e.height()).stream().anyMatch(x -> x.signer().equals(e.signer()))) {
      return Verdict.DROP;
    }
    if (!ctx.membership().isMember(e.signer())) {
      return Verdict.reject("equivocation proof names a non-member");
    }
    return ctx.crypto().verifyBlockMetadata(e.signer(), e.firstMetadata(), e.firstSignature())
        && ctx.crypto().verifyBlockMetadata(e.signer(), e.secondMetadata(), e.secondSignature()) ? Verdict.ACCEPT
        : Verdict.reject("invalid equivocation proof signature");
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
    if (b.context().time().isAfter(now) || b.context().certifiedHeight().isAfter(ctx.state().latestCertifiedHeight())) {
      return Verdict.RETRY; // from our future (clock or certification): transient
    }
    if (ctx.config().isSummaryHeight(h) && !b.payload().messages().isEmpty()) {
      return Verdict.reject("summary block with ingress");
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
