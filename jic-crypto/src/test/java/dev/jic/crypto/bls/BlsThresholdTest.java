package dev.jic.crypto.bls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import supranational.blst.SecretKey;

class BlsThresholdTest {

  private static final byte[] MSG = "\ric-state-root example root hash".getBytes(StandardCharsets.UTF_8);

  static byte[] seed(int tag) {
    byte[] s = new byte[32];
    for (int i = 0; i < s.length; i++) {
      s[i] = (byte) (tag * 31 + i);
    }
    return s;
  }

  /** f(0) recomputed independently from the documented derivation (coefficient 0 = KeyGen(seed, info+"0")). */
  static BlsSecretKey masterKey(byte[] seed) {
    SecretKey k = new SecretKey();
    k.keygen(seed, "jic-bls-threshold-coefficient-0");
    return BlsSecretKey.fromBytes(k.to_bendian());
  }

  static SortedMap<Integer, BlsSignature> shares(ThresholdKeys keys, byte[] msg, int... nodes) {
    SortedMap<Integer, BlsSignature> m = new TreeMap<>();
    for (int i : nodes) {
      m.put(i, BlsThreshold.signShare(keys.secretShares().get(i), msg));
    }
    return m;
  }

  /** All subsets of {0..n-1} of size k, as sorted index arrays. */
  static List<int[]> subsets(int n, int k) {
    List<int[]> out = new ArrayList<>();
    for (int mask = 0; mask < (1 << n); mask++) {
      if (Integer.bitCount(mask) == k) {
        int[] s = new int[k];
        int j = 0;
        for (int i = 0; i < n; i++) {
          if ((mask & (1 << i)) != 0) {
            s[j++] = i;
          }
        }
        out.add(s);
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}-of-{1}")
  @CsvSource({"1,1", "3,4", "5,7", "9,13", "2,3", "4,4"})
  void everyThresholdSubsetCombinesToTheMasterSignature(int t, int n) {
    byte[] seed = seed(t * 100 + n);
    ThresholdKeys keys = BlsThreshold.deal(t, n, seed);
    assertEquals(t, keys.threshold());
    assertEquals(n, keys.nodeCount());
    assertEquals(n, keys.secretShares().size());

    BlsSecretKey master = masterKey(seed);
    assertEquals(BlsBasic.publicKey(master), keys.publicKey());
    BlsSignature expected = BlsBasic.sign(master, MSG);

    SortedMap<Integer, BlsSignature> all = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      assertEquals(BlsBasic.publicKey(keys.secretShares().get(i)), keys.sharePublicKeys().get(i));
      BlsSignature s = BlsThreshold.signShare(keys.secretShares().get(i), MSG);
      assertTrue(BlsThreshold.verifyShare(keys.sharePublicKeys().get(i), s, MSG));
      if (n > 1) {
        // a share does not verify under another node's share key
        assertFalse(BlsThreshold.verifyShare(keys.sharePublicKeys().get((i + 1) % n), s, MSG));
      }
      all.put(i, s);
    }
    for (int[] subset : subsets(n, t)) {
      SortedMap<Integer, BlsSignature> m = new TreeMap<>();
      for (int i : subset) {
        m.put(i, all.get(i));
      }
      assertEquals(expected, BlsThreshold.combine(t, m), () -> "subset " + java.util.Arrays.toString(subset));
    }
    BlsSignature combinedAll = BlsThreshold.combine(t, all);
    assertEquals(expected, combinedAll);
    assertTrue(BlsThreshold.verify(keys.publicKey(), combinedAll, MSG));
    assertTrue(BlsBasic.verify(keys.publicKey(), combinedAll, MSG));
    assertFalse(BlsThreshold.verify(keys.publicKey(), combinedAll, "other".getBytes(StandardCharsets.UTF_8)));

    if (t > 1) {
      SortedMap<Integer, BlsSignature> tooFew = new TreeMap<>(all.headMap(t - 1));
      assertEquals(t - 1, tooFew.size());
      BlsException e = assertThrows(BlsException.class, () -> BlsThreshold.combine(t, tooFew));
      assertTrue(e.getMessage().contains("need " + t), e.getMessage());
      // t-1 shares "combined" as if the threshold were t-1 give a different, invalid signature
      BlsSignature wrong = BlsThreshold.combine(t - 1, tooFew);
      assertNotEquals(expected, wrong);
      assertFalse(BlsThreshold.verify(keys.publicKey(), wrong, MSG));
    }
  }

  @Test
  void lowestIndicesAreUsedWhateverTheMapComparator() {
    ThresholdKeys keys = BlsThreshold.deal(3, 5, seed(7));
    SortedMap<Integer, BlsSignature> reversed = new TreeMap<>(Comparator.reverseOrder());
    reversed.putAll(shares(keys, MSG, 0, 1, 2, 3, 4));
    // replace node 4's share (unused: not among the 3 lowest) by a share on another message
    reversed.put(4, BlsThreshold.signShare(keys.secretShares().get(4), "x".getBytes(StandardCharsets.UTF_8)));
    BlsSignature s = BlsThreshold.combine(3, reversed);
    assertEquals(BlsBasic.sign(masterKey(seed(7)), MSG), s);
  }

  @Test
  void wrongShareIsDetectedAndSpoilsTheCombination() {
    ThresholdKeys keys = BlsThreshold.deal(3, 4, seed(8));
    SortedMap<Integer, BlsSignature> m = shares(keys, MSG, 0, 1, 2);
    // node 1 signs another message
    BlsSignature bad = BlsThreshold.signShare(keys.secretShares().get(1), "not the message".getBytes(StandardCharsets.UTF_8));
    assertFalse(BlsThreshold.verifyShare(keys.sharePublicKeys().get(1), bad, MSG));
    m.put(1, bad);
    BlsSignature combined = BlsThreshold.combine(3, m);
    assertFalse(BlsThreshold.verify(keys.publicKey(), combined, MSG));

    // node 2 submits node 3's share under its own index
    SortedMap<Integer, BlsSignature> swapped = shares(keys, MSG, 0, 1);
    BlsSignature share3 = BlsThreshold.signShare(keys.secretShares().get(3), MSG);
    assertFalse(BlsThreshold.verifyShare(keys.sharePublicKeys().get(2), share3, MSG));
    swapped.put(2, share3);
    assertFalse(BlsThreshold.verify(keys.publicKey(), BlsThreshold.combine(3, swapped), MSG));
  }

  @Test
  void malformedPointsAreFalseForVerifyAndThrowForCombine() {
    ThresholdKeys keys = BlsThreshold.deal(2, 3, seed(9));
    BlsPublicKey pk = keys.sharePublicKeys().get(0);
    BlsSignature good = BlsThreshold.signShare(keys.secretShares().get(0), MSG);
    for (BlsSignature bad : List.of(BadPoints.g1NotOnCurve(), BadPoints.g1NotInSubgroup(), BadPoints.g1Infinity())) {
      assertFalse(BlsThreshold.verifyShare(pk, bad, MSG));
      assertFalse(BlsThreshold.verify(keys.publicKey(), bad, MSG));
      SortedMap<Integer, BlsSignature> m = shares(keys, MSG, 0, 1);
      m.put(2, bad); // even an unused share must be a valid point
      assertThrows(BlsException.class, () -> BlsThreshold.combine(2, m));
      SortedMap<Integer, BlsSignature> m2 = shares(keys, MSG, 0);
      m2.put(1, bad);
      assertThrows(BlsException.class, () -> BlsThreshold.combine(2, m2));
    }
    for (BlsPublicKey badKey : List.of(BadPoints.g2NotOnCurve(), BadPoints.g2NotInSubgroup(), BadPoints.g2Infinity())) {
      assertFalse(BlsThreshold.verifyShare(badKey, good, MSG));
      assertFalse(BlsThreshold.verify(badKey, good, MSG));
    }
  }

  @Test
  void combineRejectsBadIndicesAndArguments() {
    ThresholdKeys keys = BlsThreshold.deal(2, 3, seed(10));
    BlsSignature s = BlsThreshold.signShare(keys.secretShares().get(0), MSG);
    SortedMap<Integer, BlsSignature> negative = new TreeMap<>(shares(keys, MSG, 0));
    negative.put(-1, s);
    assertThrows(BlsException.class, () -> BlsThreshold.combine(2, negative));
    SortedMap<Integer, BlsSignature> max = new TreeMap<>(shares(keys, MSG, 0));
    max.put(Integer.MAX_VALUE, s);
    assertThrows(BlsException.class, () -> BlsThreshold.combine(2, max));
    SortedMap<Integer, BlsSignature> nullShare = new TreeMap<>(shares(keys, MSG, 0));
    nullShare.put(1, null);
    assertThrows(BlsException.class, () -> BlsThreshold.combine(2, nullShare));
    assertThrows(BlsException.class, () -> BlsThreshold.combine(0, shares(keys, MSG, 0, 1)));
    assertThrows(BlsException.class, () -> BlsThreshold.combine(1, null));
    assertThrows(BlsException.class, () -> BlsThreshold.combine(1, new TreeMap<>()));
  }

  @Test
  void dealingIsDeterministicAndValidatesArguments() {
    ThresholdKeys a = BlsThreshold.deal(3, 4, seed(11));
    ThresholdKeys b = BlsThreshold.deal(3, 4, seed(11));
    ThresholdKeys c = BlsThreshold.deal(3, 4, seed(12));
    assertEquals(a.publicKey(), b.publicKey());
    assertEquals(a.sharePublicKeys(), b.sharePublicKeys());
    assertEquals(a.secretShares(), b.secretShares());
    assertEquals(a, b);
    assertNotEquals(a.secretShares().get(0), a.secretShares().get(1));
    assertNotEquals(a.publicKey(), c.publicKey());
    // the master key depends on the seed only, not on t or n (coefficient 0 is derived alone)
    assertEquals(a.publicKey(), BlsThreshold.deal(2, 7, seed(11)).publicKey());
    // the threshold keys differ from a plain key pair from the same seed
    assertNotEquals(BlsBasic.keyPairFromSeed(seed(11)).publicKey(), a.publicKey());

    assertThrows(BlsException.class, () -> BlsThreshold.deal(0, 4, seed(1)));
    assertThrows(BlsException.class, () -> BlsThreshold.deal(5, 4, seed(1)));
    assertThrows(BlsException.class, () -> BlsThreshold.deal(1, 0, seed(1)));
    assertThrows(BlsException.class, () -> BlsThreshold.deal(1, 1, new byte[31]));
    assertThrows(BlsException.class, () -> BlsThreshold.deal(1, 1, null));
  }

  @Test
  void thresholdKeysRecordValidatesAndCopies() {
    ThresholdKeys k = BlsThreshold.deal(2, 3, seed(13));
    ThresholdKeys pub = k.publicOnly();
    assertTrue(pub.secretShares().isEmpty());
    assertEquals(k.sharePublicKeys(), pub.sharePublicKeys());
    assertThrows(BlsException.class, () -> new ThresholdKeys(4, k.publicKey(), k.sharePublicKeys(), List.of()));
    assertThrows(BlsException.class, () -> new ThresholdKeys(0, k.publicKey(), k.sharePublicKeys(), List.of()));
    assertThrows(BlsException.class,
        () -> new ThresholdKeys(2, k.publicKey(), k.sharePublicKeys(), k.secretShares().subList(0, 2)));
    List<BlsPublicKey> mutable = new ArrayList<>(k.sharePublicKeys());
    ThresholdKeys copy = new ThresholdKeys(2, k.publicKey(), mutable, List.of());
    mutable.clear();
    assertEquals(3, copy.nodeCount());
    assertFalse(k.toString().contains(k.secretShares().get(0).scalar().toString(16)));
  }

  @Test
  void lagrangeCoefficientsInterpolateAConstant() {
    // For f = constant c, sum(λ_i)·c = c, so the coefficients must sum to 1 mod r.
    BigInteger[] xs = {BigInteger.ONE, BigInteger.valueOf(3), BigInteger.valueOf(4), BigInteger.valueOf(9)};
    BigInteger sum = BigInteger.ZERO;
    for (BigInteger l : BlsThreshold.lagrangeAtZero(xs)) {
      sum = sum.add(l);
    }
    assertEquals(BigInteger.ONE, sum.mod(BlsSecretKey.ORDER));
    // two points x=1,2: λ_1 = 2, λ_2 = -1
    BigInteger[] l2 = BlsThreshold.lagrangeAtZero(new BigInteger[] {BigInteger.ONE, BigInteger.TWO});
    assertEquals(BigInteger.TWO, l2[0]);
    assertEquals(BlsSecretKey.ORDER.subtract(BigInteger.ONE), l2[1]);
  }
}
