package dev.jic.crypto.cert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jic.crypto.bls.BlsBasic;
import dev.jic.crypto.bls.BlsSignature;
import dev.jic.crypto.tree.HashTree;
import dev.jic.crypto.tree.HashTreeCbor;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the direct CBOR encoders of hash trees and certificates against the general
 * CBOR library ({@link HashTreeCbor#toCbor}, {@link CertificateCbor#encodeWithLibrary}): the bytes
 * must be identical, for random trees whose byte strings have lengths around every CBOR head
 * boundary (23/24, 255/256, 65535/65536), with and without a delegation.
 */
class DirectCborEncodingTest {
  private static final int[] LENGTHS = {0, 1, 23, 24, 31, 32, 100, 255, 256, 1000, 65535, 65536};
  private static final BlsSignature SIG =
      BlsBasic.sign(CertFixtures.SUBNET_KEYS.secretKey(), new byte[] {1, 2, 3});

  private static byte[] bytes(Random r) {
    int n = r.nextInt(8) == 0 ? LENGTHS[r.nextInt(LENGTHS.length)] : r.nextInt(40);
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  static HashTree randomTree(Random r, int depth) {
    int kind = depth == 0 ? 3 + r.nextInt(2) : r.nextInt(5);
    return switch (kind) {
      case 0 -> HashTree.empty();
      case 1 -> HashTree.fork(randomTree(r, depth - 1), randomTree(r, depth - 1));
      case 2 -> HashTree.labeled(bytes(r), randomTree(r, depth - 1));
      case 3 -> HashTree.leaf(bytes(r));
      default -> {
        byte[] d = new byte[32];
        r.nextBytes(d);
        yield HashTree.pruned(d);
      }
    };
  }

  @Property(tries = 300)
  void directTreeAndCertificateBytesEqualTheLibrarys(@ForAll long seed) {
    Random r = new Random(seed);
    HashTree t = randomTree(r, r.nextInt(7));
    assertArrayEquals(HashTreeCbor.toCbor(t).EncodeToBytes(), HashTreeCbor.encode(t));
    Optional<Delegation> d = r.nextBoolean() ? Optional.empty()
        : Optional.of(new Delegation(CertFixtures.SUBNET, bytes(r)));
    Certificate c = new Certificate(t, SIG, d);
    assertArrayEquals(CertificateCbor.encodeWithLibrary(c), CertificateCbor.encode(c));
  }

  @Test
  void goldenSmallCertificate() throws Exception {
    // Hand-checked: d9d9f7 (tag 55799), a2 (map of 2), 64 "tree", [2, h'61', [3, h'01']] = 83 02 41 61 82 03 41 01,
    // 69 "signature", 58 30 (48-byte string) + signature.
    Certificate c = new Certificate(HashTree.labeled("a", HashTree.leaf(new byte[] {1})), SIG, Optional.empty());
    String want = "d9d9f7a2" + "6474726565" + "83024161" + "82034101" + "697369676e6174757265" + "5830"
        + HexFormat.of().formatHex(SIG.toBytes());
    assertEquals(want, HexFormat.of().formatHex(CertificateCbor.encode(c)));
    assertEquals(c.tree(), Certificate.fromCbor(CertificateCbor.encode(c)).tree());
  }
}
