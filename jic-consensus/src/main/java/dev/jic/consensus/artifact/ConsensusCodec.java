package dev.jic.consensus.artifact;

import dev.jic.types.encoding.DecodeException;
import dev.jic.types.id.NodeId;
import java.util.Arrays;
import java.util.List;

/**
 * The one codec of consensus messages: {@code FORMAT_VERSION · kind tag · body}. Decoding parses
 * untrusted bytes exactly once into a typed message or throws {@link DecodeException} (never
 * anything else), and accepts only canonical encodings (decode then encode gives the input back).
 * A proposal's block hash is recomputed on decoding, never taken from the wire.
 */
public final class ConsensusCodec {
  /** Bound on signer lists, far above any subnet size. */
  public static final int MAX_SIGNERS = 1024;

  private ConsensusCodec() {}

  public static byte[] encode(ConsensusMessage m) {
    Wire.Writer w = new Wire.Writer().u8(Wire.FORMAT_VERSION).u8(m.kind().tag());
    switch (m) {
      case BlockProposal p -> {
        p.block().block().encode(w);
        w.node(p.signer()).signature(p.signature());
      }
      case NotarizationShare s -> {
        s.content().encode(w);
        w.node(s.signer()).signature(s.signature());
      }
      case FinalizationShare s -> {
        s.content().encode(w);
        w.node(s.signer()).signature(s.signature());
      }
      case RandomBeaconShare s -> {
        s.content().encode(w);
        w.node(s.signer()).signature(s.signature());
      }
      case Notarization a -> {
        a.content().encode(w);
        signers(w, a.signers()).signature(a.signature());
      }
      case Finalization a -> {
        a.content().encode(w);
        signers(w, a.signers()).signature(a.signature());
      }
      case RandomBeacon b -> {
        b.content().encode(w);
        w.signature(b.signature());
      }
      case CertificationShare s -> {
        s.content().encode(w);
        w.node(s.signer()).signature(s.signature());
      }
      case Certification c -> {
        c.content().encode(w);
        w.signature(c.signature());
      }
      case CatchUpShare s -> {
        s.content().encode(w);
        w.node(s.signer()).signature(s.signature());
      }
      case CatchUpPackage c -> {
        c.block().block().encode(w);
        c.beacon().content().encode(w);
        w.signature(c.beacon().signature()).hash(c.stateHash()).signature(c.signature());
      }
      case RandomTapeShare s -> {
        s.content().encode(w);
        w.node(s.signer()).signature(s.signature());
      }
      case RandomTape t -> {
        t.content().encode(w);
        w.signature(t.signature());
      }
      case EquivocationProof p -> w.node(p.signer()).u64(p.version()).height(p.height()).u64(p.rank()).hash(p.firstHash())
          .signature(p.firstSignature()).hash(p.secondHash()).signature(p.secondSignature());
    }
    return w.toBytes();
  }

  /** The id of a message: its kind, height and SHA-256(dsep("jic-consensus-message") || encode(m)). */
  public static ConsensusMessageId id(ConsensusMessage m) {
    return new ConsensusMessageId(m.kind(), m.height(), CryptoHash.compute(Domains.CONSENSUS_MESSAGE, encode(m)));
  }

  /** Parses an encoded message; throws {@link DecodeException} on any malformed or non-canonical input. */
  public static ConsensusMessage decode(byte[] bytes) throws DecodeException {
    if (bytes == null) {
      throw new DecodeException("null input");
    }
    Wire.Reader r = new Wire.Reader(bytes);
    int fmt = r.u8();
    if (fmt != Wire.FORMAT_VERSION) {
      throw new DecodeException("unknown format version " + fmt);
    }
    ArtifactKind kind = ArtifactKind.ofTag(r.u8());
    if (kind == null) {
      throw new DecodeException("unknown artifact kind");
    }
    ConsensusMessage m;
    try {
      m = switch (kind) {
        case BLOCK_PROPOSAL -> new BlockProposal(HashedBlock.of(Block.decode(r)), r.node(), r.signature());
        case NOTARIZATION_SHARE -> new NotarizationShare(NotarizationContent.decode(r), r.node(), r.signature());
        case FINALIZATION_SHARE -> new FinalizationShare(FinalizationContent.decode(r), r.node(), r.signature());
        case RANDOM_BEACON_SHARE -> new RandomBeaconShare(RandomBeaconContent.decode(r), r.node(), r.signature());
        case NOTARIZATION -> new Notarization(NotarizationContent.decode(r), readSigners(r), r.signature());
        case FINALIZATION -> new Finalization(FinalizationContent.decode(r), readSigners(r), r.signature());
        case RANDOM_BEACON -> new RandomBeacon(RandomBeaconContent.decode(r), r.signature());
        case CERTIFICATION_SHARE -> new CertificationShare(CertificationContent.decode(r), r.node(), r.signature());
        case CERTIFICATION -> new Certification(CertificationContent.decode(r), r.signature());
        case CATCH_UP_SHARE -> new CatchUpShare(CatchUpContent.decode(r), r.node(), r.signature());
        case CATCH_UP_PACKAGE -> new CatchUpPackage(HashedBlock.of(Block.decode(r)), new RandomBeacon(RandomBeaconContent.decode(r),
            r.signature()), r.hash(), r.signature());
        case RANDOM_TAPE_SHARE -> new RandomTapeShare(RandomTapeContent.decode(r), r.node(), r.signature());
        case RANDOM_TAPE -> new RandomTape(RandomTapeContent.decode(r), r.signature());
        case EQUIVOCATION_PROOF -> new EquivocationProof(r.node(), r.version(), r.height(), r.nonNegative(), r.hash(), r.signature(),
            r.hash(), r.signature());
      };
    } catch (IllegalArgumentException e) {
      throw new DecodeException("invalid field: " + e.getMessage(), e);
    }
    r.expectEnd();
    if (!Arrays.equals(encode(m), bytes)) {
      throw new DecodeException("non-canonical encoding");
    }
    return m;
  }

  private static Wire.Writer signers(Wire.Writer w, List<NodeId> signers) {
    w.u64(signers.size());
    for (NodeId n : signers) {
      w.node(n);
    }
    return w;
  }

  private static List<NodeId> readSigners(Wire.Reader r) throws DecodeException {
    int n = r.count(MAX_SIGNERS);
    NodeId[] out = new NodeId[n];
    for (int i = 0; i < n; i++) {
      out[i] = r.node();
    }
    return List.of(out);
  }
}
