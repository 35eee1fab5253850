package dev.jic.crypto.sig;

import dev.jic.types.encoding.DecodeException;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.messages.Blob;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Parses DER SubjectPublicKeyInfo public keys of request senders (interface spec §Signatures;
 * digest §3.1) into {@link UserPublicKey}s.
 *
 * <p>Ed25519, ECDSA P-256 and ECDSA secp256k1 keys must match the exact DER prefixes of the spec
 * followed by the key bytes (32 bytes, or an uncompressed {@code 04‖x‖y} point that lies on the
 * curve), as the IC accepts only that canonical form. WebAuthn (COSE) and canister-signature keys
 * are recognised by their OIDs inside a minimal SPKI: {@code SEQUENCE { SEQUENCE { OID },
 * BIT STRING }} with definite, minimal lengths and nothing after.
 *
 * <p>Every malformed input gives a {@link DecodeException} saying why.
 */
public final class DerPublicKeys {
  private DerPublicKeys() {}

  private static final HexFormat HEX = HexFormat.of();
  static final byte[] ED25519_PREFIX = HEX.parseHex("302a300506032b6570032100");
  static final byte[] P256_PREFIX = HEX.parseHex("3059301306072a8648ce3d020106082a8648ce3d030107034200");
  static final byte[] SECP256K1_PREFIX = HEX.parseHex("3056301006072a8648ce3d020106052b8104000a034200");
  /** OID 1.3.6.1.4.1.56387.1.1 (DER contents). */
  static final byte[] COSE_OID = HEX.parseHex("2b0601040183b8430101");
  /** OID 1.3.6.1.4.1.56387.1.2 (DER contents). */
  static final byte[] CANISTER_SIG_OID = HEX.parseHex("2b0601040183b8430102");

  /**
   * Parses a DER public key.
   *
   * @throws DecodeException if the bytes are not one of the supported key encodings
   */
  public static UserPublicKey parse(byte[] der) throws DecodeException {
    if (der == null || der.length == 0) {
      throw new DecodeException("empty public key");
    }
    if (startsWith(der, ED25519_PREFIX)) {
      byte[] raw = rest(der, ED25519_PREFIX, 32, "Ed25519");
      return new UserPublicKey.Ed25519(Blob.of(raw), Blob.of(der));
    }
    if (startsWith(der, P256_PREFIX)) {
      byte[] point = rest(der, P256_PREFIX, 65, "ECDSA P-256");
      EcdsaCurves.requireUncompressedPointOnCurve(EcdsaCurves.P256, point, "ECDSA P-256");
      return new UserPublicKey.EcdsaP256(Blob.of(point), Blob.of(der));
    }
    if (startsWith(der, SECP256K1_PREFIX)) {
      byte[] point = rest(der, SECP256K1_PREFIX, 65, "ECDSA secp256k1");
      EcdsaCurves.requireUncompressedPointOnCurve(EcdsaCurves.SECP256K1, point, "ECDSA secp256k1");
      return new UserPublicKey.EcdsaSecp256k1(Blob.of(point), Blob.of(der));
    }
    Spki spki = Spki.parse(der);
    if (Arrays.equals(spki.oid(), COSE_OID)) {
      return new UserPublicKey.WebAuthn(Blob.of(spki.key()), Blob.of(der));
    }
    if (Arrays.equals(spki.oid(), CANISTER_SIG_OID)) {
      byte[] k = spki.key();
      if (k.length < 1 || (k[0] & 0xff) > PrincipalId.MAX_LENGTH || 1 + (k[0] & 0xff) > k.length) {
        throw new DecodeException("canister signature public key: bad signing canister id length");
      }
      int n = k[0] & 0xff;
      CanisterId cid = CanisterId.of(Arrays.copyOfRange(k, 1, 1 + n));
      return new UserPublicKey.CanisterSignature(cid, Blob.of(Arrays.copyOfRange(k, 1 + n, k.length)), Blob.of(der));
    }
    throw new DecodeException("unsupported public key algorithm (OID " + HEX.formatHex(spki.oid()) + ")");
  }

  private static boolean startsWith(byte[] b, byte[] prefix) {
    return b.length >= prefix.length && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static byte[] rest(byte[] der, byte[] prefix, int expected, String what) throws DecodeException {
    int n = der.length - prefix.length;
    if (n != expected) {
      throw new DecodeException(what + " public key must have " + expected + " key bytes after the DER prefix, got " + n);
    }
    return Arrays.copyOfRange(der, prefix.length, der.length);
  }

  /** {@code SEQUENCE { SEQUENCE { OID }, BIT STRING (0 unused bits) }}. */
  private record Spki(byte[] oid, byte[] key) {
    static Spki parse(byte[] der) throws DecodeException {
      Der outer = new Der(der, 0, der.length);
      Der seq = outer.enter(0x30, "SubjectPublicKeyInfo");
      outer.end("SubjectPublicKeyInfo");
      Der alg = seq.enter(0x30, "AlgorithmIdentifier");
      byte[] oid = alg.read(0x06, "algorithm OID");
      alg.end("AlgorithmIdentifier (parameters are not allowed)");
      byte[] bits = seq.read(0x03, "subjectPublicKey");
      seq.end("SubjectPublicKeyInfo");
      if (bits.length < 1 || bits[0] != 0) {
        throw new DecodeException("public key BIT STRING must have 0 unused bits");
      }
      return new Spki(oid, Arrays.copyOfRange(bits, 1, bits.length));
    }
  }

  /** A bounds-checked cursor over DER TLVs (definite, minimally encoded lengths only). */
  private static final class Der {
    private final byte[] b;
    private int pos;
    private final int end;

    Der(byte[] b, int pos, int end) {
      this.b = b;
      this.pos = pos;
      this.end = end;
    }

    Der enter(int tag, String what) throws DecodeException {
      int[] tl = header(tag, what);
      Der inner = new Der(b, tl[0], tl[0] + tl[1]);
      pos = tl[0] + tl[1];
      return inner;
    }

    byte[] read(int tag, String what) throws DecodeException {
      int[] tl = header(tag, what);
      pos = tl[0] + tl[1];
      return Arrays.copyOfRange(b, tl[0], tl[0] + tl[1]);
    }

    void end(String what) throws DecodeException {
      if (pos != end) {
        throw new DecodeException("unexpected bytes after " + what);
      }
    }

    /** Returns {contentStart, contentLength}. */
    private int[] header(int tag, String what) throws DecodeException {
      if (pos + 2 > end) {
        throw new DecodeException("public key DER truncated at " + what);
      }
      if ((b[pos] & 0xff) != tag) {
        throw new DecodeException("public key DER: expected tag 0x" + Integer.toHexString(tag) + " for " + what);
      }
      int first = b[pos + 1] & 0xff;
      int p = pos + 2;
      int len;
      if (first < 0x80) {
        len = first;
      } else if (first == 0x81 || first == 0x82) {
        int n = first - 0x80;
        if (p + n > end) {
          throw new DecodeException("public key DER truncated at " + what);
        }
        len = 0;
        for (int i = 0; i < n; i++) {
          len = (len << 8) | (b[p + i] & 0xff);
        }
        p += n;
        if ((n == 1 && len < 0x80) || (n == 2 && len < 0x100)) {
          throw new DecodeException("public key DER: non-minimal length for " + what);
        }
      } else {
        throw new DecodeException("public key DER: unsupported length form for " + what);
      }
      if (len > end - p) {
        throw new DecodeException("public key DER truncated at " + what);
      }
      return new int[] {p, len};
    }
  }
}
