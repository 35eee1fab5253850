package dev.jic.crypto.sig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.types.encoding.DecodeException;
import dev.jic.types.id.CanisterId;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class DerPublicKeysTest {
  private static final HexFormat HEX = HexFormat.of();
  // secp256k1 generator G and P-256 generator G, uncompressed (SEC 2 / FIPS 186-4 constants)
  private static final String K1_G = "0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
      + "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8";
  private static final String P256_G = "046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"
      + "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5";

  private static UserPublicKey parse(String hex) throws DecodeException {
    return DerPublicKeys.parse(HEX.parseHex(hex));
  }

  @Test
  void ed25519() throws DecodeException {
    // digest §3.2: the all-zero Ed25519 key has principal ukev2-6iweo-...-iae
    var k = assertInstanceOf(UserPublicKey.Ed25519.class, parse("302a300506032b6570032100" + "00".repeat(32)));
    assertEquals("ukev2-6iweo-izmyj-rdxlb-jun6n-nef5z-gk2lp-fuzke-7ghpu-jecqq-iae", k.selfAuthenticatingPrincipal().toText());
    assertArrayEquals(new byte[32], k.rawKey());
  }

  @Test
  void ecdsaKeys() throws DecodeException {
    assertInstanceOf(UserPublicKey.EcdsaSecp256k1.class, parse("3056301006072a8648ce3d020106052b8104000a034200" + K1_G));
    assertInstanceOf(UserPublicKey.EcdsaP256.class, parse("3059301306072a8648ce3d020106082a8648ce3d030107034200" + P256_G));
  }

  @Test
  void rejectsMalformedKeys() {
    assertThrows(DecodeException.class, () -> parse("")); // empty
    assertThrows(DecodeException.class, () -> parse("302a300506032b6570032100" + "00".repeat(31))); // short
    assertThrows(DecodeException.class, () -> parse("302a300506032b6570032100" + "00".repeat(33))); // trailing byte
    // the P-256 generator is not on secp256k1
    assertThrows(DecodeException.class, () -> parse("3056301006072a8648ce3d020106052b8104000a034200" + P256_G));
    // compressed point where uncompressed is required
    assertThrows(DecodeException.class, () -> parse("3056301006072a8648ce3d020106052b8104000a034200" + "02" + K1_G.substring(2)));
    assertThrows(DecodeException.class, () -> parse("3005300306012a")); // no BIT STRING
    // an unknown OID (RSA)
    DecodeException e = assertThrows(DecodeException.class, () -> parse("3011300b06092a864886f70d010101030200" + "00"));
    assertTrue(e.getMessage().contains("unsupported"), e.getMessage());
  }

  @Test
  void canisterSignatureKey() throws DecodeException {
    // SEQUENCE { SEQUENCE { OID 1.3.6.1.4.1.56387.1.2 }, BIT STRING 00 · 0a · cid(10) · seed "ab" }
    var k = assertInstanceOf(UserPublicKey.CanisterSignature.class,
        parse("301e300c060a2b0601040183b8430102030e00" + "0a" + "00000000000000070101" + "abcd"));
    assertEquals(CanisterId.fromU64(7), k.signingCanister());
    assertArrayEquals(new byte[] {(byte) 0xab, (byte) 0xcd}, k.seed());
    // a canister id length beyond the payload
    assertThrows(DecodeException.class, () -> parse("3010300c060a2b0601040183b8430102030200" + "0b"));
  }

  @Test
  void coseKeyRecognised() throws DecodeException {
    var k = assertInstanceOf(UserPublicKey.WebAuthn.class, parse("3011300c060a2b0601040183b8430101030100"));
    assertEquals(0, k.coseKey().length);
  }

  @Property(tries = 2000)
  void randomBytesFailOnlyWithDecodeException(@ForAll byte[] bytes) {
    try {
      DerPublicKeys.parse(bytes);
    } catch (DecodeException expected) {
      // fine
    }
  }

  @Property(tries = 1000)
  void mutatedKeysFailOnlyWithDecodeException(@ForAll int pos, @ForAll byte value) {
    byte[] b = HEX.parseHex("301e300c060a2b0601040183b8430102030e00" + "0a" + "00000000000000070101" + "abcd");
    b[Math.floorMod(pos, b.length)] = value;
    try {
      DerPublicKeys.parse(b);
    } catch (DecodeException expected) {
      // fine
    }
  }
}
