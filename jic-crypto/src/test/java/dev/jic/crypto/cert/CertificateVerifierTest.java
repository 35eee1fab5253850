package dev.jic.crypto.cert;

import static dev.jic.crypto.cert.CertFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.crypto.cert.CertificateVerification.Failure;
import dev.jic.crypto.cert.CertificateVerification.Invalid;
import dev.jic.crypto.cert.CertificateVerification.Valid;
import dev.jic.crypto.tree.HashTree;
import dev.jic.crypto.tree.LabeledTree;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.id.SubnetId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CertificateVerifierTest {
  private static final CertificateScope IN = CertificateScope.canister(IN_RANGE);
  private static final CertificateScope OUT = CertificateScope.canister(OUT_OF_RANGE);

  private static Failure failure(CertificateVerification v) {
    return v instanceof Invalid i ? i.failure() : null;
  }

  private static byte[] delegated(Delegation d) {
    return CertificateSigner.sign(stateTree().toHashTree(), SUBNET_KEYS.secretKey(), d).toCbor();
  }

  @Test
  void rootSignedCertificateVerifiesForAnyScope() {
    byte[] cert = CertificateSigner.sign(stateTree().toHashTree(), ROOT.secretKey()).toCbor();
    CertificateVerification v = CertificateVerifier.verify(cert, ROOT.publicKey(), OUT);
    assertEquals(Optional.empty(), ((Valid) v).delegatedSubnet());
    assertTrue(CertificateVerifier.verify(cert, ROOT.publicKey(), OUT_OF_RANGE).isValid());
    assertTrue(CertificateVerifier.verify(cert, ROOT.publicKey(), SUBNET).isValid());
    assertTrue(
        CertificateVerifier.verify(cert, ROOT.publicKey(), CertificateScope.subnet(SUBNET)).isValid());
  }

  @Test
  void wrongKeyOrTamperedTreeIsBadSignature() {
    Certificate c = CertificateSigner.sign(stateTree().toHashTree(), ROOT.secretKey());
    assertEquals(Failure.BAD_SIGNATURE, failure(CertificateVerifier.verify(c, OTHER.publicKey(), IN)));
    HashTree other =
        LabeledTree.builder().put(LabeledTree.path("time"), new byte[] {1}).build().toHashTree();
    Certificate tampered = new Certificate(other, c.signature(), Optional.empty());
    assertEquals(
        Failure.BAD_SIGNATURE, failure(CertificateVerifier.verify(tampered, ROOT.publicKey(), IN)));
  }

  @Test
  void garbageIsMalformed() {
    assertEquals(
        Failure.MALFORMED,
        failure(CertificateVerifier.verify(new byte[] {(byte) 0xa0}, ROOT.publicKey(), IN)));
  }

  @Test
  void delegationWithLegacyRanges() {
    Delegation d = delegation(delegationTree(true, false).build(), ROOT);
    CertificateVerification v = CertificateVerifier.verify(delegated(d), ROOT.publicKey(), IN);
    assertEquals(Optional.of(SUBNET), ((Valid) v).delegatedSubnet());
    assertTrue(
        CertificateVerifier.verify(delegated(d), ROOT.publicKey(), CertificateScope.canister(CanisterId.fromU64(29)))
            .isValid());
    assertEquals(
        Failure.NOT_AUTHORIZED, failure(CertificateVerifier.verify(delegated(d), ROOT.publicKey(), OUT)));
    assertEquals(
        Failure.NOT_AUTHORIZED,
        failure(CertificateVerifier.verify(delegated(d), ROOT.publicKey(), CertificateScope.canister(CanisterId.fromU64(15)))));
  }

  @Test
  void delegationWithRangeShards() {
    Delegation d = delegation(delegationTree(false, true).build(), ROOT);
    assertTrue(CertificateVerifier.verify(delegated(d), ROOT.publicKey(), IN).isValid());
    assertTrue(
        CertificateVerifier.verify(delegated(d), ROOT.publicKey(), CertificateScope.canister(CanisterId.fromU64(20)))
            .isValid());
    assertEquals(
        Failure.NOT_AUTHORIZED, failure(CertificateVerifier.verify(delegated(d), ROOT.publicKey(), OUT)));
  }

  @Test
  void pruneddelegationWitnessStillVerifies() {
    // The delegation as the IC would ship it: a witness for the subnet's key and ranges only.
    LabeledTree full = delegationTree(true, true).put(LabeledTree.path("subnet", new byte[] {9}, "public_key"), new byte[] {9}).build();
    HashTree witness =
        full.witness(
            List.of(
                LabeledTree.path("time"),
                LabeledTree.path("subnet", SUBNET.toBytes(), "public_key"),
                LabeledTree.path("canister_ranges", SUBNET.toBytes())));
    Delegation d =
        new Delegation(SUBNET, CertificateSigner.sign(witness, ROOT.secretKey()).toCbor());
    assertTrue(CertificateVerifier.verify(delegated(d), ROOT.publicKey(), IN).isValid());
  }

  @Test
  void subnetScope() {
    Delegation d = delegation(delegationTree(true, false).build(), ROOT);
    assertTrue(
        CertificateVerifier.verify(delegated(d), ROOT.publicKey(), CertificateScope.subnet(SUBNET)).isValid());
    SubnetId other = new SubnetId(PrincipalId.of(new byte[] {1, 2, 3}));
    assertEquals(
        Failure.NOT_AUTHORIZED,
        failure(CertificateVerifier.verify(delegated(d), ROOT.publicKey(), CertificateScope.subnet(other))));
  }

  @Test
  void delegationFailures() {
    // Delegation signed by a key other than the root key.
    assertEquals(
        Failure.DELEGATION_BAD_SIGNATURE,
        failure(CertificateVerifier.verify(delegated(delegation(delegationTree(true, false).build(), OTHER)), ROOT.publicKey(), IN)));
    // Main certificate signed by the root key although it carries a delegation.
    Delegation good = delegation(delegationTree(true, false).build(), ROOT);
    byte[] wrongSigner = CertificateSigner.sign(stateTree().toHashTree(), ROOT.secretKey(), good).toCbor();
    assertEquals(Failure.BAD_SIGNATURE, failure(CertificateVerifier.verify(wrongSigner, ROOT.publicKey(), IN)));
    // Nested delegation.
    Certificate nestedInner = CertificateSigner.sign(delegationTree(true, false).build().toHashTree(), ROOT.secretKey(), good);
    Delegation nested = new Delegation(SUBNET, nestedInner.toCbor());
    assertEquals(Failure.DELEGATION_NESTED, failure(CertificateVerifier.verify(delegated(nested), ROOT.publicKey(), IN)));
    // Garbage delegation certificate.
    assertEquals(
        Failure.DELEGATION_MALFORMED,
        failure(CertificateVerifier.verify(delegated(new Delegation(SUBNET, new byte[] {1})), ROOT.publicKey(), IN)));
  }

  @Test
  void subnetKeyAndRangeFailures() {
    LabeledTree noKey =
        LabeledTree.builder()
            .put(LabeledTree.path("subnet", SUBNET.toBytes(), "canister_ranges"), RANGES.toCbor())
            .build();
    assertEquals(
        Failure.SUBNET_KEY_MISSING,
        failure(CertificateVerifier.verify(delegated(delegation(noKey, ROOT)), ROOT.publicKey(), IN)));
    LabeledTree badKey =
        LabeledTree.builder()
            .put(LabeledTree.path("subnet", SUBNET.toBytes(), "public_key"), SUBNET_KEYS.publicKey().toBytes())
            .build();
    assertEquals(
        Failure.SUBNET_KEY_MALFORMED,
        failure(CertificateVerifier.verify(delegated(delegation(badKey, ROOT)), ROOT.publicKey(), IN)));
    assertEquals(
        Failure.CANISTER_RANGES_MISSING,
        failure(CertificateVerifier.verify(delegated(delegation(delegationTree(false, false).build(), ROOT)), ROOT.publicKey(), IN)));
    LabeledTree badRanges =
        delegationTree(false, false)
            .put(LabeledTree.path("subnet", SUBNET.toBytes(), "canister_ranges"), new byte[] {(byte) 0x81, 0x01})
            .build();
    assertEquals(
        Failure.CANISTER_RANGES_MALFORMED,
        failure(CertificateVerifier.verify(delegated(delegation(badRanges, ROOT)), ROOT.publicKey(), IN)));
  }
}
