package dev.jic.crypto.bls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties over random subsets of signers (keys dealt once; only combination varies). */
class BlsPropertiesTest {

  private static final int T = 5;
  private static final int N = 9;
  private static final byte[] MSG = "random_beacon_content height 7".getBytes(StandardCharsets.UTF_8);
  private static final byte[] SEED = BlsThresholdTest.seed(77);
  private static final ThresholdKeys KEYS = BlsThreshold.deal(T, N, SEED);
  private static final BlsSignature MASTER_SIG = BlsBasic.sign(BlsThresholdTest.masterKey(SEED), MSG);
  private static final List<BlsSignature> SHARES = new ArrayList<>();
  private static final List<BlsKeyPair> SIGNERS = new ArrayList<>();
  private static final List<BlsSignature> MULTI = new ArrayList<>();

  static {
    for (int i = 0; i < N; i++) {
      SHARES.add(BlsThreshold.signShare(KEYS.secretShares().get(i), MSG));
      BlsKeyPair k = BlsMultiSig.keyPairFromSeed(BlsThresholdTest.seed(200 + i));
      SIGNERS.add(k);
      MULTI.add(BlsMultiSig.sign(k.secretKey(), MSG));
    }
  }

  @Provide
  Arbitrary<Set<Integer>> nodeSets() {
    return Arbitraries.integers().between(0, N - 1).set().ofMinSize(1).ofMaxSize(N);
  }

  @Property(tries = 150)
  void anySubsetOfAtLeastThresholdGivesTheMasterSignature(@ForAll("nodeSets") Set<Integer> nodes) {
    SortedMap<Integer, BlsSignature> m = new TreeMap<>();
    for (int i : nodes) {
      m.put(i, SHARES.get(i));
    }
    if (nodes.size() >= T) {
      BlsSignature s = BlsThreshold.combine(T, m);
      assertEquals(MASTER_SIG, s);
      assertTrue(BlsThreshold.verify(KEYS.publicKey(), s, MSG));
    } else {
      assertThrows(BlsException.class, () -> BlsThreshold.combine(T, m));
    }
  }

  @Property(tries = 60)
  void multiSignatureVerifiesExactlyForItsSignerSet(
      @ForAll("nodeSets") Set<Integer> signed, @ForAll("nodeSets") Set<Integer> claimed) {
    List<BlsSignature> sigs = new ArrayList<>();
    for (int i : new TreeMap<>(toMap(signed)).keySet()) {
      sigs.add(MULTI.get(i));
    }
    List<BlsPublicKey> keys = new ArrayList<>();
    for (int i : claimed) {
      keys.add(SIGNERS.get(i).publicKey());
    }
    BlsSignature agg = BlsMultiSig.aggregate(sigs);
    boolean ok = BlsMultiSig.verifyAggregate(keys, agg, MSG);
    if (signed.equals(claimed)) {
      assertTrue(ok);
    } else {
      assertFalse(ok);
    }
  }

  private static SortedMap<Integer, Boolean> toMap(Set<Integer> s) {
    SortedMap<Integer, Boolean> m = new TreeMap<>();
    s.forEach(i -> m.put(i, true));
    return m;
  }
}
