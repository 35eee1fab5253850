package dev.jic.cli.client;

import dev.jic.types.encoding.DecodeException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 private keys as PKCS#8 PEM files, the format of dfx's Ed25519 {@code identity.pem}.
 * Writes RFC 8410 PKCS#8 v1 ({@code PrivateKeyInfo}, 48 bytes); reads v1 and the v2
 * ({@code OneAsymmetricKey} with the public key, 85 bytes) that older dfx versions wrote.
 */
public final class Ed25519Pem {
  private static final byte[] V1_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
  private static final byte[] V2_PREFIX = HexFormat.of().parseHex("3053020101300506032b657004220420");
  private static final byte[] V2_PUBLIC = HexFormat.of().parseHex("a123032100");
  private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String END = "-----END PRIVATE KEY-----";

  private Ed25519Pem() {}

  /** The PEM text of the 32-byte Ed25519 {@code seed} (PKCS#8 v1). */
  public static String encode(byte[] seed) {
    if (seed.length != 32) {
      throw new IllegalArgumentException("an Ed25519 seed has 32 bytes");
    }
    byte[] der = Arrays.copyOf(V1_PREFIX, V1_PREFIX.length + 32);
    System.arraycopy(seed, 0, der, V1_PREFIX.length, 32);
    return BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n" + END + "\n";
  }

  /**
   * The 32-byte seed of a PEM Ed25519 private key.
   *
   * @throws DecodeException if the text is not a PKCS#8 Ed25519 private key (e.g. a secp256k1
   *     {@code EC PRIVATE KEY}), with a message saying which
   */
  public static byte[] decode(String pem) throws DecodeException {
    if (pem.contains("BEGIN EC PRIVATE KEY") || pem.contains("BEGIN EC PARAMETERS")) {
      throw new DecodeException("this is an ECDSA (secp256k1/P-256) key; jic identities are Ed25519 only");
    }
    int b = pem.indexOf(BEGIN);
    int e = pem.indexOf(END);
    if (b < 0 || e < b) {
      throw new DecodeException("not a PEM private key (no '" + BEGIN + "' block)");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(pem.substring(b + BEGIN.length(), e).strip().getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException ex) {
      throw new DecodeException("the PEM block is not valid base64");
    }
    if (der.length == 48 && Arrays.equals(der, 0, 16, V1_PREFIX, 0, 16)) {
      return Arrays.copyOfRange(der, 16, 48);
    }
    if (der.length == 85 && Arrays.equals(der, 0, 16, V2_PREFIX, 0, 16) && Arrays.equals(der, 48, 53, V2_PUBLIC, 0, 5)) {
      return Arrays.copyOfRange(der, 16, 48);
    }
    throw new DecodeException("not an Ed25519 PKCS#8 private key (" + der.length + " DER bytes)");
  }
}
