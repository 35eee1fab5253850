package dev.jic.crypto.sig;

import static dev.jic.crypto.sig.CanisterSigFixtures.OTHER;
import static dev.jic.crypto.sig.CanisterSigFixtures.ROOT;
import static dev.jic.crypto.sig.CanisterSigFixtures.concat;
import static dev.jic.crypto.sig.CanisterSigFixtures.head;
import static dev.jic.crypto.sig.CanisterSigFixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.crypto.bls.BlsPublicKey;
import dev.jic.crypto.cert.Certificate;
import dev.jic.crypto.tree.HashTree;
import dev.jic.crypto.tree.HashTreeCbor;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.Sha;
import dev.jic.types.id.CanisterId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CanisterSignatureVerifierTest {
  private static final CanisterId CID = CanisterId.fromU64(7);
  private static final byte[] SEED = "user anchor 10000".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MSG = concat(new byte[] {0x1a}, "ic-request-auth-delegation".getBytes(StandardCharsets.US_ASCII),
      Sha.sha256("a delegation".getBytes(StandardCharsets.US_ASCII)));
  private static final BlsPublicKey ROOT_KEY = ROOT.publicKey();
  private static final HashTree GOOD_TREE = CanisterSigFixtures.sigTree(SEED, MSG, new byte[0]);

  private static UserPublicKey.CanisterSignature key(CanisterId cid, byte[] seed) {
    try {
      return assertInstanceOf(UserPublicKey.CanisterSignature.class, DerPublicKeys.parse(CanisterSigFixtures.der(cid, seed)));
    } catch (DecodeException e) {
      throw new AssertionError(e);
    }
  }

  private static VerificationResult verify(byte[] signature) {
    return CanisterSignatureVerifier.verify(key(CID, SEED), MSG, signature, ROOT_KEY);
  }

  private static void invalid(VerificationResult r, String expectedReasonPart) {
    var bad = assertInstanceOf(VerificationResult.Invalid.class, r, () -> r.toString());
    assertTrue(bad.reason().contains(expectedReasonPart), bad.reason());
  }

  @Test
  void derOfTheSpecsLayoutParsesToCanisterAndSeed() {
    // Hand-assembled from the spec: SEQUENCE(45) { SEQUENCE(12) { OID 1.3.6.1.4.1.56387.1.2 },
    // BIT STRING(29) 00 | 0a | cid 00000000000000070101 | seed "user anchor 10000" }
    String expected = "302d300c060a2b0601040183b8430102031d00" + "0a" + "00000000000000070101"
        + HexFormat.of().formatHex(SEED);
    assertEquals(expected, HexFormat.of().formatHex(CanisterSigFixtures.der(CID, SEED)));
    var k = key(CID, SEED);
    assertEquals(CID, k.signingCanister());
    assertTrue(Arrays.equals(SEED, k.seed()));
  }

  @Test
  void rootSignedSignatureVerifies() {
    assertEquals(VerificationResult.VALID, verify(CanisterSigFixtures.sign(CID, SEED, MSG)));
  }

  @Test
  void delegatedSignatureVerifies() {
    assertEquals(VerificationResult.VALID, verify(CanisterSigFixtures.signDelegated(CID, SEED, MSG)));
  }

  @Test
  void wrongSeedOrMessage() {
    byte[] sig = CanisterSigFixtures.sign(CID, SEED, MSG);
    byte[] otherSeed = SEED.clone();
    otherSeed[0] ^= 1;
    invalid(CanisterSignatureVerifier.verify(key(CID, otherSeed), MSG, sig, ROOT_KEY), "does not contain sig/");
    byte[] otherMsg = MSG.clone();
    otherMsg[otherMsg.length - 1] ^= 1;
    invalid(CanisterSignatureVerifier.verify(key(CID, SEED), otherMsg, sig, ROOT_KEY), "does not contain sig/");
  }

  @Test
  void treeWhoseRootIsNotTheCertifiedData() {
    HashTree other = CanisterSigFixtures.sigTree(SEED, MSG, new byte[0]);
    // a tree with the right sig path but a different pruned sibling has another root hash
    HashTree different = HashTree.fork(((HashTree.Fork) other).left(), HashTree.pruned(new byte[32]));
    byte[] cert = CanisterSigFixtures.rootCertificate(CID, GOOD_TREE.digest(), ROOT).toCbor();
    invalid(verify(CanisterSigFixtures.signature(cert, different)), "not the signature tree's root hash");
  }

  @Test
  void certifiedDataOfAnotherCanister() {
    CanisterId other = CanisterId.fromU64(8);
    byte[] cert = CanisterSigFixtures.rootCertificate(other, GOOD_TREE.digest(), ROOT).toCbor();
    invalid(verify(CanisterSigFixtures.signature(cert, GOOD_TREE)), "does not reveal certified_data");
    // and the key of the other canister over the same signature is fine
    assertEquals(VerificationResult.VALID,
        CanisterSignatureVerifier.verify(key(other, SEED), MSG, CanisterSigFixtures.signature(cert, GOOD_TREE), ROOT_KEY));
  }

  @Test
  void certificateSignedByAnotherKey() {
    byte[] cert = CanisterSigFixtures.rootCertificate(CID, GOOD_TREE.digest(), OTHER).toCbor();
    invalid(verify(CanisterSigFixtures.signature(cert, GOOD_TREE)), "BAD_SIGNATURE");
    // and under the other root key it verifies: the root key is what decides
    assertEquals(VerificationResult.VALID,
        CanisterSignatureVerifier.verify(key(CID, SEED), MSG, CanisterSigFixtures.signature(cert, GOOD_TREE), OTHER.publicKey()));
  }

  @Test
  void canisterOutsideTheDelegationsRanges() {
    CanisterId outside = CanisterId.fromU64(100); // ranges are 0..99
    HashTree tree = GOOD_TREE;
    byte[] cert = CanisterSigFixtures.delegatedCertificate(outside, tree.digest(), "application").toCbor();
    invalid(CanisterSignatureVerifier.verify(key(outside, SEED), MSG, CanisterSigFixtures.signature(cert, tree), ROOT_KEY),
        "NOT_AUTHORIZED");
  }

  @Test
  void delegationSubnetTypeMustBePresentAndNotCloudEngine() {
    byte[] noType = CanisterSigFixtures.delegatedCertificate(CID, GOOD_TREE.digest(), null).toCbor();
    invalid(verify(CanisterSigFixtures.signature(noType, GOOD_TREE)), "/type");
    byte[] cloud = CanisterSigFixtures.delegatedCertificate(CID, GOOD_TREE.digest(), "cloud_engine").toCbor();
    invalid(verify(CanisterSigFixtures.signature(cloud, GOOD_TREE)), "cloud_engine");
    for (String t : new String[] {"system", "verified_application"}) {
      byte[] ok = CanisterSigFixtures.delegatedCertificate(CID, GOOD_TREE.digest(), t).toCbor();
      assertEquals(VerificationResult.VALID, verify(CanisterSigFixtures.signature(ok, GOOD_TREE)), t);
    }
  }

  @Test
  void sigLeafMustBeEmpty() {
    HashTree tree = CanisterSigFixtures.sigTree(SEED, MSG, new byte[] {0});
    byte[] cert = CanisterSigFixtures.rootCertificate(CID, tree.digest(), ROOT).toCbor();
    invalid(verify(CanisterSigFixtures.signature(cert, tree)), "not empty");
  }

  @Test
  void sigPathEndingAtAnInnerNodeOrPrunedIsInvalid() {
    HashTree inner = HashTree.labeled("sig", HashTree.labeled(Sha.sha256(SEED),
        HashTree.labeled(Sha.sha256(MSG), HashTree.labeled("x", HashTree.leaf(new byte[0])))));
    HashTree pruned = HashTree.labeled("sig", HashTree.labeled(Sha.sha256(SEED), HashTree.pruned(new byte[32])));
    for (HashTree t : new HashTree[] {inner, pruned}) {
      byte[] cert = CanisterSigFixtures.rootCertificate(CID, t.digest(), ROOT).toCbor();
      invalid(verify(CanisterSigFixtures.signature(cert, t)), "does not contain sig/");
    }
  }

  @Test
  void malformedSignatureBytesAreInvalidNeverExceptions() {
    byte[] good = CanisterSigFixtures.sign(CID, SEED, MSG);
    byte[] cert = CanisterSigFixtures.rootCertificate(CID, GOOD_TREE.digest(), ROOT).toCbor();
    byte[] treeCbor = HashTreeCbor.encode(GOOD_TREE);
    byte[] certField = concat(text("certificate"), head(2, cert.length), cert);
    byte[] treeField = concat(text("tree"), treeCbor);
    byte[] tag = HexFormat.of().parseHex("d9d9f7");
    // no tag at all / a different tag / tag twice
    invalid(verify(Arrays.copyOfRange(good, 3, good.length)), "self-describe");
    invalid(verify(concat(HexFormat.of().parseHex("d8 18".replace(" ", "")), Arrays.copyOfRange(good, 3, good.length))), "self-describe");
    invalid(verify(concat(tag, good)), "exactly one CBOR tag");
    // empty, truncated, trailing bytes, not a map
    invalid(verify(new byte[0]), "self-describe");
    invalid(verify(Arrays.copyOf(good, good.length - 1)), "invalid CBOR");
    invalid(verify(concat(good, new byte[] {0})), "invalid CBOR");
    invalid(verify(concat(tag, HexFormat.of().parseHex("80"))), "not a CBOR map");
    // missing fields, wrong types
    invalid(verify(concat(tag, new byte[] {(byte) 0xa1}, treeField)), "certificate is missing");
    invalid(verify(concat(tag, new byte[] {(byte) 0xa1}, certField)), "tree is missing");
    invalid(verify(concat(tag, new byte[] {(byte) 0xa2}, treeField, text("certificate"), text("not bytes"))), "certificate is missing or not");
    invalid(verify(concat(tag, new byte[] {(byte) 0xa2}, certField, text("tree"), head(2, treeCbor.length), treeCbor)), "hash tree");
    // a certificate that is not a certificate
    invalid(verify(concat(tag, new byte[] {(byte) 0xa2}, treeField, text("certificate"), head(2, 3), new byte[] {1, 2, 3})),
        "malformed certificate");
    // an ill-formed tree (labels out of order)
    HashTree unordered = HashTree.fork(HashTree.labeled("z", HashTree.leaf(new byte[0])), ((HashTree.Fork) GOOD_TREE).left());
    invalid(verify(CanisterSigFixtures.signature(cert, unordered)), "ill-formed");
    // unknown extra fields are ignored (as the IC's serde decoder does)
    byte[] extra = concat(tag, new byte[] {(byte) 0xa3}, treeField, text("extra"), new byte[] {0}, certField);
    assertEquals(VerificationResult.VALID, verify(extra));
  }

  @Test
  void deeplyNestedTreesAreInvalidNotAStackOverflow() {
    byte[] tag = HexFormat.of().parseHex("d9d9f7");
    for (int depth : new int[] {200, 100_000}) {
      // tree: [2, h'', [2, h'', ... [0] ...]]: valid CBOR, labeled nodes nested depth times
      byte[] nest = new byte[depth * 3 + 2];
      for (int i = 0; i < depth; i++) {
        nest[3 * i] = (byte) 0x83;
        nest[3 * i + 1] = 0x02;
        nest[3 * i + 2] = 0x40;
      }
      nest[depth * 3] = (byte) 0x81;
      nest[depth * 3 + 1] = 0x00;
      byte[] sig = concat(tag, new byte[] {(byte) 0xa1}, text("tree"), nest);
      invalid(verify(sig), "malformed signature");
    }
  }

  @Test
  void randomMutationsNeverThrowAndNeverVerify() {
    byte[] good = CanisterSigFixtures.sign(CID, SEED, MSG);
    Random rnd = new Random(1234); // seeded: reproducible
    for (int i = 0; i < 300; i++) {
      byte[] m = good.clone();
      int flips = 1 + rnd.nextInt(3);
      for (int j = 0; j < flips; j++) {
        m[rnd.nextInt(m.length)] ^= (byte) (1 << rnd.nextInt(8));
      }
      if (Arrays.equals(m, good)) {
        continue;
      }
      VerificationResult r = verify(m);
      // every byte is framing or part of a hashed or signed structure, so no flip can verify
      assertInstanceOf(VerificationResult.Invalid.class, r, "mutation " + i);
    }
  }

  @Test
  void cacheAnswersOnlyForTheRootKeyItVerifiedWith() {
    var cache = new VerifiedSignatureCache(16);
    byte[] sig = CanisterSigFixtures.sign(CID, SEED, MSG);
    var k = key(CID, SEED);
    assertEquals(VerificationResult.VALID, cache.verify(k, MSG, sig, ROOT_KEY));
    assertTrue(cache.contains(k, MSG, sig, ROOT_KEY));
    assertTrue(!cache.contains(k, MSG, sig, OTHER.publicKey()) && !cache.contains(k, MSG, sig), "bound to the root key");
    invalid(cache.verify(k, MSG, sig, OTHER.publicKey()), "BAD_SIGNATURE");
    assertInstanceOf(VerificationResult.Unsupported.class, cache.verify(k, MSG, sig));
    assertEquals(1, cache.size());
  }

  @Test
  void certificateDecodesAndCarriesTheTreeRoot() throws DecodeException {
    // sanity of the fixture: the certificate reveals the tree's root as certified data
    byte[] cert = CanisterSigFixtures.rootCertificate(CID, GOOD_TREE.digest(), ROOT).toCbor();
    var found = Certificate.fromCbor(cert).tree().lookup("canister", CID.toBytes(), "certified_data");
    assertEquals(new dev.jic.crypto.tree.LookupResult.Found(GOOD_TREE.digest()), found);
  }
}
