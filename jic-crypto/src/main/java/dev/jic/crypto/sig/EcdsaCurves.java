package dev.jic.crypto.sig;

import dev.jic.types.encoding.DecodeException;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;

/** Domain parameters of the two ECDSA curves users sign with, and point decoding. */
final class EcdsaCurves {
  private EcdsaCurves() {}

  static final ECDomainParameters P256 = domain("secp256r1");
  static final ECDomainParameters SECP256K1 = domain("secp256k1");

  private static ECDomainParameters domain(String name) {
    X9ECParameters p = CustomNamedCurves.getByName(name);
    return new ECDomainParameters(p.getCurve(), p.getG(), p.getN(), p.getH());
  }

  /** Decodes {@code 04‖x‖y} into a valid point of {@code d}'s curve. */
  static ECPoint requireUncompressedPointOnCurve(ECDomainParameters d, byte[] point, String what) throws DecodeException {
    if (point.length != 65 || point[0] != 0x04) {
      throw new DecodeException(what + " public key must be an uncompressed point (04 || x || y)");
    }
    try {
      ECPoint p = d.getCurve().decodePoint(point);
      if (p.isInfinity() || !p.isValid()) {
        throw new DecodeException(what + " public key is not a valid curve point");
      }
      return p;
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new DecodeException(what + " public key is not a valid curve point", e);
    }
  }
}
