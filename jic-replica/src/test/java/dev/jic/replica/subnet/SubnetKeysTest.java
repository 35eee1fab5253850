package dev.jic.replica.subnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.consensus.crypto.ThresholdKey;
import dev.jic.consensus.artifact.CertificationContent;
import dev.jic.consensus.artifact.CryptoHash;
import dev.jic.consensus.artifact.Signature;
import dev.jic.crypto.bls.BlsBasic;
import dev.jic.crypto.bls.BlsDer;
import dev.jic.crypto.bls.BlsSignature;
import dev.jic.crypto.cert.CertificateSigner;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.id.SubnetId;
import dev.jic.types.unit.Height;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dealt keys of a local subnet: stable on disk, bound to the subnet id, and a threshold root key agents can verify. */
class SubnetKeysTest {
  @TempDir Path dir;

  @Test
  void keysSurviveAReloadAndRefuseAnotherSize() {
    SubnetKeys a = SubnetKeys.loadOrCreate(dir, 4, 123);
    SubnetKeys b = SubnetKeys.loadOrCreate(dir, 4, 999);
    assertArrayEquals(a.rootKeyDer(), b.rootKeyDer());
    assertEquals(a.nodeIds(), b.nodeIds());
    assertEquals(123, b.genesisTimeNanos(), "the genesis time is the first start's");
    assertEquals(4, a.nodeIds().size());
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> SubnetKeys.loadOrCreate(dir, 7, 0));
    assertTrue(e.getMessage().contains("4-node network"), e.getMessage());
  }

  @Test
  void theSubnetIdIsTheRootKeysAndThreeOfFourSharesMakeASignatureUnderIt() {
    List<byte[]> seeds = List.of(new byte[32], filled(1), filled(2), filled(3));
    SubnetKeys k = SubnetKeys.deal(42, seeds, 0);
    assertEquals(new SubnetId(PrincipalId.selfAuthenticating(k.rootKeyDer())), k.subnetId());
    assertArrayEquals(k.rootKeyDer(), SubnetKeys.deal(42, seeds, 0).rootKeyDer(), "deterministic in the seeds");
    assertNotEquals(k.subnetId(), SubnetKeys.deal(43, seeds, 0).subnetId());
    List<?> sorted = k.nodeIds().stream().sorted().toList();
    assertEquals(sorted, k.nodeIds(), "node ids in ascending order");

    // The certification path: 3 shares (2f+1 of 4) combine into a signature that verifies, under the
    // DER root key agents fetch, as the IC's ic-state-root signature on the state hash.
    CertificationContent c = new CertificationContent(1, Height.of(5), CryptoHash.of(filled(7)));
    TreeMap<dev.jic.types.id.NodeId, Signature> shares = new TreeMap<>();
    for (int i = 0; i < 3; i++) {
      var crypto = k.material().forNode(k.nodeIds().get(i));
      shares.put(k.nodeIds().get(i), crypto.signThresholdShare(ThresholdKey.HIGH, c));
    }
    TreeMap<dev.jic.types.id.NodeId, Signature> two = new TreeMap<>(shares);
    two.remove(two.firstKey());
    assertTrue(k.material().forNode(k.nodeIds().get(3)).combineThreshold(ThresholdKey.HIGH, c, two).isEmpty(),
        "two shares are below the threshold");
    Signature sig = k.material().forNode(k.nodeIds().get(3)).combineThreshold(ThresholdKey.HIGH, c, shares).orElseThrow();
    assertTrue(BlsBasic.verify(BlsDer.decode(k.rootKeyDer()), BlsSignature.fromBytes(sig.toBytes()),
        CertificateSigner.signedMessage(filled(7))));
  }

  private static byte[] filled(int v) {
    byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) v);
    return b;
  }
}
