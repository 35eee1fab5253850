package dev.jic.crypto.bls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Golden vectors. Where they come from: the secret keys are what jic derives from the stated seeds
 * (blst IETF KeyGen, jblst 0.3.17); they pin seed determinism across library upgrades and are not
 * spec vectors. Everything derived from a secret key (public key, PoP, signatures, aggregate) was
 * recomputed independently with {@code @noble/curves} 1.9.7 (G2 base multiplication,
 * {@code G1.hashToCurve} with the stated DSTs, point addition, a pairing check, and
 * {@code verifyShortSignature} for the threshold signature) and matched byte for byte; the check
 * is described in docs/CRYPTO.md.
 */
class BlsGoldenTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

  private record Vector(int seedByte0, String sk, String pk, String pop, String sigHello) {}

  private static final List<Vector> MULTI = List.of(
      new Vector(1,
          "46decce935ab16ebe023d03d53061b6a399dfcc90759f6c9c063083b440fe171",
          "b71863104c7b884586e41ce92225dd97f26651501a3ded0d930138dbae5522b51f74889a6ed5ff2bbcc01976e624b423"
              + "038347c100f5f97c53fe337d9f5d8a61ce90190e778e67b013bec5a43d8381d2c5979898a8634b135335ead9ef6b2996",
          "862d65cb828c68b9ec039e7cfa4c46ace43a1140bba9a7567d27b4cdbb565c6d0b53bb1648d276f85e6ad0b1cd3205f5",
          "98add6f5e09fcaf8999a44a1fab600c009832db71ad443ae0816a9afbc788263eedc83160b93e52a8e6111769b42cccf"),
      new Vector(2,
          "2135ff1af9245a796951e32c9811ec44e63b7d35935f539a1481749cda273962",
          "a882a7da4d68e302ccf03e9b0c76d91328a0e007ea7139beab131b4672567207d766603d1a0458c6e5901a1994ad519b"
              + "076a3fdba09675157899594eb7737582ce6156ebc8d9d01c56eae30626cbadef8937ecdf403999e4876544692fbdd082",
          "9765480b8cda67a6b65f2db089f85cb3ff228ce0cae54a3a5563e8dd9c9d0bdd47d57714be17b84979c2f029f4938bc8",
          "842d72233ab2ac0b05260ca32d44b54e8ab9af6cf93adaaed5387dc2d9f79164e897a0d884ec8e71ecc862ec0c8a8959"),
      new Vector(3,
          "4659ac316318680b0714860ff6fba31ade9405b04b2c2ad24c2b97547632e2ed",
          "91afb1c4d095b9a62989efeb10617b62de288d7f1d82f5f00e88bf86cdcd7cae5a3bc62b4586621d01c483815cbcbc9a"
              + "162a1f6e6819f3d59103f357910e92799e09c163edaa9a4b02dc5d49f7c0cba90a150c60adb4ef117076e604c07d2704",
          "b8e793f300b8e8b8e399b05e4df8661e64b11a3c63ec71c1dc73e1797e7b560d34625d5d415d4b0fee17fe0a28988a83",
          "9857183bbf5b4861d7cecd854759d390bfb1c536b7e55529847ca387c3e50338c3a17ef962ff7e933edab51194320719"));

  private static final String AGGREGATE_HELLO =
      "915873d707c60b15d86e03e1249b1b6cdd1a1344f4edf0cf31a9e2bc9bffa8ce8597ac78d6ea0a8f61fbb81e9aa3c100";

  @Test
  void multiSignatureVectors() {
    List<BlsSignature> sigs = new java.util.ArrayList<>();
    List<BlsPublicKey> pks = new java.util.ArrayList<>();
    for (Vector v : MULTI) {
      byte[] seed = new byte[32];
      seed[0] = (byte) v.seedByte0();
      BlsKeyPair k = BlsMultiSig.keyPairFromSeed(seed);
      assertEquals(v.sk(), HEX.formatHex(k.secretKey().toBytes()));
      assertEquals(v.pk(), HEX.formatHex(k.publicKey().toBytes()));
      BlsProofOfPossession pop = BlsMultiSig.proveKnowledge(k);
      assertEquals(v.pop(), HEX.formatHex(pop.bytes()));
      BlsSignature sig = BlsMultiSig.sign(k.secretKey(), HELLO);
      assertEquals(v.sigHello(), HEX.formatHex(sig.toBytes()));
      assertTrue(BlsMultiSig.verifyPossession(BlsPublicKey.fromBytes(HEX.parseHex(v.pk())),
          new BlsProofOfPossession(HEX.parseHex(v.pop()))));
      sigs.add(sig);
      pks.add(k.publicKey());
    }
    BlsSignature agg = BlsMultiSig.aggregate(sigs);
    assertEquals(AGGREGATE_HELLO, HEX.formatHex(agg.toBytes()));
    assertTrue(BlsMultiSig.verifyAggregate(pks, BlsSignature.fromBytes(HEX.parseHex(AGGREGATE_HELLO)), HELLO));
  }

  @Test
  void thresholdVector() {
    // deal(2, 3, 32 zero bytes); nodes 1 and 2 sign "hello"; noble's verifyShortSignature (the IC
    // ciphersuite, NUL DST) accepts the combination under the dealt public key.
    ThresholdKeys keys = BlsThreshold.deal(2, 3, new byte[32]);
    assertEquals(
        "b50bcbc37b58ce8fc87ed418dd047ee1e20a62c5ec5dcebc5f99b0bb10cd94855758020ff3c515f6e47720621d89bfcb"
            + "053ca4d086ed8ffeaacb7cad7f4c5763690c9615cfae98eba272fb45630d3542ffaae3d6a4dcd3718bd9511a464da89c",
        HEX.formatHex(keys.publicKey().toBytes()));
    TreeMap<Integer, BlsSignature> m = new TreeMap<>();
    m.put(1, BlsThreshold.signShare(keys.secretShares().get(1), HELLO));
    m.put(2, BlsThreshold.signShare(keys.secretShares().get(2), HELLO));
    assertEquals(
        "b2e582f34efce9676b2a1a676b326af6ec42baac8d1125e73657597894b87b069d33b5ecf7ec4ae51a1d7885123dca19",
        HEX.formatHex(BlsThreshold.combine(2, m).toBytes()));
  }
}
