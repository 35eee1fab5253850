package dev.jic.crypto.bls;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A proof of possession of a multi-signature secret key: a 48-byte compressed G1 point made by
 * {@link BlsMultiSig#proveKnowledge} and checked by {@link BlsMultiSig#verifyPossession}. Only the
 * length is checked here; {@code verifyPossession} rejects bad points.
 *
 * @param bytes the 48 compressed bytes (copied in and out)
 */
public record BlsProofOfPossession(byte[] bytes) {
  public static final int LENGTH = 48;

  /** @throws BlsException if {@code bytes} is null or not 48 bytes long */
  public BlsProofOfPossession {
    if (bytes == null || bytes.length != LENGTH) {
      throw new BlsException(
          "a BLS proof of possession has " + LENGTH + " bytes, got " + (bytes == null ? "null" : bytes.length));
    }
    bytes = bytes.clone();
  }

  /** A copy of the 48 bytes. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlsProofOfPossession p && Arrays.equals(bytes, p.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "BlsProofOfPossession(" + HexFormat.of().formatHex(bytes, 0, 8) + "...)";
  }
}
