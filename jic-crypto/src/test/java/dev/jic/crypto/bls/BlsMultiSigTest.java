package dev.jic.crypto.bls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import supranational.blst.P1;
import supranational.blst.P2;
import supranational.blst.P2_Affine;
import supranational.blst.Scalar;

class BlsMultiSigTest {

  private static final byte[] MSG = "notarization_content: block 42".getBytes(StandardCharsets.UTF_8);
  private static final int N = 7;
  private static final List<BlsKeyPair> KEYS = new ArrayList<>();

  static {
    for (int i = 0; i < N; i++) {
      KEYS.add(BlsMultiSig.keyPairFromSeed(BlsThresholdTest.seed(50 + i)));
    }
  }

  static List<BlsPublicKey> publicKeys(List<BlsKeyPair> pairs) {
    return pairs.stream().map(BlsKeyPair::publicKey).toList();
  }

  static List<BlsSignature> signAll(List<BlsKeyPair> pairs, byte[] msg) {
    return pairs.stream().map(k -> BlsMultiSig.sign(k.secretKey(), msg)).toList();
  }

  @Test
  void aggregateOfAllSignersVerifies() {
    for (BlsKeyPair k : KEYS) {
      assertTrue(BlsMultiSig.verifyPossession(k.publicKey(), BlsMultiSig.proveKnowledge(k)));
    }
    List<BlsSignature> sigs = signAll(KEYS, MSG);
    for (int i = 0; i < N; i++) {
      assertTrue(BlsMultiSig.verifyIndividual(KEYS.get(i).publicKey(), sigs.get(i), MSG));
    }
    BlsSignature agg = BlsMultiSig.aggregate(sigs);
    assertTrue(BlsMultiSig.verifyAggregate(publicKeys(KEYS), agg, MSG));
    // order does not matter
    List<BlsSignature> reversed = new ArrayList<>(sigs);
    java.util.Collections.reverse(reversed);
    assertEquals(agg, BlsMultiSig.aggregate(reversed));
    // one signer is an aggregate of itself
    assertEquals(sigs.get(0), BlsMultiSig.aggregate(List.of(sigs.get(0))));
    assertTrue(BlsMultiSig.verifyAggregate(List.of(KEYS.get(0).publicKey()), sigs.get(0), MSG));
  }

  @Test
  void missingSignerWrongMessageOrExtraKeyFail() {
    List<BlsSignature> sigs = signAll(KEYS, MSG);
    BlsSignature allButLast = BlsMultiSig.aggregate(sigs.subList(0, N - 1));
    assertFalse(BlsMultiSig.verifyAggregate(publicKeys(KEYS), allButLast, MSG));
    assertTrue(BlsMultiSig.verifyAggregate(publicKeys(KEYS.subList(0, N - 1)), allButLast, MSG));
    BlsSignature agg = BlsMultiSig.aggregate(sigs);
    assertFalse(BlsMultiSig.verifyAggregate(publicKeys(KEYS.subList(0, N - 1)), agg, MSG));
    assertFalse(BlsMultiSig.verifyAggregate(publicKeys(KEYS), agg, "notarization_content: block 43".getBytes(StandardCharsets.UTF_8)));
    assertFalse(BlsMultiSig.verifyIndividual(KEYS.get(0).publicKey(), sigs.get(1), MSG));
    assertFalse(BlsMultiSig.verifyAggregate(List.of(), agg, MSG));
    // a signer counted twice is a different multi-signature
    List<BlsPublicKey> doubled = new ArrayList<>(publicKeys(KEYS));
    doubled.add(KEYS.get(0).publicKey());
    assertFalse(BlsMultiSig.verifyAggregate(doubled, agg, MSG));
    List<BlsSignature> doubledSigs = new ArrayList<>(sigs);
    doubledSigs.add(sigs.get(0));
    assertTrue(BlsMultiSig.verifyAggregate(doubled, BlsMultiSig.aggregate(doubledSigs), MSG));
  }

  @Test
  void rogueKeyForgesAnAggregateButHasNoValidProofOfPossession() {
    BlsKeyPair honest = KEYS.get(0);
    BlsKeyPair attacker = BlsMultiSig.keyPairFromSeed(BlsThresholdTest.seed(99));
    // pk_evil = pk_x - pk_honest; the attacker does not know its discrete log
    P2 evil = new P2(new P2_Affine(attacker.publicKey().toBytes()))
        .add(new P2(new P2_Affine(honest.publicKey().toBytes())).neg());
    BlsPublicKey pkEvil = BlsPublicKey.fromBytes(evil.compress());
    // the attacker alone "signs for" honest + evil, since pk_honest + pk_evil = pk_x
    BlsSignature forged = BlsMultiSig.sign(attacker.secretKey(), MSG);
    assertTrue(BlsMultiSig.verifyAggregate(List.of(honest.publicKey(), pkEvil), forged, MSG),
        "without PoP checks the rogue-key attack works; this is why the PoP is mandatory");
    // ...but no PoP the attacker can make verifies for pk_evil
    assertFalse(BlsMultiSig.verifyPossession(pkEvil, BlsMultiSig.proveKnowledge(attacker)));
    assertFalse(BlsMultiSig.verifyPossession(pkEvil, BlsMultiSig.proveKnowledge(honest)));
    assertThrows(BlsException.class, () -> BlsMultiSig.proveKnowledge(new BlsKeyPair(attacker.secretKey(), pkEvil)));
    // forging through the raw primitive (sign the PoP message for pk_evil with x) also fails
    byte[] popMsg = concat(new byte[] {25}, BlsMultiSig.POP_DOMAIN.getBytes(StandardCharsets.US_ASCII), pkEvil.toBytes());
    byte[] rawPop = new P1().hash_to(popMsg, BlsMultiSig.POP_DST).mult(scalar(attacker.secretKey())).compress();
    assertFalse(BlsMultiSig.verifyPossession(pkEvil, new BlsProofOfPossession(rawPop)));
  }

  @Test
  void proofOfPossessionFollowsTheIcLayout() {
    BlsKeyPair k = KEYS.get(3);
    // IC multi_sig crate: DomainSeparationContext("ic-multi-sig-bls12381-pop") = 0x19 (25) || ascii,
    // then the 96-byte public key, hashed to G1 with the BLS_POP_ DST. Prefix hex checked by hand.
    byte[] prefix = HexFormat.of().parseHex("19" + "69632d6d756c74692d7369672d626c7331323338312d706f70");
    assertEquals("ic-multi-sig-bls12381-pop", new String(prefix, 1, 25, StandardCharsets.US_ASCII));
    byte[] expected = new P1().hash_to(concat(prefix, k.publicKey().toBytes()), "BLS_POP_BLS12381G1_XMD:SHA-256_SSWU_RO_POP_")
        .mult(scalar(k.secretKey())).compress();
    BlsProofOfPossession pop = BlsMultiSig.proveKnowledge(k);
    assertArrayEquals(expected, pop.bytes());
    assertEquals(pop, BlsMultiSig.proveKnowledge(k));
    // a PoP is not a signature on the key bytes under the message DST, nor another key's PoP
    assertNotEquals(BlsMultiSig.sign(k.secretKey(), concat(prefix, k.publicKey().toBytes())).toBytes(), pop.bytes());
    assertFalse(BlsMultiSig.verifyPossession(KEYS.get(4).publicKey(), pop));
    assertFalse(BlsMultiSig.verifyPossession(k.publicKey(), BlsMultiSig.proveKnowledge(KEYS.get(4))));
  }

  @Test
  void ciphersuitesAreSeparated() {
    BlsKeyPair k = KEYS.get(1);
    BlsSignature multi = BlsMultiSig.sign(k.secretKey(), MSG);
    BlsSignature basic = BlsBasic.sign(k.secretKey(), MSG);
    assertNotEquals(multi, basic);
    assertFalse(BlsBasic.verify(k.publicKey(), multi, MSG));
    assertFalse(BlsMultiSig.verifyIndividual(k.publicKey(), basic, MSG));
    assertEquals("BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_POP_", BlsMultiSig.DST);
    // same seed, different key than BlsBasic; deterministic
    assertNotEquals(BlsBasic.keyPairFromSeed(BlsThresholdTest.seed(50)).publicKey(), k.publicKey() );
    assertEquals(KEYS.get(0).publicKey(), BlsMultiSig.keyPairFromSeed(BlsThresholdTest.seed(50)).publicKey());
    assertThrows(BlsException.class, () -> BlsMultiSig.keyPairFromSeed(new byte[31]));
  }

  @Test
  void malformedPointsAreFalseForVerifyAndThrowForAggregate() {
    BlsKeyPair k = KEYS.get(2);
    BlsSignature good = BlsMultiSig.sign(k.secretKey(), MSG);
    BlsProofOfPossession pop = BlsMultiSig.proveKnowledge(k);
    for (BlsSignature bad : List.of(BadPoints.g1NotOnCurve(), BadPoints.g1NotInSubgroup(), BadPoints.g1Infinity())) {
      assertFalse(BlsMultiSig.verifyIndividual(k.publicKey(), bad, MSG));
      assertFalse(BlsMultiSig.verifyAggregate(List.of(k.publicKey()), bad, MSG));
      assertFalse(BlsMultiSig.verifyPossession(k.publicKey(), new BlsProofOfPossession(bad.toBytes())));
      assertThrows(BlsException.class, () -> BlsMultiSig.aggregate(List.of(good, bad)));
      assertThrows(BlsException.class, () -> BlsMultiSig.aggregate(List.of(bad)));
    }
    for (BlsPublicKey badKey : List.of(BadPoints.g2NotOnCurve(), BadPoints.g2NotInSubgroup(), BadPoints.g2Infinity())) {
      assertFalse(BlsMultiSig.verifyIndividual(badKey, good, MSG));
      assertFalse(BlsMultiSig.verifyAggregate(List.of(k.publicKey(), badKey), good, MSG));
      assertFalse(BlsMultiSig.verifyPossession(badKey, pop));
    }
    // identity key with identity signature would "verify" anything without the identity checks
    assertFalse(BlsMultiSig.verifyIndividual(BadPoints.g2Infinity(), BadPoints.g1Infinity(), MSG));
    assertFalse(BlsMultiSig.verifyPossession(BadPoints.g2Infinity(), new BlsProofOfPossession(BadPoints.g1Infinity().toBytes())));
    // keys that sum to the identity
    BlsPublicKey neg = BlsPublicKey.fromBytes(new P2(new P2_Affine(k.publicKey().toBytes())).neg().compress());
    assertFalse(BlsMultiSig.verifyAggregate(List.of(k.publicKey(), neg), BadPoints.g1Infinity(), MSG));
    assertThrows(BlsException.class, () -> BlsMultiSig.aggregate(List.of()));
    assertThrows(BlsException.class, () -> BlsMultiSig.aggregate(null));
    assertThrows(BlsException.class, () -> BlsMultiSig.aggregate(Arrays.asList(good, null)));
    assertFalse(BlsMultiSig.verifyAggregate(Arrays.asList(k.publicKey(), null), good, MSG));
    assertFalse(BlsMultiSig.verifyAggregate(null, good, MSG));
  }

  @Test
  void proofOfPossessionRecordValidatesAndCopies() {
    assertThrows(BlsException.class, () -> new BlsProofOfPossession(new byte[47]));
    assertThrows(BlsException.class, () -> new BlsProofOfPossession(null));
    byte[] raw = BlsMultiSig.proveKnowledge(KEYS.get(0)).bytes();
    BlsProofOfPossession p = new BlsProofOfPossession(raw);
    raw[0] ^= 1;
    assertNotEquals(raw[0], p.bytes()[0]);
    p.bytes()[1] ^= 1;
    assertTrue(BlsMultiSig.verifyPossession(KEYS.get(0).publicKey(), p));
  }

  static Scalar scalar(BlsSecretKey k) {
    return new Scalar().from_bendian(k.toBytes());
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int o = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, o, p.length);
      o += p.length;
    }
    return out;
  }
}
