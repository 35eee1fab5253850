package dev.jic.consensus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jic.consensus.artifact.Block;
import dev.jic.consensus.artifact.BlockProposal;
import dev.jic.consensus.artifact.ConsensusCodec;
import dev.jic.consensus.artifact.ConsensusMessage;
import dev.jic.consensus.artifact.CryptoHash;
import dev.jic.consensus.artifact.Finalization;
import dev.jic.consensus.artifact.FinalizationContent;
import dev.jic.consensus.artifact.HashedBlock;
import dev.jic.consensus.artifact.IngressPayload;
import dev.jic.consensus.artifact.NotarizationContent;
import dev.jic.consensus.artifact.NotarizationShare;
import dev.jic.consensus.artifact.RandomBeacon;
import dev.jic.consensus.artifact.RandomBeaconContent;
import dev.jic.consensus.artifact.Signature;
import dev.jic.consensus.artifact.ValidationContext;
import dev.jic.interfaces.consensus.IngressId;
import dev.jic.interfaces.consensus.IngressMessage;
import dev.jic.interfaces.consensus.Time;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.Sha;
import dev.jic.types.id.NodeId;
import dev.jic.types.unit.Height;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;

class ConsensusCodecTest {
  static final NodeId A = NodeId.of(new byte[] {0x10, 0x00, 0x01});
  static final NodeId B = NodeId.of(new byte[] {0x10, 0x01, 0x01});

  static Block block(long h, long t, int ingress) {
    List<IngressMessage> ms = new java.util.ArrayList<>();
    for (int i = 0; i < ingress; i++) {
      ms.add(new IngressMessage(IngressId.of(Sha.sha256(new byte[] {(byte) i})), new Time(t + 5), new byte[i]));
    }
    return new Block(1, CryptoHash.compute("x", new byte[] {(byte) h}), Height.of(h), h % 3,
        new ValidationContext(2, Height.of(h / 2), new Time(t)), new IngressPayload(ms));
  }

  @Provide
  Arbitrary<ConsensusMessage> messages() {
    Arbitrary<Long> heights = Arbitraries.longs().between(0, Long.MAX_VALUE);
    Arbitrary<byte[]> sigs = Arbitraries.bytes().array(byte[].class).ofMaxSize(96);
    Arbitrary<ConsensusMessage> proposals = Combinators.combine(heights, Arbitraries.longs().between(0, Long.MAX_VALUE / 2),
        Arbitraries.integers().between(0, 4), sigs).as((h, t, n, s) -> new BlockProposal(HashedBlock.of(block(h, t, n)), A, Signature.of(s)));
    Arbitrary<ConsensusMessage> shares = Combinators.combine(heights, sigs)
        .as((h, s) -> new NotarizationShare(new NotarizationContent(1, Height.of(h), CryptoHash.compute("b", s)), B, Signature.of(s)));
    Arbitrary<ConsensusMessage> finals = Combinators.combine(heights, sigs)
        .as((h, s) -> new Finalization(new FinalizationContent(1, Height.of(h), CryptoHash.ZERO), List.of(A, B), Signature.of(s)));
    Arbitrary<ConsensusMessage> beacons = Combinators.combine(heights, sigs)
        .as((h, s) -> new RandomBeacon(new RandomBeaconContent(1, Height.of(h), CryptoHash.compute("p", s)), Signature.of(s)));
    return Arbitraries.oneOf(proposals, shares, finals, beacons);
  }

  @Property(tries = 300)
  void roundTrips(@ForAll("messages") ConsensusMessage m) throws DecodeException {
    byte[] enc = ConsensusCodec.encode(m);
    ConsensusMessage back = ConsensusCodec.decode(enc);
    assertEquals(m, back);
    assertArrayEquals(enc, ConsensusCodec.encode(back));
    assertEquals(ConsensusCodec.id(m), ConsensusCodec.id(back));
  }

  /** Mutated or truncated bytes either decode canonically or fail with DecodeException only. */
  @Property(tries = 1000)
  void mutatedBytesFailOnlyWithDecodeException(@ForAll("messages") ConsensusMessage m, @ForAll int pos, @ForAll byte value,
      @ForAll boolean truncate) {
    byte[] enc = ConsensusCodec.encode(m);
    int p = Math.floorMod(pos, enc.length);
    byte[] bad = truncate ? java.util.Arrays.copyOf(enc, p) : enc.clone();
    if (!truncate) {
      bad[p] = value;
    }
    try {
      ConsensusMessage d = ConsensusCodec.decode(bad);
      assertArrayEquals(bad, ConsensusCodec.encode(d));
    } catch (DecodeException expected) {
      // the one declared failure
    }
  }

  @Test
  void rejectsNonCanonicalLeb128AndTrailingBytes() {
    byte[] enc = ConsensusCodec.encode(new RandomBeacon(new RandomBeaconContent(1, Height.of(5), CryptoHash.ZERO), Signature.of(new byte[0])));
    // layout: 01 (format) 01 (beacon tag) 01 (version) 05 (height) ...
    assertEquals("01010105", HexFormat.of().formatHex(enc, 0, 4));
    byte[] padded = new byte[enc.length + 1];
    padded[0] = 1;
    padded[1] = 1;
    padded[2] = 1;
    padded[3] = (byte) 0x85; // 5 written as two bytes: non-canonical
    padded[4] = 0;
    System.arraycopy(enc, 4, padded, 5, enc.length - 4);
    assertThrows(DecodeException.class, () -> ConsensusCodec.decode(padded));
    byte[] trailing = java.util.Arrays.copyOf(enc, enc.length + 1);
    assertThrows(DecodeException.class, () -> ConsensusCodec.decode(trailing));
    assertThrows(DecodeException.class, () -> ConsensusCodec.decode(new byte[] {2, 1}));
    assertThrows(DecodeException.class, () -> ConsensusCodec.decode(new byte[] {1, 99}));
  }

  @Test
  void hashesAreDomainSeparatedSha256() {
    // SHA-256("\x09jic-block" || encoding), computed independently here.
    Block b = block(7, 1000, 1);
    assertArrayEquals(Sha.sha256(new byte[] {9}, "jic-block".getBytes(java.nio.charset.StandardCharsets.US_ASCII), b.encode()),
        b.hash().toBytes());
    NotarizationContent n = new NotarizationContent(1, Height.of(7), b.hash());
    FinalizationContent f = new FinalizationContent(1, Height.of(7), b.hash());
    assertNotEquals(HexFormat.of().formatHex(n.signedBytes()), HexFormat.of().formatHex(f.signedBytes()));
  }

  @Test
  void unsortedSignersRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> new Finalization(new FinalizationContent(1, Height.of(1), CryptoHash.ZERO), List.of(B, A), Signature.of(new byte[0])));
  }
}
