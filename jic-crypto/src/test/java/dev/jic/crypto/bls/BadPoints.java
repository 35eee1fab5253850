package dev.jic.crypto.bls;

import supranational.blst.P1_Affine;
import supranational.blst.P2_Affine;

/**
 * Malformed but well-sized point encodings, found by deterministic search over small compressed x
 * coordinates (x = k, or x = k·1 + 0·u in Fp2): blst reports most small x as "not on curve", and
 * those that decode lie outside the prime-order subgroup (the cofactor is huge), as the search
 * checks.
 */
final class BadPoints {
  private BadPoints() {}

  /** The compressed G1 identity: flags 0xc0, then zeros. */
  static BlsSignature g1Infinity() {
    byte[] b = new byte[48];
    b[0] = (byte) 0xc0;
    return BlsSignature.fromBytes(b);
  }

  /** The compressed G2 identity: flags 0xc0, then zeros. */
  static BlsPublicKey g2Infinity() {
    byte[] b = new byte[96];
    b[0] = (byte) 0xc0;
    return BlsPublicKey.fromBytes(b);
  }

  static BlsSignature g1NotOnCurve() {
    return BlsSignature.fromBytes(searchG1(false));
  }

  static BlsSignature g1NotInSubgroup() {
    return BlsSignature.fromBytes(searchG1(true));
  }

  static BlsPublicKey g2NotOnCurve() {
    return BlsPublicKey.fromBytes(searchG2(false));
  }

  static BlsPublicKey g2NotInSubgroup() {
    return BlsPublicKey.fromBytes(searchG2(true));
  }

  /** An encoding that decodes to a non-subgroup point (decodes=true) or fails to decode. */
  private static byte[] searchG1(boolean decodes) {
    for (int k = 1; k < 256; k++) {
      byte[] b = new byte[48];
      b[0] = (byte) 0x80;
      b[47] = (byte) k;
      boolean ok;
      try {
        P1_Affine p = new P1_Affine(b);
        if (p.in_group()) {
          throw new AssertionError("small x unexpectedly in G1");
        }
        ok = true;
      } catch (RuntimeException e) {
        ok = false;
      }
      if (ok == decodes) {
        return b;
      }
    }
    throw new AssertionError("no candidate found");
  }

  private static byte[] searchG2(boolean decodes) {
    for (int k = 1; k < 256; k++) {
      byte[] b = new byte[96];
      b[0] = (byte) 0x80;
      b[95] = (byte) k;
      boolean ok;
      try {
        P2_Affine p = new P2_Affine(b);
        if (p.in_group()) {
          throw new AssertionError("small x unexpectedly in G2");
        }
        ok = true;
      } catch (RuntimeException e) {
        ok = false;
      }
      if (ok == decodes) {
        return b;
      }
    }
    throw new AssertionError("no candidate found");
  }
}
