package dev.jic.crypto.bls;

import java.util.List;
import java.util.Objects;

/**
 * The output of a threshold BLS dealing: {@code threshold}-of-n keys where list index {@code i} is
 * node {@code i} (0-based), whose share is the dealing polynomial evaluated at {@code i + 1}.
 *
 * <p>Guarantees: {@code 1 <= threshold <= sharePublicKeys.size()}; the lists are immutable copies
 * without nulls; {@code secretShares} is either empty (a public-only view, e.g. what a registry
 * holds) or has one share per node. Throws {@link BlsException} otherwise. {@link #toString} never
 * prints secrets ({@link BlsSecretKey#toString} hides them).
 *
 * @param threshold how many shares {@link BlsThreshold#combine} needs
 * @param publicKey the subnet (master) public key {@code f(0)·g2}
 * @param sharePublicKeys {@code f(i+1)·g2} for node {@code i}, used by {@link BlsThreshold#verifyShare}
 * @param secretShares {@code f(i+1)} for node {@code i}, or empty
 */
public record ThresholdKeys(
    int threshold, BlsPublicKey publicKey, List<BlsPublicKey> sharePublicKeys, List<BlsSecretKey> secretShares) {

  public ThresholdKeys {
    Objects.requireNonNull(publicKey, "publicKey");
    try {
      sharePublicKeys = List.copyOf(Objects.requireNonNull(sharePublicKeys, "sharePublicKeys"));
      secretShares = List.copyOf(Objects.requireNonNull(secretShares, "secretShares"));
    } catch (NullPointerException e) {
      throw new BlsException("threshold keys must not contain null", e);
    }
    if (threshold < 1 || threshold > sharePublicKeys.size()) {
      throw new BlsException(
          "threshold " + threshold + " is outside [1, " + sharePublicKeys.size() + "] for " + sharePublicKeys.size() + " nodes");
    }
    if (!secretShares.isEmpty() && secretShares.size() != sharePublicKeys.size()) {
      throw new BlsException(
          secretShares.size() + " secret shares for " + sharePublicKeys.size() + " share public keys");
    }
  }

  /** The number of nodes n. */
  public int nodeCount() {
    return sharePublicKeys.size();
  }

  /** This dealing without its secret shares. */
  public ThresholdKeys publicOnly() {
    return new ThresholdKeys(threshold, publicKey, sharePublicKeys, List.of());
  }
}
