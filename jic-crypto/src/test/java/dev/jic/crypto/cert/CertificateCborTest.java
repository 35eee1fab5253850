package dev.jic.crypto.cert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jic.crypto.bls.BlsSignature;
import dev.jic.crypto.tree.HashTree;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.SubnetId;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class CertificateCborTest {
  private static final HexFormat HEX = HexFormat.of();

  private static BlsSignature sig() {
    byte[] s = new byte[48];
    for (int i = 0; i < 48; i++) {
      s[i] = (byte) i;
    }
    return BlsSignature.fromBytes(s);
  }

  private static final String SIG_HEX =
      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f";

  @Test
  void canonicalBytesWithoutDelegation() throws DecodeException {
    // Hand-assembled per certificates.cddl: tag 55799 (d9d9f7), map(2), "tree" -> [2, "time",
    // [3, h'01']], "signature" -> bytes(48).
    Certificate c =
        new Certificate(HashTree.labeled("time", HashTree.leaf(new byte[] {1})), sig(), Optional.empty());
    String expected =
        "d9d9f7a2" + "6474726565" + "83024474696d6582034101" + "697369676e6174757265" + "5830" + SIG_HEX;
    assertEquals(expected, HEX.formatHex(c.toCbor()));
    assertEquals(c, Certificate.fromCbor(c.toCbor()));
  }

  @Test
  void canonicalBytesWithDelegation() throws DecodeException {
    Certificate c =
        new Certificate(
            HashTree.empty(),
            sig(),
            Optional.of(new Delegation(SubnetId.of(new byte[] {1, 2, 3}), new byte[] {(byte) 0xaa, (byte) 0xbb})));
    // map(3): "tree" -> [0], "signature", "delegation" -> map(2) {"subnet_id": h'010203',
    // "certificate": h'aabb'}.
    String expected =
        "d9d9f7a3" + "64747265658100" + "697369676e6174757265" + "5830" + SIG_HEX
            + "6a64656c65676174696f6e" + "a2" + "697375626e65745f6964" + "43010203"
            + "6b6365727469666963617465" + "42aabb";
    assertEquals(expected, HEX.formatHex(c.toCbor()));
    assertEquals(c, Certificate.fromCbor(c.toCbor()));
  }

  @Test
  void decodeAcceptsUntaggedAndIgnoresUnknownKeys() throws DecodeException {
    String untagged = "a3" + "64747265658100" + "697369676e6174757265" + "5830" + SIG_HEX + "63666f6f01";
    Certificate c = Certificate.fromCbor(HEX.parseHex(untagged));
    assertEquals(HashTree.empty(), c.tree());
  }

  @Test
  void rejectsStructuralErrors() {
    String tree = "64747265658100";
    String sigField = "697369676e6174757265" + "5830" + SIG_HEX;
    for (String bad :
        List.of(
            "", // empty input
            "80", // array, not map
            "a1" + tree, // no signature
            "a1" + sigField, // no tree
            "a2" + tree + "697369676e6174757265" + "5820" + SIG_HEX.substring(0, 64), // 32-byte sig
            "a2" + "6474726565820141" + sigField, // bad tree node
            "d9d9f7d9d9f7a2" + tree + sigField, // double tag
            "c1a2" + tree + sigField, // other tag
            "a2" + tree + sigField + "00", // trailing bytes
            "a3" + tree + sigField + "6a64656c65676174696f6e" + "a1" + "697375626e65745f696443010203", // no certificate
            "a3" + tree + sigField + "6a64656c65676174696f6e" + "a2" + "697375626e65745f6964" + "581e" + "00".repeat(30) + "6b636572746966696361746540")) {
      assertThrows(DecodeException.class, () -> Certificate.fromCbor(HEX.parseHex(bad)), bad);
    }
  }

  @Test
  void canisterRangesRoundTrip() throws DecodeException {
    CanisterRanges r = CertFixtures.RANGES;
    assertEquals(r, CanisterRanges.fromCbor(r.toCbor()));
    assertEquals("d9d9f782824a", HEX.formatHex(r.toCbor()).substring(0, 12));
    assertThrows(DecodeException.class, () -> CanisterRanges.fromCbor(HEX.parseHex("818141")));
    assertEquals(List.of(), CanisterRanges.fromCbor(HEX.parseHex("80")).ranges());
    assertEquals(true, r.contains(CanisterId.fromU64(0)) && r.contains(CanisterId.fromU64(9)));
  }

  @Property(tries = 300)
  void mutatedCertificatesFailOnlyWithDecodeException(@ForAll long seed) {
    Random rnd = new Random(seed);
    Delegation d = CertFixtures.delegation(CertFixtures.delegationTree(true, false).build(), CertFixtures.ROOT);
    byte[] bytes =
        CertificateSigner.sign(CertFixtures.stateTree().toHashTree(), CertFixtures.SUBNET_KEYS.secretKey(), d)
            .toCbor();
    byte[] m = dev.jic.crypto.tree.WitnessPropertiesTest.mutate(bytes, rnd);
    try {
      Certificate c = Certificate.fromCbor(m);
      assertArrayEquals(c.toCbor(), Certificate.fromCbor(c.toCbor()).toCbor());
      // The verifier must not throw either.
      CertificateVerifier.verify(m, CertFixtures.ROOT.publicKey(), CertificateScope.canister(CertFixtures.IN_RANGE));
    } catch (DecodeException expected) {
      // the declared failure
    }
  }
}
