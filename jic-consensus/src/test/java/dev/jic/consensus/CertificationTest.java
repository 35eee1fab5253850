package dev.jic.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.consensus.artifact.CatchUpPackage;
import dev.jic.consensus.artifact.Certification;
import dev.jic.consensus.artifact.CertificationContent;
import dev.jic.consensus.artifact.ConsensusMessage;
import dev.jic.consensus.artifact.CryptoHash;
import dev.jic.consensus.crypto.BlsKeyMaterial;
import dev.jic.consensus.crypto.ConsensusCrypto;
import dev.jic.consensus.crypto.FakeKeyMaterial;
import dev.jic.consensus.crypto.ThresholdKey;
import dev.jic.consensus.pool.PoolStore;
import dev.jic.crypto.bls.BlsSignature;
import dev.jic.crypto.bls.BlsThreshold;
import dev.jic.interfaces.consensus.StateCertificate;
import dev.jic.interfaces.consensus.StateHash;
import dev.jic.types.hash.Sha;
import dev.jic.types.id.NodeId;
import dev.jic.types.id.SubnetId;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Certification of states and catch-up packages on a lock-step 4-node subnet. */
class CertificationTest {
  static final ConsensusConfig CFG = PersistenceTest.CFG;
  final List<NodeId> nodes = MembershipTest.nodes(4);

  @Test
  void statesAreCertifiedAndCupsMadeEveryInterval() {
    MiniSubnet net = new MiniSubnet(CFG, nodes, FakeKeyMaterial.deal(SubnetId.of(new byte[] {1}), nodes, 3), i -> PoolStore.none());
    net.runUntilDelivered(12, 3_000);
    net.step();
    for (int i = 0; i < 4; i++) {
      TestState s = net.states.get(i);
      assertTrue(s.certified.value() >= 10, "certified height " + s.certified);
      for (StateCertificate c : s.certificates) {
        assertEquals(net.states.get(0).states.get(c.height().value()), c.hash(), "certified hash is the common state hash");
      }
      CatchUpPackage cup = net.replicas.get(i).pool().catchUpPackage();
      assertEquals(10, cup.height().value());
      assertEquals(net.states.get(0).states.get(10L).toString(), StateHash.of(cup.stateHash().toBytes()).toString());
      assertTrue(ConsensusReplica.verifyCatchUp(net.keys.forNode(nodes.get(i)), cup));
      assertTrue(net.replicas.get(i).pool().purgedBelow().value() <= 10, "nothing at or above the CUP is purged");
    }
  }

  @Test
  void poolIsPurgedUpToTheCupWhenTheIngressWindowAllows() {
    ConsensusConfig shortTtl = CFG.withIngressTtl(200_000_000L);
    MiniSubnet net = new MiniSubnet(shortTtl, nodes, FakeKeyMaterial.deal(SubnetId.of(new byte[] {1}), nodes, 8), i -> PoolStore.none());
    net.runUntilDelivered(23, 4_000);
    net.step();
    for (ConsensusReplica r : net.replicas) {
      long cup = r.pool().catchUpPackage().height().value();
      assertTrue(cup >= 15, "cup " + cup);
      long purged = r.pool().purgedBelow().value();
      // purge height = min(CUP, expected batch − 1, ingress window): never above the CUP, and here well above genesis
      assertTrue(purged <= cup && purged >= cup - 5, "purged below " + purged + " with CUP " + cup);
      assertTrue(r.pool().proposals(dev.jic.types.unit.Height.of(purged - 1)).isEmpty());
      assertTrue(r.pool().block(r.pool().catchUpPackage().block().hash()).isPresent());
    }
  }

  @Test
  void replicaWithEmptyDiskResumesFromCup() {
    MiniSubnet net = new MiniSubnet(CFG, nodes, FakeKeyMaterial.deal(SubnetId.of(new byte[] {1}), nodes, 4), i -> PoolStore.none());
    net.down[3] = true;
    net.runUntilDelivered(12, 3_000);
    net.step();
    CatchUpPackage cup = net.replicas.get(0).pool().catchUpPackage();
    assertEquals(10, cup.height().value());
    // node 3 never ran; it receives only the CUP and what its peers re-advertise
    net.down[3] = false;
    ConsensusReplica fresh = net.start(3, ConsensusReplica.genesisCatchUp(1, MiniSubnet.T0), PoolStore.none());
    net.replicas.set(3, fresh);
    for (int j = 0; j < 3; j++) {
      for (ConsensusMessage m : net.replicas.get(j).advertised()) {
        fresh.receive(m, nodes.get(j), net.now);
      }
    }
    net.step();
    assertEquals(List.of(dev.jic.types.unit.Height.of(10)), net.states.get(3).fetched.subList(0, 1), "state sync requested at the CUP");
    assertEquals(10, fresh.pool().finalizedHeight().value() >= 10 ? 10 : -1);
  }

  @Test
  void blsCertificationIsTheSubnetKeysSignatureOverTheStateRoot() {
    BlsKeyMaterial keys = BlsKeyMaterial.deal(SubnetId.of(new byte[] {1}), nodes, 5);
    CertificationContent c = new CertificationContent(1, dev.jic.types.unit.Height.of(3), CryptoHash.of(Sha.sha256(new byte[] {7})));
    SortedMap<NodeId, dev.jic.consensus.artifact.Signature> shares = new TreeMap<>();
    for (int i = 0; i < 3; i++) {
      ConsensusCrypto cr = keys.forNode(nodes.get(i));
      shares.put(nodes.get(i), cr.signThresholdShare(ThresholdKey.HIGH, c));
      assertTrue(keys.forNode(nodes.get(3)).verifyThresholdShare(ThresholdKey.HIGH, nodes.get(i), c, shares.get(nodes.get(i))));
    }
    ConsensusCrypto cr = keys.forNode(nodes.get(3));
    SortedMap<NodeId, dev.jic.consensus.artifact.Signature> two = new TreeMap<>(shares.headMap(nodes.get(2)));
    assertTrue(cr.combineThreshold(ThresholdKey.HIGH, c, two).isEmpty(), "2 shares are below the high threshold 3");
    dev.jic.consensus.artifact.Signature sig = cr.combineThreshold(ThresholdKey.HIGH, c, shares).orElseThrow();
    // Verifies under the subnet public key over dsep("ic-state-root") || hash, as HTTP certificates do.
    assertTrue(BlsThreshold.verify(keys.subnetPublicKey(), BlsSignature.fromBytes(sig.toBytes()), c.signedBytes()));
    assertTrue(cr.verifyThreshold(ThresholdKey.HIGH, c, sig));
    // The low (beacon) key does not verify it: the two keys are distinct.
    assertTrue(!cr.verifyThreshold(ThresholdKey.LOW, c, sig));
    new Certification(c, sig);
  }

  @Test
  void blockSignaturesAreBoundToTheSubnet() {
    dev.jic.consensus.artifact.BlockMetadata m = new dev.jic.consensus.artifact.BlockMetadata(1, dev.jic.types.unit.Height.of(4), 0,
        CryptoHash.of(Sha.sha256(new byte[] {1})));
    for (var pair : List.of(
        List.of(BlsKeyMaterial.deal(SubnetId.of(new byte[] {1}), nodes, 9), BlsKeyMaterial.deal(SubnetId.of(new byte[] {2}), nodes, 9)),
        List.<dev.jic.consensus.crypto.KeyMaterial>of(FakeKeyMaterial.deal(SubnetId.of(new byte[] {1}), nodes, 9),
            FakeKeyMaterial.deal(SubnetId.of(new byte[] {2}), nodes, 9)))) {
      dev.jic.consensus.artifact.Signature sig = pair.get(0).forNode(nodes.get(0)).signBlockMetadata(m);
      assertTrue(pair.get(0).forNode(nodes.get(1)).verifyBlockMetadata(nodes.get(0), m, sig));
      // same seed, same node keys, other subnet: the signature must not carry over
      assertTrue(!pair.get(1).forNode(nodes.get(1)).verifyBlockMetadata(nodes.get(0), m, sig));
    }
  }

  @Test
  void divergedStateStopsTheReplica() {
    TestState s = new TestState() {
      @Override
      public DeliveryOutcome deliverCertification(StateCertificate c) {
        return DeliveryOutcome.DIVERGED;
      }
    };
    MiniSubnet net = new MiniSubnet(CFG, nodes, FakeKeyMaterial.deal(SubnetId.of(new byte[] {1}), nodes, 6), i -> PoolStore.none());
    net.states.set(2, s);
    net.replicas.set(2, net.start(2, ConsensusReplica.genesisCatchUp(1, MiniSubnet.T0), PoolStore.none()));
    assertThrows(CertificationDelivery.DivergedStateException.class, () -> net.runUntilDelivered(6, 2_000));
  }
}
