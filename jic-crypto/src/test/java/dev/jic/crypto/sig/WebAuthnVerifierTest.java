package dev.jic.crypto.sig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.upokecenter.cbor.CBORObject;
import dev.jic.types.cbor.Cbor;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.Sha;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.junit.jupiter.api.Test;

class WebAuthnVerifierTest {

  private static final BigInteger SECRET = BigInteger.valueOf(424242);

  private static UserPublicKey.WebAuthn p256Key() throws DecodeException, java.io.IOException {
    byte[] pt = EcdsaCurves.P256.getG().multiply(SECRET).normalize().getEncoded(false);
    CBORObject cose = CBORObject.NewOrderedMap()
        .Add(1, 2).Add(3, -7).Add(-1, 1)
        .Add(-2, Arrays.copyOfRange(pt, 1, 33)).Add(-3, Arrays.copyOfRange(pt, 33, 65));
    byte[] coseBytes = cose.EncodeToBytes();
    // SEQUENCE { SEQUENCE { OID 1.3.6.1.4.1.56387.1.1 }, BIT STRING 00 · cose }
    byte[] der = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
      new DERSequence(new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.4.1.56387.1.1")),
      new org.bouncycastle.asn1.DERBitString(coseBytes)
    }).getEncoded("DER");
    return (UserPublicKey.WebAuthn) DerPublicKeys.parse(der);
  }

  private static byte[] sign(byte[] message, String challengeOverride) {
    String challenge = challengeOverride != null ? challengeOverride : Base64.getUrlEncoder().withoutPadding().encodeToString(message);
    String cdj = "{\"type\":\"webauthn.get\",\"challenge\":\"" + challenge + "\",\"origin\":\"https://example.org\"}";
    byte[] authData = new byte[37];
    authData[32] = 0x05;
    byte[] signed = new byte[authData.length + 32];
    System.arraycopy(authData, 0, signed, 0, authData.length);
    System.arraycopy(Sha.sha256(cdj.getBytes(StandardCharsets.UTF_8)), 0, signed, authData.length, 32);
    ECDSASigner s = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    s.init(true, new ECPrivateKeyParameters(SECRET, EcdsaCurves.P256));
    BigInteger[] rs = s.generateSignature(Sha.sha256(signed));
    ASN1EncodableVector v = new ASN1EncodableVector();
    v.add(new ASN1Integer(rs[0]));
    v.add(new ASN1Integer(rs[1]));
    byte[] derSig;
    try {
      derSig = new DERSequence(v).getEncoded();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    return Cbor.encodeWithSelfDescribeTag(CBORObject.NewOrderedMap()
        .Add("authenticator_data", authData).Add("client_data_json", cdj).Add("signature", derSig));
  }

  @Test
  void p256WebAuthnSignatureVerifies() throws Exception {
    byte[] msg = HexFormat.of().parseHex("0a69632d72657175657374" + "11".repeat(32));
    assertEquals(VerificationResult.VALID, SignatureVerifier.verify(p256Key(), msg, sign(msg, null)));
  }

  @Test
  void wrongChallengeOrMessageIsInvalid() throws Exception {
    byte[] msg = new byte[] {1, 2, 3};
    assertInstanceOf(VerificationResult.Invalid.class, SignatureVerifier.verify(p256Key(), msg, sign(msg, "AAAA")));
    assertInstanceOf(VerificationResult.Invalid.class, SignatureVerifier.verify(p256Key(), new byte[] {1, 2, 4}, sign(msg, null)));
    assertInstanceOf(VerificationResult.Invalid.class, SignatureVerifier.verify(p256Key(), msg, new byte[] {0x01}));
  }
}
