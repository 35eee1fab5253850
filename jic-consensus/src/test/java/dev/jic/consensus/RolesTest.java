package dev.jic.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.consensus.artifact.Block;
import dev.jic.consensus.artifact.BlockProposal;
import dev.jic.consensus.artifact.CryptoHash;
import dev.jic.consensus.artifact.FinalizationShare;
import dev.jic.consensus.artifact.IngressPayload;
import dev.jic.consensus.artifact.Notarization;
import dev.jic.consensus.artifact.NotarizationContent;
import dev.jic.consensus.artifact.NotarizationShare;
import dev.jic.consensus.artifact.ValidationContext;
import dev.jic.consensus.crypto.FakeKeyMaterial;
import dev.jic.consensus.crypto.KeyMaterial;
import dev.jic.consensus.pool.ConsensusPool;
import dev.jic.consensus.pool.PoolMutation;
import dev.jic.consensus.pool.PoolMutations;
import dev.jic.consensus.roles.BlockMaker;
import dev.jic.consensus.roles.Chain;
import dev.jic.consensus.roles.Finalizer;
import dev.jic.consensus.roles.Notary;
import dev.jic.consensus.roles.RoleContext;
import dev.jic.consensus.roles.Validator;
import dev.jic.consensus.roles.Verdict;
import dev.jic.interfaces.consensus.IngressSelector;
import dev.jic.interfaces.consensus.Time;
import dev.jic.types.id.NodeId;
import dev.jic.types.id.SubnetId;
import dev.jic.types.unit.Height;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Unit tests of single roles on hand-built pools (4 nodes, fake keys, unit delay 1 s, notary delay 0.5 s). */
class RolesTest {
  static final Time T0 = Time.ofMillis(1_000_000);
  static final ConsensusConfig CFG = ConsensusConfig.defaults().withDelays(1_000_000_000L, 500_000_000L);
  final List<NodeId> nodes = MembershipTest.nodes(4);
  final KeyMaterial keys = FakeKeyMaterial.deal(SubnetId.of(new byte[] {1}), nodes, 7);
  final Membership membership = new Membership(nodes);
  final CryptoHash genesisBeacon = Chain.beaconHash(dev.jic.consensus.artifact.RandomBeacon.genesis(1));

  RoleContext ctx(NodeId n) {
    return new RoleContext(CFG, membership, keys.forNode(n), IngressSelector.empty());
  }

  ConsensusPool pool() {
    return new ConsensusPool(ConsensusReplica.genesis(1, T0, nodes.getFirst()), T0);
  }

  CryptoHash genesisHash(ConsensusPool p) {
    return p.proposals(Height.ZERO).getFirst().blockHash();
  }

  BlockProposal proposal(ConsensusPool p, long rank, long timeOffsetNanos) {
    NodeId maker = membership.blockMakerOfRank(rank, genesisBeacon);
    Block b = new Block(1, genesisHash(p), Height.of(1), rank, new ValidationContext(0, Height.ZERO, T0.plusNanos(timeOffsetNanos)),
        IngressPayload.EMPTY);
    return new BlockMaker(ctx(maker)).sign(b);
  }

  @Test
  void validatorAcceptsRejectsAndRetries() {
    ConsensusPool p = pool();
    Validator v = new Validator(ctx(nodes.get(0)));
    BlockProposal good = proposal(p, 0, 0);
    assertEquals(Verdict.ACCEPT, v.validate(p, good, T0, Set.of()));
    BlockProposal badSig = new BlockProposal(good.block(), good.signer(), good.signature().corrupted());
    assertInstanceOf(Verdict.Reject.class, v.validate(p, badSig, T0, Set.of()));
    NodeId notRank0 = membership.blockMakerOfRank(1, genesisBeacon);
    BlockProposal wrongSigner = new BlockMaker(ctx(notRank0)).sign(good.block().block());
    assertInstanceOf(Verdict.Reject.class, v.validate(p, wrongSigner, T0, Set.of()), "rank 0 block signed by the rank 1 maker");
    BlockProposal future = proposal(p, 0, 5_000_000_000L);
    assertEquals(Verdict.RETRY, v.validate(p, future, T0, Set.of()), "block time ahead of our clock");
    BlockProposal rank1 = proposal(p, 1, 0);
    assertEquals(Verdict.RETRY, v.validate(p, rank1, T0.plusMillis(999), Set.of()), "rank 1 before its unit delay");
    assertEquals(Verdict.ACCEPT, v.validate(p, rank1, T0.plusMillis(1000), Set.of()));
    assertEquals(Verdict.ACCEPT, v.validate(p, rank1, T0, Set.of(rank1.blockHash())), "vouched for by a notarization");
    NotarizationContent nc = new NotarizationContent(1, Height.of(1), good.blockHash());
    NotarizationShare share = new NotarizationShare(nc, nodes.get(2), keys.forNode(nodes.get(2)).signMultiShare(nc));
    assertEquals(Verdict.RETRY, v.validate(p, share, T0, Set.of()), "block not yet validated");
    p.apply(PoolMutations.of(new PoolMutation.AddToValidated(good)), T0);
    assertEquals(Verdict.ACCEPT, v.validate(p, share, T0, Set.of()));
    NotarizationShare forged = new NotarizationShare(nc, nodes.get(3), share.signature());
    assertInstanceOf(Verdict.Reject.class, v.validate(p, forged, T0, Set.of()), "share signed by someone else");
    Notarization tooFew = new Notarization(nc, List.of(nodes.get(2)), share.signature());
    assertInstanceOf(Verdict.Reject.class, v.validate(p, tooFew, T0, Set.of()));
  }

  @Test
  void notarySignsOnlyLowestRankAfterItsDelay() {
    ConsensusPool p = pool();
    BlockProposal r0 = proposal(p, 0, 0);
    BlockProposal r1 = proposal(p, 1, 0);
    p.apply(PoolMutations.of(new PoolMutation.AddToValidated(r1)), T0);
    Notary notary = new Notary(ctx(nodes.get(0)));
    assertTrue(notary.onStateChange(p, T0.plusMillis(1400)).isEmpty(), "rank 1 notary delay is 0.5 s + 1 s");
    PoolMutations m = notary.onStateChange(p, T0.plusMillis(1500));
    assertEquals(1, m.mutations().size());
    p.apply(m, T0.plusMillis(1500));
    p.apply(PoolMutations.of(new PoolMutation.AddToValidated(r0)), T0.plusMillis(1600));
    PoolMutations m2 = notary.onStateChange(p, T0.plusMillis(1600));
    assertEquals(1, m2.mutations().size(), "a later lower-rank block is signed too");
    NotarizationShare s = (NotarizationShare) ((PoolMutation.AddToValidated) m2.mutations().getFirst()).message();
    assertEquals(r0.blockHash(), s.content().blockHash());
    p.apply(m2, T0.plusMillis(1600));
    assertTrue(notary.onStateChange(p, T0.plusMillis(5000)).isEmpty(), "never twice, never rank 1 again");
  }

  private void notarize(ConsensusPool p, BlockProposal b) {
    NotarizationContent nc = new NotarizationContent(1, b.height(), b.blockHash());
    p.apply(PoolMutations.of(new PoolMutation.AddToValidated(new Notarization(nc, nodes.subList(0, 3), dev.jic.consensus.artifact.Signature.of(new byte[0])))), T0);
  }

  private void shareBy(ConsensusPool p, NodeId n, BlockProposal b) {
    NotarizationContent nc = new NotarizationContent(1, b.height(), b.blockHash());
    p.apply(PoolMutations.of(new PoolMutation.AddToValidated(new NotarizationShare(nc, n, keys.forNode(n).signMultiShare(nc)))), T0);
  }

  @Test
  void finalizerSignsOnlyTheSoleBlockItSupported() {
    NodeId me = nodes.get(1);
    Finalizer fin = new Finalizer(ctx(me));
    ConsensusPool p = pool();
    BlockProposal r0 = proposal(p, 0, 0);
    BlockProposal r1 = proposal(p, 1, 0);
    p.apply(PoolMutations.of(new PoolMutation.AddToValidated(r0), new PoolMutation.AddToValidated(r1)), T0);
    shareBy(p, me, r1);
    shareBy(p, me, r0);
    notarize(p, r0);
    assertTrue(fin.onStateChange(p, T0).isEmpty(), "it also supported the rank 1 block");

    ConsensusPool q = pool();
    q.apply(PoolMutations.of(new PoolMutation.AddToValidated(r0), new PoolMutation.AddToValidated(r1)), T0);
    shareBy(q, me, r0);
    notarize(q, r0);
    PoolMutations m = fin.onStateChange(q, T0);
    assertEquals(1, m.mutations().size());
    FinalizationShare fs = (FinalizationShare) ((PoolMutation.AddToValidated) m.mutations().getFirst()).message();
    assertEquals(r0.blockHash(), fs.content().blockHash());
    notarize(q, r1);
    assertTrue(new Finalizer(ctx(nodes.get(2))).onStateChange(q, T0).isEmpty(), "two notarized blocks at the height");
  }

  @Test
  void replicasOfAFourNodeSubnetFinalizeOnAPerfectNetwork() {
    List<ConsensusReplica> rs = new ArrayList<>();
    List<List<dev.jic.interfaces.consensus.Batch>> delivered = new ArrayList<>();
    for (NodeId n : nodes) {
      List<dev.jic.interfaces.consensus.Batch> out = new ArrayList<>();
      delivered.add(out);
      rs.add(new ConsensusReplica(CFG, nodes, keys.forNode(n), IngressSelector.empty(), new dev.jic.interfaces.consensus.MessageRouting() {
        public Height expectedBatchHeight() {
          return Height.of(out.size() + 1);
        }

        public DeliveryResult deliverBatch(dev.jic.interfaces.consensus.Batch b) {
          out.add(b);
          return DeliveryResult.DELIVERED;
        }
      }, T0));
    }
    Time t = T0;
    for (int round = 0; round < 400 && delivered.stream().anyMatch(d -> d.size() < 5); round++) {
      t = t.plusMillis(100);
      List<List<dev.jic.consensus.artifact.ConsensusMessage>> out = new ArrayList<>();
      for (ConsensusReplica r : rs) {
        out.add(r.onStateChange(t).broadcast());
      }
      for (int i = 0; i < rs.size(); i++) {
        for (int j = 0; j < rs.size(); j++) {
          if (i != j) {
            for (var m : out.get(i)) {
              rs.get(j).receive(m, nodes.get(i), t);
            }
          }
        }
      }
    }
    for (var d : delivered) {
      assertTrue(d.size() >= 5);
      for (int h = 0; h < 5; h++) {
        assertEquals(h + 1, d.get(h).height().value());
        assertEquals(java.util.HexFormat.of().formatHex(delivered.getFirst().get(h).blockHash()), java.util.HexFormat.of().formatHex(d.get(h).blockHash()));
      }
    }
  }
}
