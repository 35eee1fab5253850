package dev.jic.testkit.sim;

import dev.jic.consensus.ConsensusReplica;
import dev.jic.consensus.artifact.Block;
import dev.jic.consensus.artifact.BlockProposal;
import dev.jic.consensus.artifact.ConsensusMessage;
import dev.jic.consensus.artifact.CatchUpPackage;
import dev.jic.consensus.artifact.CatchUpShare;
import dev.jic.consensus.artifact.Certification;
import dev.jic.consensus.artifact.CertificationContent;
import dev.jic.consensus.artifact.CertificationShare;
import dev.jic.consensus.artifact.CryptoHash;
import dev.jic.consensus.artifact.EquivocationProof;
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
import dev.jic.consensus.artifact.ValidationContext;
import dev.jic.consensus.crypto.ConsensusCrypto;
import dev.jic.types.unit.Height;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A faulty replica's deviations. It runs the real replica underneath (so it stays in sync) and
 * changes what it sends: nothing (silent), corrupted signatures, two blocks per proposal
 * (equivocation), shares for every block it sees (double signing), replays and far-future
 * artifacts. It uses only its own keys: it cannot forge honest nodes' signatures.
 */
final class Byzantine {
  private final Behaviour behaviour;
  private final ConsensusReplica replica;
  private final SplittableRandom rng;
  private final List<ConsensusMessage> history = new ArrayList<>();
  private long lastFlood = Long.MIN_VALUE / 2;

  Byzantine(Behaviour behaviour, ConsensusReplica replica, SplittableRandom rng) {
    this.behaviour = behaviour;
    this.replica = replica;
    this.rng = rng;
  }

  Behaviour behaviour() {
    return behaviour;
  }

  private ConsensusCrypto crypto() {
    return replica.context().crypto();
  }

  /** Extra artifacts to broadcast after receiving {@code m}. */
  List<ConsensusMessage> onReceive(ConsensusMessage m) {
    if (history.size() < 400) {
      history.add(m);
    }
    if (behaviour != Behaviour.DOUBLE_SIGN || !(m instanceof BlockProposal p)) {
      return List.of();
    }
    int v = p.version();
    NotarizationContent nc = new NotarizationContent(v, p.height(), p.blockHash());
    FinalizationContent fc = new FinalizationContent(v, p.height(), p.blockHash());
    return List.of(new NotarizationShare(nc, crypto().self(), crypto().signMultiShare(nc)),
        new FinalizationShare(fc, crypto().self(), crypto().signMultiShare(fc)));
  }

  /** Sends one artifact the honest code wanted to broadcast, deviating as configured. */
  void send(Simulation sim, int self, ConsensusMessage m) {
    switch (behaviour) {
      case SILENT, CRASH -> {
        if (behaviour == Behaviour.CRASH) {
          sim.broadcast(self, m);
        }
      }
      case BAD_SIGNATURE -> sim.broadcast(self, corrupt(m));
      case EQUIVOCATE -> {
        if (m instanceof BlockProposal p && p.signer().equals(crypto().self())) {
          Block b = p.block().block();
          ValidationContext c = b.context();
          Block other = new Block(b.version(), b.parent(), b.height(), b.rank(),
              new ValidationContext(c.registryVersion(), c.certifiedHeight(), c.time().plusNanos(1)), b.payload());
          BlockProposal twin = new BlockProposal(dev.jic.consensus.artifact.HashedBlock.of(other), p.signer(),
              crypto().signBlockMetadata(new dev.jic.consensus.artifact.BlockMetadata(other.version(), other.height(), other.rank(),
                  other.hash())));
          for (int to = 0; to < sim.ids.size(); to++) {
            sim.send(self, to, to % 2 == 0 ? p : twin);
          }
        } else {
          sim.broadcast(self, m);
        }
      }
      default -> sim.broadcast(self, m);
    }
  }

  /** Unsolicited traffic after each step (replays and future artifacts, or a flood). */
  void afterStep(Simulation sim, int self) {
    if (behaviour == Behaviour.FLOOD) {
      if (sim.nowNanos() - lastFlood >= 100 * Simulation.MS) { // P2P bounds what one peer can push: a burst per 100 ms
        lastFlood = sim.nowNanos();
        flood(sim, self);
      }
      return;
    }
    if (behaviour != Behaviour.STALE_FUTURE || sim.nowNanos() - lastFlood < 100 * Simulation.MS) {
      return;
    }
    lastFlood = sim.nowNanos();
    if (!history.isEmpty()) {
      sim.broadcast(self, history.get(rng.nextInt(history.size())));
    }
    Height h = replica.pool().notarizedHeight().plus(2 + rng.nextInt(20));
    byte[] junk = new byte[32];
    rng.nextBytes(junk);
    CryptoHash hash = CryptoHash.of(junk);
    int v = replica.context().config().protocolVersion();
    NotarizationContent nc = new NotarizationContent(v, h, hash);
    RandomBeaconContent bc = new RandomBeaconContent(v, h, hash);
    sim.broadcast(self, new NotarizationShare(nc, crypto().self(), crypto().signMultiShare(nc)));
    sim.broadcast(self, new RandomBeaconShare(bc, crypto().self(), crypto().signBeaconShare(bc)));
    sim.broadcast(self, new Notarization(nc, List.of(crypto().self()), crypto().signMultiShare(nc)));
  }

  /**
   * Validly signed junk within the window honest validators keep (notarized height + 1 ..
   * + look-ahead): shares for blocks, states and beacons that do not exist. Honest nodes must
   * park or drop it without losing liveness, and purge it as heights finalize.
   */
  private void flood(Simulation sim, int self) {
    int v = replica.context().config().protocolVersion();
    long look = replica.context().config().lookAhead();
    for (int k = 0; k < 4; k++) {
      Height h = replica.pool().notarizedHeight().plus(1 + rng.nextLong(look));
      byte[] junk = new byte[32];
      rng.nextBytes(junk);
      CryptoHash hash = CryptoHash.of(junk);
      NotarizationContent nc = new NotarizationContent(v, h, hash);
      FinalizationContent fc = new FinalizationContent(v, h, hash);
      CertificationContent cc = new CertificationContent(v, h, hash);
      RandomTapeContent tc = new RandomTapeContent(v, h);
      sim.broadcast(self, new NotarizationShare(nc, crypto().self(), crypto().signMultiShare(nc)));
      sim.broadcast(self, new FinalizationShare(fc, crypto().self(), crypto().signMultiShare(fc)));
      sim.broadcast(self, new CertificationShare(cc, crypto().self(), crypto().signThresholdShare(ThresholdKey.HIGH, cc)));
      sim.broadcast(self, new RandomTapeShare(tc, crypto().self(), crypto().signThresholdShare(ThresholdKey.LOW, tc)));
    }
  }

  private static ConsensusMessage corrupt(ConsensusMessage m) {
    return switch (m) {
      case BlockProposal p -> new BlockProposal(p.block(), p.signer(), p.signature().corrupted());
      case NotarizationShare s -> new NotarizationShare(s.content(), s.signer(), s.signature().corrupted());
      case FinalizationShare s -> new FinalizationShare(s.content(), s.signer(), s.signature().corrupted());
      case RandomBeaconShare s -> new RandomBeaconShare(s.content(), s.signer(), s.signature().corrupted());
      case Notarization a -> new Notarization(a.content(), a.signers(), a.signature().corrupted());
      case Finalization a -> new Finalization(a.content(), a.signers(), a.signature().corrupted());
      case RandomBeacon b -> new RandomBeacon(b.content(), b.signature().corrupted());
      case CertificationShare s -> new CertificationShare(s.content(), s.signer(), s.signature().corrupted());
      case Certification c -> new Certification(c.content(), c.signature().corrupted());
      case CatchUpShare s -> new CatchUpShare(s.content(), s.signer(), s.signature().corrupted());
      case CatchUpPackage c -> new CatchUpPackage(c.block(), c.beacon(), c.stateHash(), c.signature().corrupted());
      case RandomTapeShare s -> new RandomTapeShare(s.content(), s.signer(), s.signature().corrupted());
      case RandomTape t -> new RandomTape(t.content(), t.signature().corrupted());
      case EquivocationProof e -> new EquivocationProof(e.signer(), e.version(), e.height(), e.rank(), e.firstHash(),
          e.firstSignature().corrupted(), e.secondHash(), e.secondSignature());
    };
  }

}
