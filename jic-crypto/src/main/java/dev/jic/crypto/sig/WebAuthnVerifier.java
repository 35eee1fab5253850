package dev.jic.crypto.sig;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import dev.jic.types.cbor.Cbor;
import dev.jic.types.cbor.CborMap;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.Sha;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * WebAuthn signatures (interface spec §"Web Authentication"; digest §3.1). The signature is a
 * CBOR map {@code {authenticator_data, client_data_json, signature}}; the {@code challenge} in
 * the client data must be the unpadded base64url of the signed message; the authenticator signs
 * {@code authenticator_data · SHA-256(client_data_json)}.
 *
 * <p>Supported COSE keys: EC2 P-256 with ES256 (ASN.1 DER signature) and OKP Ed25519 with EdDSA.
 * RSA keys give {@link VerificationResult.Unsupported}. Never throws on bad input.
 */
final class WebAuthnVerifier {
  private WebAuthnVerifier() {}

  private static final int KTY = 1;
  private static final int ALG = 3;
  private static final int CRV = -1;
  private static final int X = -2;
  private static final int Y = -3;

  static VerificationResult verify(UserPublicKey.WebAuthn key, byte[] message, byte[] signature) {
    try {
      CborMap sig = CborMap.of(Cbor.decode(signature), "webauthn_signature");
      byte[] authenticatorData = sig.blob("authenticator_data");
      String clientDataJson = sig.text("client_data_json");
      byte[] innerSig = sig.blob("signature");
      String expectedChallenge = Base64.getUrlEncoder().withoutPadding().encodeToString(message);
      String challenge = challengeOf(clientDataJson);
      if (!expectedChallenge.equals(challenge)) {
        return new VerificationResult.Invalid("WebAuthn client data challenge does not match the signed message");
      }
      byte[] signed = concat(authenticatorData, Sha.sha256(clientDataJson.getBytes(StandardCharsets.UTF_8)));
      return verifyWithCose(key.coseKey(), signed, innerSig);
    } catch (DecodeException e) {
      return new VerificationResult.Invalid("malformed WebAuthn signature: " + e.getMessage());
    }
  }

  private static VerificationResult verifyWithCose(byte[] cose, byte[] signed, byte[] sig) throws DecodeException {
    CBORObject k = Cbor.decode(cose);
    if (k.getType() != CBORType.Map) {
      throw new DecodeException("COSE key is not a map");
    }
    long kty = intField(k, KTY);
    if (kty == 2) { // EC2
      long crv = intField(k, CRV);
      if (crv != 1) {
        return new VerificationResult.Unsupported("WebAuthn EC2 curve " + crv + " is not supported (only P-256)");
      }
      byte[] x = bytesField(k, X);
      byte[] y = bytesField(k, Y);
      if (x.length != 32 || y.length != 32) {
        throw new DecodeException("COSE P-256 coordinates must have 32 bytes");
      }
      byte[] point = new byte[65];
      point[0] = 0x04;
      System.arraycopy(x, 0, point, 1, 32);
      System.arraycopy(y, 0, point, 33, 32);
      BigInteger[] rs = derSignature(sig);
      return SignatureVerifier.verifyEcdsa(EcdsaCurves.P256, point, Sha.sha256(signed), rs[0], rs[1]);
    }
    if (kty == 1) { // OKP
      long crv = intField(k, CRV);
      if (crv != 6) {
        return new VerificationResult.Unsupported("WebAuthn OKP curve " + crv + " is not supported (only Ed25519)");
      }
      return SignatureVerifier.verifyEd25519(bytesField(k, X), signed, sig);
    }
    return new VerificationResult.Unsupported("WebAuthn COSE key type " + kty + " is not supported (RSA keys are not implemented)");
  }

  /** The {@code "challenge"} string of client data JSON; exactly one occurrence is required. */
  static String challengeOf(String json) throws DecodeException {
    String key = "\"challenge\"";
    int i = json.indexOf(key);
    if (i < 0 || json.indexOf(key, i + 1) >= 0) {
      throw new DecodeException("client_data_json must contain exactly one \"challenge\"");
    }
    int p = i + key.length();
    while (p < json.length() && Character.isWhitespace(json.charAt(p))) {
      p++;
    }
    if (p >= json.length() || json.charAt(p) != ':') {
      throw new DecodeException("client_data_json: malformed challenge");
    }
    p++;
    while (p < json.length() && Character.isWhitespace(json.charAt(p))) {
      p++;
    }
    if (p >= json.length() || json.charAt(p) != '"') {
      throw new DecodeException("client_data_json: challenge is not a string");
    }
    int end = json.indexOf('"', p + 1);
    if (end < 0) {
      throw new DecodeException("client_data_json: unterminated challenge");
    }
    return json.substring(p + 1, end);
  }

  private static long intField(CBORObject m, int key) throws DecodeException {
    CBORObject v = m.get(CBORObject.FromObject(key));
    if (v == null || v.getType() != CBORType.Integer || v.isTagged() || !v.CanValueFitInInt64()) {
      throw new DecodeException("COSE key field " + key + " must be an integer");
    }
    return v.AsInt64Value();
  }

  private static byte[] bytesField(CBORObject m, int key) throws DecodeException {
    CBORObject v = m.get(CBORObject.FromObject(key));
    if (v == null || v.getType() != CBORType.ByteString || v.isTagged()) {
      throw new DecodeException("COSE key field " + key + " must be a byte string");
    }
    return v.GetByteString();
  }

  private static BigInteger[] derSignature(byte[] sig) throws DecodeException {
    try {
      ASN1Sequence seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(sig));
      if (seq.size() != 2) {
        throw new DecodeException("WebAuthn ECDSA signature must be a DER SEQUENCE of two INTEGERs");
      }
      return new BigInteger[] {
        ASN1Integer.getInstance(seq.getObjectAt(0)).getValue(), ASN1Integer.getInstance(seq.getObjectAt(1)).getValue()
      };
    } catch (java.io.IOException | RuntimeException e) {
      throw new DecodeException("WebAuthn ECDSA signature is not valid DER", e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
