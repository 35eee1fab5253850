package dev.jic.crypto.auth;

import dev.jic.crypto.node.NodeSigningKey;
import dev.jic.types.id.PrincipalId;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/** Deterministic test signers in the formats agents use (DER public key, raw signatures). */
public interface TestIdentity {
  byte[] der();

  byte[] sign(byte[] message);

  default PrincipalId principal() {
    return PrincipalId.selfAuthenticating(der());
  }

  /** An Ed25519 identity from a one-byte seed pattern. */
  static TestIdentity ed25519(int seed) {
    byte[] s = new byte[32];
    Arrays.fill(s, (byte) seed);
    NodeSigningKey k = NodeSigningKey.fromSeed(s);
    return new TestIdentity() {
      public byte[] der() {
        return k.publicKeyDer();
      }

      public byte[] sign(byte[] m) {
        return k.sign(m);
      }
    };
  }

  /** An ECDSA identity on {@code curve} ("secp256k1" or "secp256r1") with secret key {@code d}. */
  static Ecdsa ecdsa(String curve, long d) {
    return new Ecdsa(curve, BigInteger.valueOf(d));
  }

  /** ECDSA with RFC 6979 nonces; {@code highS} flips s to n - s when it is low. */
  final class Ecdsa implements TestIdentity {
    private final ECDomainParameters dom;
    private final BigInteger d;
    private final String curve;
    boolean highS;

    Ecdsa(String curve, BigInteger d) {
      X9ECParameters p = CustomNamedCurves.getByName(curve);
      this.dom = new ECDomainParameters(p.getCurve(), p.getG(), p.getN(), p.getH());
      this.d = d;
      this.curve = curve;
    }

    public byte[] point() {
      return dom.getG().multiply(d).normalize().getEncoded(false);
    }

    public byte[] der() {
      String prefix = curve.equals("secp256k1")
          ? "3056301006072a8648ce3d020106052b8104000a034200"
          : "3059301306072a8648ce3d020106082a8648ce3d030107034200";
      byte[] pre = HexFormat.of().parseHex(prefix);
      byte[] pt = point();
      byte[] out = Arrays.copyOf(pre, pre.length + pt.length);
      System.arraycopy(pt, 0, out, pre.length, pt.length);
      return out;
    }

    /** r and s over SHA-256(message). */
    public BigInteger[] signRs(byte[] message) {
      ECDSASigner s = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
      s.init(true, new ECPrivateKeyParameters(d, dom));
      BigInteger[] rs = s.generateSignature(dev.jic.types.hash.Sha.sha256(message));
      BigInteger half = dom.getN().shiftRight(1);
      if (highS == (rs[1].compareTo(half) <= 0)) {
        rs[1] = dom.getN().subtract(rs[1]);
      }
      return rs;
    }

    public byte[] sign(byte[] message) {
      BigInteger[] rs = signRs(message);
      byte[] out = new byte[64];
      byte[] r = rs[0].toByteArray();
      byte[] s = rs[1].toByteArray();
      System.arraycopy(r, Math.max(0, r.length - 32), out, 32 - Math.min(32, r.length), Math.min(32, r.length));
      System.arraycopy(s, Math.max(0, s.length - 32), out, 64 - Math.min(32, s.length), Math.min(32, s.length));
      return out;
    }
  }
}
