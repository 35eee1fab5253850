package dev.jic.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.consensus.artifact.Block;
import dev.jic.consensus.artifact.BlockProposal;
import dev.jic.consensus.artifact.EquivocationProof;
import dev.jic.consensus.artifact.IngressPayload;
import dev.jic.consensus.artifact.ValidationContext;
import dev.jic.consensus.pool.ConsensusPool;
import dev.jic.consensus.pool.PoolMutation;
import dev.jic.consensus.pool.PoolMutations;
import dev.jic.consensus.roles.BlockMaker;
import dev.jic.consensus.roles.EquivocationProver;
import dev.jic.consensus.roles.Notary;
import dev.jic.consensus.roles.Validator;
import dev.jic.consensus.roles.Verdict;
import dev.jic.types.id.NodeId;
import dev.jic.types.unit.Height;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Equivocation proofs: made from two proposals of one maker, validated, and disqualifying the maker at that height. */
class EquivocationTest {
  final RolesTest r = new RolesTest();

  BlockProposal twin(ConsensusPool p, long offsetNanos) {
    return r.proposal(p, 0, offsetNanos);
  }

  @Test
  void twoProposalsBecomeOneProofThatDisqualifiesTheMaker() {
    ConsensusPool p = r.pool();
    BlockProposal a = twin(p, 0);
    BlockProposal b = twin(p, 1);
    NodeId maker = a.signer();
    p.apply(PoolMutations.of(new PoolMutation.AddToValidated(a)), RolesTest.T0);
    NodeId honest = r.nodes.stream().filter(n -> !n.equals(maker)).findFirst().orElseThrow();
    EquivocationProver prover = new EquivocationProver(r.ctx(honest));
    assertTrue(prover.onStateChange(p, RolesTest.T0).isEmpty(), "one proposal is no equivocation");
    assertEquals(1, Notary.candidates(p, Height.of(1)).size());
    p.apply(PoolMutations.of(new PoolMutation.AddToValidated(b)), RolesTest.T0);
    PoolMutations m = prover.onStateChange(p, RolesTest.T0);
    assertEquals(1, m.mutations().size());
    EquivocationProof proof = (EquivocationProof) ((PoolMutation.AddToValidated) m.mutations().getFirst()).message();
    assertEquals(maker, proof.signer());

    // A replica that saw only block a accepts the proof and stops considering the maker.
    ConsensusPool other = r.pool();
    other.apply(PoolMutations.of(new PoolMutation.AddToValidated(a)), RolesTest.T0);
    Validator v = new Validator(r.ctx(honest));
    assertEquals(Verdict.ACCEPT, v.validate(other, proof, RolesTest.T0, Set.of()));
    other.apply(PoolMutations.of(new PoolMutation.AddToValidated(proof)), RolesTest.T0);
    assertTrue(Notary.candidates(other, Height.of(1)).isEmpty(), "an equivocating maker's block is never notarized");

    // Forged proofs: a corrupted signature, or two blocks signed by someone else.
    EquivocationProof forged = new EquivocationProof(proof.signer(), proof.version(), proof.height(), proof.rank(), proof.firstHash(),
        proof.firstSignature().corrupted(), proof.secondHash(), proof.secondSignature());
    assertInstanceOf(Verdict.Reject.class, v.validate(r.pool(), forged, RolesTest.T0, Set.of()));
    EquivocationProof framed = new EquivocationProof(honest, proof.version(), proof.height(), proof.rank(), proof.firstHash(),
        proof.firstSignature(), proof.secondHash(), proof.secondSignature());
    assertInstanceOf(Verdict.Reject.class, v.validate(r.pool(), framed, RolesTest.T0, Set.of()), "cannot frame an honest node");
  }

  @Test
  void summaryBlocksMustBeEmpty() {
    ConsensusConfig every1 = RolesTest.CFG.withCupInterval(1);
    ConsensusPool p = r.pool();
    NodeId maker = r.membership.blockMakerOfRank(0, r.genesisBeacon);
    Block withIngress = new Block(1, r.genesisHash(p), Height.of(1), 0, new ValidationContext(0, Height.ZERO, RolesTest.T0),
        ConsensusCodecTest.block(1, RolesTest.T0.nanos(), 1).payload());
    var ctx = new dev.jic.consensus.roles.RoleContext(every1, r.membership, r.keys.forNode(maker), dev.jic.interfaces.consensus.IngressSelector.empty());
    BlockProposal bad = new BlockMaker(ctx).sign(withIngress);
    Validator v = new Validator(new dev.jic.consensus.roles.RoleContext(every1, r.membership, r.keys.forNode(r.nodes.get(0)),
        dev.jic.interfaces.consensus.IngressSelector.empty()));
    assertEquals(new Verdict.Reject("summary block with ingress"), v.validate(p, bad, RolesTest.T0, Set.of()));
    Block empty = new Block(1, r.genesisHash(p), Height.of(1), 0, new ValidationContext(0, Height.ZERO, RolesTest.T0), IngressPayload.EMPTY);
    assertEquals(Verdict.ACCEPT, v.validate(p, new BlockMaker(ctx).sign(empty), RolesTest.T0, Set.of()));
  }
}
