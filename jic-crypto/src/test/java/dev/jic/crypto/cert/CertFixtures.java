package dev.jic.crypto.cert;

import dev.jic.crypto.bls.BlsBasic;
import dev.jic.crypto.bls.BlsDer;
import dev.jic.crypto.bls.BlsKeyPair;
import dev.jic.crypto.tree.LabeledTree;
import dev.jic.types.encoding.Leb128;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.id.SubnetId;
import java.util.Arrays;
import java.util.List;

/** Deterministic keys, subnets and certificates for the certificate tests. */
final class CertFixtures {
  static final BlsKeyPair ROOT = keys(1);
  static final BlsKeyPair SUBNET_KEYS = keys(2);
  static final BlsKeyPair OTHER = keys(3);
  static final SubnetId SUBNET =
      new SubnetId(PrincipalId.selfAuthenticating(BlsDer.encode(SUBNET_KEYS.publicKey())));
  static final long TIME_NS = 1_700_000_000_000_000_000L;
  static final CanisterId IN_RANGE = CanisterId.fromU64(5);
  static final CanisterId OUT_OF_RANGE = CanisterId.fromU64(500);
  static final CanisterRanges RANGES =
      new CanisterRanges(
          List.of(
              new CanisterRanges.Range(CanisterId.fromU64(0), CanisterId.fromU64(9)),
              new CanisterRanges.Range(CanisterId.fromU64(20), CanisterId.fromU64(29))));

  private CertFixtures() {}

  static BlsKeyPair keys(int seed) {
    byte[] ikm = new byte[32];
    Arrays.fill(ikm, (byte) seed);
    return BlsBasic.keyPairFromSeed(ikm);
  }

  /** A small state tree with /time and a canister's certified data. */
  static LabeledTree stateTree() {
    return LabeledTree.builder()
        .put(LabeledTree.path("time"), Leb128.encodeUnsigned(TIME_NS))
        .put(LabeledTree.path("canister", IN_RANGE.toBytes(), "certified_data"), new byte[] {1, 2, 3})
        .build();
  }

  /** A root-signed delegation tree for {@link #SUBNET}. */
  static LabeledTree.Builder delegationTree(boolean legacyRanges, boolean shardRanges) {
    LabeledTree.Builder b =
        LabeledTree.builder()
            .put(LabeledTree.path("time"), Leb128.encodeUnsigned(TIME_NS))
            .put(
                LabeledTree.path("subnet", SUBNET.toBytes(), "public_key"),
                BlsDer.encode(SUBNET_KEYS.publicKey()));
    if (legacyRanges) {
      b.put(LabeledTree.path("subnet", SUBNET.toBytes(), "canister_ranges"), RANGES.toCbor());
    }
    if (shardRanges) {
      // Two shards, as in /canister_ranges/<sid>/<first canister id of the shard>.
      for (CanisterRanges.Range r : RANGES.ranges()) {
        b.put(
            LabeledTree.path("canister_ranges", SUBNET.toBytes(), r.start().toBytes()),
            new CanisterRanges(List.of(r)).toCbor());
      }
    }
    return b;
  }

  static Delegation delegation(LabeledTree tree, BlsKeyPair signer) {
    return new Delegation(
        SUBNET, CertificateSigner.sign(tree.toHashTree(), signer.secretKey()).toCbor());
  }
}
