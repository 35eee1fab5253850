package dev.jic.consensus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jic.consensus.artifact.Block;
import dev.jic.consensus.artifact.CatchUpContent;
import dev.jic.consensus.artifact.CatchUpPackage;
import dev.jic.consensus.artifact.CatchUpShare;
import dev.jic.consensus.artifact.Certification;
import dev.jic.consensus.artifact.CertificationContent;
import dev.jic.consensus.artifact.CertificationShare;
import dev.jic.consensus.artifact.EquivocationProof;
import dev.jic.consensus.artifact.RandomTape;
import dev.jic.consensus.artifact.RandomTapeContent;
import dev.jic.consensus.artifact.RandomTapeShare;
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
    Arbitrary<ConsensusMessage> certShares = Combinators.combine(heights, sigs).as((h, s) -> new CertificationShare(
        new CertificationContent(1, Height.of(h), CryptoHash.compute("s", s)), A, Signature.of(s)));
    Arbitrary<ConsensusMessage> certs = Combinators.combine(heights, sigs).as((h, s) -> new Certification(
        new CertificationContent(1, Height.of(h), CryptoHash.compute("s", s)), Signature.of(s)));
    Arbitrary<ConsensusMessage> cupShares = Combinators.combine(heights, sigs).as((h, s) -> new CatchUpShare(
        new CatchUpContent(1, Height.of(h), CryptoHash.compute("b", s), CryptoHash.ZERO, CryptoHash.compute("s", s)), B, Signature.of(s)));
    Arbitrary<ConsensusMessage> cups = Combinators.combine(heights, Arbitraries.integers().between(0, 3), sigs).as((h, n, s) ->
        new CatchUpPackage(HashedBlock.of(block(h, 1000, n)), new RandomBeacon(new RandomBeaconContent(1, Height.of(h),
            CryptoHash.compute("p", s)), Signature.of(s)), CryptoHash.compute("s", s), Signature.of(s)));
    Arbitrary<ConsensusMessage> tapes = Combinators.combine(heights, sigs, Arbitraries.of(true, false)).as((h, s, share) -> share
        ? new RandomTapeShare(new RandomTapeContent(1, Height.of(h)), A, Signature.of(s))
        : new RandomTape(new RandomTapeContent(1, Height.of(h)), Signature.of(s)));
    Arbitrary<ConsensusMessage> proofs = Combinators.combine(heights, sigs).as((h, s) -> new EquivocationProof(A, 1, Height.of(h), h % 5,
        CryptoHash.ZERO, Signature.of(s), CryptoHash.compute("b", s), Signature.of(new byte[] {1})));
    return Arbitraries.oneOf(proposals, shares, finals, beacons, certShares, certs, cupShares, cups, tapes, proofs);
  }

  @Test
  void certificationSignsExactlyTheIcStateRootBytes() {
    // IC interface spec, certificates: the signature is over domain_sep("ic-state-root") · root_hash,
    // domain_sep(s) = one length byte (13 = 0x0d) then the ASCII bytes.
    CryptoHash root = CryptoHash.of(Sha.sha256(new byte[] {42}));
    byte[] expected = new byte[14 + 32];
    expected[0] = 0x0d;
    System.arraycopy("ic-state-root".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, expected, 1, 13);
    System.arraycopy(root.toBytes(), 0, expected, 14, 32);
    assertArrayEquals(expected, new CertificationContent(1, Height.of(9), root).signedBytes());
    // Height and version travel beside the signed bytes: they do not change them.
    assertArrayEquals(expected, new CertificationContent(2, Height.of(10), root).signedBytes());
  }

  @Test
  void nonCanonicalEquivocationProofIsADecodeError() {
    EquivocationProof p = new EquivocationProof(A, 1, Height.of(3), 0, CryptoHash.ZERO, Signature.of(new byte[] {1}),
        CryptoHash.compute("b", new byte[0]), Signature.of(new byte[] {2}));
    byte[] enc = ConsensusCodec.encode(p);
    byte[] swapped = ConsensusCodec.encode(p).clone();
    // Swap the two hashes in place: same length, now descending, which the constructor forbids.
    int first = indexOf(enc, CryptoHash.ZERO.toBytes());
    int second = indexOf(enc, p.secondHash().toBytes());
    System.arraycopy(p.secondHash().toBytes(), 0, swapped, first, 32);
    System.arraycopy(CryptoHash.ZERO.toBytes(), 0, swapped, second, 32);
    assertThrows(DecodeException.class, () -> ConsensusCodec.decode(swapped));
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
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
