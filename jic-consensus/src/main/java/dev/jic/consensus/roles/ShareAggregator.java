package dev.jic.consensus.roles;

import dev.jic.consensus.artifact.CatchUpContent;
import dev.jic.consensus.artifact.CatchUpPackage;
import dev.jic.consensus.artifact.CatchUpShare;
import dev.jic.consensus.artifact.Certification;
import dev.jic.consensus.artifact.CertificationContent;
import dev.jic.consensus.artifact.CertificationShare;
import dev.jic.consensus.artifact.CryptoHash;
import dev.jic.consensus.artifact.RandomTape;
import dev.jic.consensus.artifact.RandomTapeContent;
import dev.jic.consensus.artifact.RandomTapeShare;
import dev.jic.consensus.crypto.ThresholdKey;
import dev.jic.consensus.artifact.Finalization;
import dev.jic.consensus.artifact.FinalizationContent;
import dev.jic.consensus.artifact.FinalizationShare;
import dev.jic.consensus.artifact.Notarization;
import dev.jic.consensus.artifact.NotarizationContent;
import dev.jic.consensus.artifact.NotarizationShare;
import dev.jic.consensus.artifact.RandomBeacon;
import dev.jic.consensus.artifact.RandomBeaconContent;
import dev.jic.consensus.artifact.RandomBeaconShare;
import dev.jic.consensus.artifact.Signature;
import dev.jic.consensus.pool.PoolMutation;
import dev.jic.consensus.pool.PoolMutations;
import dev.jic.consensus.pool.PoolReader;
import dev.jic.interfaces.consensus.PoolMutationsProducer;
import dev.jic.interfaces.consensus.Time;
import dev.jic.types.id.NodeId;
import dev.jic.types.unit.Height;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Share aggregator (PROTOCOL-DIGEST §1.10): groups validated shares by identical content and,
 * once a group reaches its threshold, emits the aggregate: the beacon at beacon height + 1 (f+1
 * shares), notarizations at notarized + 1 for blocks without one (2f+1), and a finalization at
 * each height in (finalized, notarized] that has none (2f+1), certifications of state hashes
 * (high threshold, 2f+1), the catch-up package at the pending summary height (2f+1, with the
 * summary block and beacon from the pool), and random tapes (f+1). Only validated shares count, so
 * every signer is a distinct committee member with a valid share.
 */
public final class ShareAggregator implements PoolMutationsProducer<PoolReader, PoolMutations> {
  private final RoleContext ctx;

  public ShareAggregator(RoleContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public PoolMutations onStateChange(PoolReader pool, Time now) {
    PoolMutations.Builder out = new PoolMutations.Builder();
    beacon(pool, out);
    notarizations(pool, out);
    finalizations(pool, out);
    certifications(pool, out);
    catchUp(pool, out);
    tapes(pool, out);
    return out.build();
  }

  private void certifications(PoolReader pool, PoolMutations.Builder out) {
    java.util.Set<Height> heights = new java.util.TreeSet<>();
    for (dev.jic.interfaces.consensus.StateCertification.StateToCertify s : ctx.state().statesToCertify()) {
      heights.add(s.height());
    }
    // Also heights where peers' shares reached us before our own state: certifications help laggards.
    for (long v = ctx.state().latestCertifiedHeight().value() + 1; v <= pool.finalizedHeight().value(); v++) {
      heights.add(new Height(v));
    }
    for (Height h : heights) {
      if (pool.certification(h).isPresent()) {
        continue;
      }
      TreeMap<CryptoHash, TreeMap<NodeId, Signature>> groups = new TreeMap<>();
      TreeMap<CryptoHash, CertificationContent> contents = new TreeMap<>();
      for (CertificationShare s : pool.certificationShares(h)) {
        groups.computeIfAbsent(s.content().stateHash(), k -> new TreeMap<>()).put(s.signer(), s.signature());
        contents.put(s.content().stateHash(), s.content());
      }
      for (var e : groups.entrySet()) {
        if (e.getValue().size() >= ctx.membership().highThreshold()) {
          CertificationContent c = contents.get(e.getKey());
          Optional<Signature> sig = ctx.crypto().combineThreshold(ThresholdKey.HIGH, c, e.getValue());
          if (sig.isPresent()) {
            out.add(new PoolMutation.AddToValidated(new Certification(c, sig.get())));
            break;
          }
        }
      }
    }
  }

  private void catchUp(PoolReader pool, PoolMutations.Builder out) {
    Optional<Height> target = CatchUpMaker.pendingSummaryHeight(ctx, pool);
    if (target.isEmpty()) {
      return;
    }
    Height h = target.get();
    TreeMap<CryptoHash, TreeMap<NodeId, Signature>> groups = new TreeMap<>();
    TreeMap<CryptoHash, CatchUpContent> contents = new TreeMap<>();
    for (CatchUpShare s : pool.catchUpShares(h)) {
      CryptoHash key = CryptoHash.compute("jic-aggregation-key", s.content().signedBytes());
      groups.computeIfAbsent(key, k -> new TreeMap<>()).put(s.signer(), s.signature());
      contents.put(key, s.content());
    }
    for (var e : groups.entrySet()) {
      CatchUpContent c = contents.get(e.getKey());
      Optional<dev.jic.consensus.artifact.BlockProposal> block = pool.block(c.blockHash());
      Optional<RandomBeacon> beacon = pool.beacon(h);
      if (e.getValue().size() < ctx.membership().highThreshold() || block.isEmpty() || beacon.isEmpty()
          || !Chain.beaconHash(beacon.get()).equals(c.beaconHash())) {
        continue;
      }
      Optional<Signature> sig = ctx.crypto().combineThreshold(ThresholdKey.HIGH, c, e.getValue());
      if (sig.isPresent()) {
        out.add(new PoolMutation.AddToValidated(new CatchUpPackage(block.get().block(), beacon.get(), c.stateHash(), sig.get())));
        return;
      }
    }
  }

  private void tapes(PoolReader pool, PoolMutations.Builder out) {
    long from = Math.max(ctx.expectedBatchHeight().get().value(), pool.catchUpPackage().height().value() + 1);
    long to = Math.min(from + RandomTapeMaker.RANGE, pool.finalizedHeight().value() + 1);
    for (long v = from; v <= to; v++) {
      Height h = new Height(v);
      if (pool.tape(h).isPresent()) {
        continue;
      }
      TreeMap<NodeId, Signature> shares = new TreeMap<>();
      RandomTapeContent c = new RandomTapeContent(ctx.config().protocolVersion(), h);
      for (RandomTapeShare s : pool.tapeShares(h)) {
        if (s.content().equals(c)) {
          shares.put(s.signer(), s.signature());
        }
      }
      if (shares.size() >= ctx.membership().beaconThreshold()) {
        ctx.crypto().combineThreshold(ThresholdKey.LOW, c, shares).ifPresent(sig -> out.add(new PoolMutation.AddToValidated(new RandomTape(c, sig))));
      }
    }
  }

  private void beacon(PoolReader pool, PoolMutations.Builder out) {
    Height h = pool.beaconHeight().increment();
    TreeMap<CryptoHash, TreeMap<NodeId, Signature>> groups = new TreeMap<>();
    TreeMap<CryptoHash, RandomBeaconContent> contents = new TreeMap<>();
    for (RandomBeaconShare s : pool.beaconShares(h)) {
      groups.computeIfAbsent(s.content().parent(), k -> new TreeMap<>()).put(s.signer(), s.signature());
      contents.put(s.content().parent(), s.content());
    }
    for (var e : groups.entrySet()) {
      if (e.getValue().size() >= ctx.membership().beaconThreshold()) {
        RandomBeaconContent c = contents.get(e.getKey());
        Optional<Signature> sig = ctx.crypto().combineBeacon(c, e.getValue());
        if (sig.isPresent()) {
          out.add(new PoolMutation.AddToValidated(new RandomBeacon(c, sig.get())));
          return;
        }
      }
    }
  }

  private void notarizations(PoolReader pool, PoolMutations.Builder out) {
    Height h = pool.notarizedHeight().increment();
    TreeMap<CryptoHash, TreeMap<NodeId, Signature>> groups = new TreeMap<>();
    for (NotarizationShare s : pool.notarizationShares(h)) {
      groups.computeIfAbsent(s.content().blockHash(), k -> new TreeMap<>()).put(s.signer(), s.signature());
    }
    for (var e : groups.entrySet()) {
      if (pool.isNotarized(e.getKey()) || e.getValue().size() < ctx.membership().notarizationThreshold()) {
        continue;
      }
      NotarizationContent c = new NotarizationContent(ctx.config().protocolVersion(), h, e.getKey());
      SortedMap<NodeId, Signature> shares = e.getValue();
      ctx.crypto().aggregateMulti(c, shares)
          .ifPresent(sig -> out.add(new PoolMutation.AddToValidated(new Notarization(c, new ArrayList<>(shares.keySet()), sig))));
    }
  }

  private void finalizations(PoolReader pool, PoolMutations.Builder out) {
    for (long v = pool.finalizedHeight().value() + 1; v <= pool.notarizedHeight().value(); v++) {
      Height h = new Height(v);
      if (!pool.finalizations(h).isEmpty()) {
        continue;
      }
      TreeMap<CryptoHash, TreeMap<NodeId, Signature>> groups = new TreeMap<>();
      for (FinalizationShare s : pool.finalizationShares(h)) {
        groups.computeIfAbsent(s.content().blockHash(), k -> new TreeMap<>()).put(s.signer(), s.signature());
      }
      for (var e : groups.entrySet()) {
        if (e.getValue().size() < ctx.membership().notarizationThreshold() || pool.block(e.getKey()).isEmpty()) {
          continue;
        }
        FinalizationContent c = new FinalizationContent(ctx.config().protocolVersion(), h, e.getKey());
        SortedMap<NodeId, Signature> shares = e.getValue();
        Optional<Signature> sig = ctx.crypto().aggregateMulti(c, shares);
        if (sig.isPresent()) {
          List<NodeId> signers = new ArrayList<>(shares.keySet());
          out.add(new PoolMutation.AddToValidated(new Finalization(c, signers, sig.get())));
          break;
        }
      }
    }
  }
}
