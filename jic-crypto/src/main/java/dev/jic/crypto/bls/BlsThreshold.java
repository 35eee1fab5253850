package dev.jic.crypto.bls;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.SecretKey;

/**
 * Threshold BLS12-381 signatures in the IC ciphersuite ({@link BlsBasic#DST}): what signs random
 * beacons, random tapes, catch-up packages and state certifications. Shares and combined
 * signatures are G1 points (48 B); keys are G2 points (96 B). A combined signature is
 * byte-identical to a basic BLS signature under the master key, so certificates verify with
 * {@link BlsBasic#verify}.
 *
 * <p>Keys come from a trusted dealer ({@link #deal}); the IC's non-interactive DKG (NI-DKG)
 * replaces the dealer later and produces the same kind of {@link ThresholdKeys}.
 *
 * <p>Thread-safe: no state. Verification methods never throw on untrusted bytes; combining throws
 * {@link BlsException} on bad input.
 */
public final class BlsThreshold {

  /** HKDF {@code key_info} prefix for dealing-polynomial coefficients (IETF KeyGen). */
  static final String COEFFICIENT_KEY_INFO = "jic-bls-threshold-coefficient-";

  private static final BigInteger R = BlsSecretKey.ORDER;

  private BlsThreshold() {}

  /**
   * Deals {@code threshold}-of-{@code n} keys from a seed. The polynomial {@code f} has degree
   * {@code threshold - 1}; coefficient {@code j} is IETF KeyGen (blst, HKDF-SHA-256) of the seed
   * with key_info {@code "jic-bls-threshold-coefficient-" + j}, so the same seed and threshold
   * always give the same keys. Node {@code i}'s share is {@code f(i+1)}, the public key
   * {@code f(0)·g2}.
   *
   * @throws BlsException unless {@code 1 <= threshold <= n}, or if the seed is null or shorter than
   *     32 bytes, or (with probability about n/2^255) a share is zero
   */
  public static ThresholdKeys deal(int threshold, int n, byte[] seed) {
    if (n < 1 || threshold < 1 || threshold > n) {
      throw new BlsException("need 1 <= threshold <= n, got threshold " + threshold + " and n " + n);
    }
    if (seed == null || seed.length < 32) {
      throw new BlsException("a dealing needs at least 32 bytes of seed");
    }
    BigInteger[] coefficients = new BigInteger[threshold];
    for (int j = 0; j < threshold; j++) {
      SecretKey k = new SecretKey();
      k.keygen(seed, COEFFICIENT_KEY_INFO + j);
      coefficients[j] = new BigInteger(1, k.to_bendian());
    }
    BlsSecretKey master = BlsSecretKey.fromScalar(coefficients[0]);
    List<BlsPublicKey> sharePublicKeys = new ArrayList<>(n);
    List<BlsSecretKey> secretShares = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      BigInteger x = BigInteger.valueOf(i + 1L);
      BigInteger y = BigInteger.ZERO;
      for (int j = threshold - 1; j >= 0; j--) {
        y = y.multiply(x).add(coefficients[j]).mod(R);
      }
      BlsSecretKey share = BlsSecretKey.fromScalar(y); // throws BlsException on the negligible y = 0
      secretShares.add(share);
      sharePublicKeys.add(BlsBasic.publicKey(share));
    }
    return new ThresholdKeys(threshold, BlsBasic.publicKey(master), sharePublicKeys, secretShares);
  }

  /** A signature share: a basic BLS signature with the node's secret share. */
  public static BlsSignature signShare(BlsSecretKey share, byte[] message) {
    return BlsBasic.sign(share, message);
  }

  /**
   * Whether {@code share} is a valid share of node {@code i} on {@code message}, given node
   * {@code i}'s share public key. False (never an exception) for malformed points.
   */
  public static boolean verifyShare(BlsPublicKey sharePublicKey, BlsSignature share, byte[] message) {
    return BlsBasic.verify(sharePublicKey, share, message);
  }

  /**
   * Combines signature shares by Lagrange interpolation at 0 over G1. Shares are keyed by 0-based
   * node index (evaluation point {@code index + 1}), whatever the map's own comparator. Exactly
   * {@code threshold} shares are used, those of the lowest indices, so any honest input gives the
   * one master-key signature. Shares are NOT verified against the message here: the caller must
   * check each with {@link #verifyShare} first (as the IC's share aggregator does), or a wrong
   * share yields a signature that fails {@link #verify}.
   *
   * @throws BlsException if {@code threshold < 1}, fewer than {@code threshold} shares are given,
   *     an index is negative or {@code Integer.MAX_VALUE}, a share is null, or any given share is
   *     not a valid G1 point (off the curve, outside the subgroup, the identity)
   */
  public static BlsSignature combine(int threshold, SortedMap<Integer, BlsSignature> sharesByIndex) {
    if (threshold < 1) {
      throw new BlsException("threshold must be at least 1, got " + threshold);
    }
    if (sharesByIndex == null) {
      throw new BlsException("no shares");
    }
    TreeMap<Integer, P1_Affine> points = new TreeMap<>(); // natural order, whatever the input's
    for (Map.Entry<Integer, BlsSignature> e : sharesByIndex.entrySet()) {
      Integer index = e.getKey();
      if (index == null || index < 0 || index == Integer.MAX_VALUE) {
        throw new BlsException("share index out of range: " + index);
      }
      if (e.getValue() == null) {
        throw new BlsException("share of node " + index + " is null");
      }
      points.put(index, BlsPoints.g1(e.getValue().toBytes(), "share of node " + index));
    }
    if (points.size() < threshold) {
      throw new BlsException("need " + threshold + " shares, got " + points.size());
    }
    BigInteger[] xs = new BigInteger[threshold];
    P1_Affine[] ys = new P1_Affine[threshold];
    int k = 0;
    for (Map.Entry<Integer, P1_Affine> e : points.entrySet()) {
      if (k == threshold) {
        break;
      }
      xs[k] = BigInteger.valueOf(e.getKey() + 1L);
      ys[k] = e.getValue();
      k++;
    }
    BigInteger[] lambdas = lagrangeAtZero(xs);
    P1 sum = new P1(); // the identity
    for (int i = 0; i < threshold; i++) {
      sum = sum.add(ys[i].to_jacobian().mult(BlsPoints.scalar(lambdas[i])));
    }
    return BlsSignature.fromBytes(sum.compress());
  }

  /** Verifies a combined signature: exactly {@link BlsBasic#verify}. */
  public static boolean verify(BlsPublicKey publicKey, BlsSignature signature, byte[] message) {
    return BlsBasic.verify(publicKey, signature, message);
  }

  /**
   * Lagrange coefficients at 0 for distinct nonzero points {@code xs} (all below r):
   * {@code λ_i = Π_{j≠i} x_j / (x_j − x_i) mod r}.
   */
  static BigInteger[] lagrangeAtZero(BigInteger[] xs) {
    BigInteger[] out = new BigInteger[xs.length];
    for (int i = 0; i < xs.length; i++) {
      BigInteger num = BigInteger.ONE;
      BigInteger den = BigInteger.ONE;
      for (int j = 0; j < xs.length; j++) {
        if (j != i) {
          num = num.multiply(xs[j]).mod(R);
          den = den.multiply(xs[j].subtract(xs[i])).mod(R);
        }
      }
      out[i] = num.multiply(den.modInverse(R)).mod(R);
    }
    return out;
  }
}
