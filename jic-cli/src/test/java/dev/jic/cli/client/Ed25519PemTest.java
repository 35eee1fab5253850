package dev.jic.cli.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.crypto.node.NodeSigningKey;
import dev.jic.types.encoding.DecodeException;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Ed25519PemTest {
  // RFC 8032 §7.1 test 1: secret key 9d61...7f60, public key d75a...511a.
  static final byte[] SEED = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  static final byte[] PUB = HexFormat.of().parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

  @Test
  void v1RoundTripsAndHasTheRfc8410Layout() throws Exception {
    String pem = Ed25519Pem.encode(SEED);
    // RFC 8410 §10.3: the PKCS#8 v1 form is 302e020100300506032b657004220420 || seed.
    byte[] der = Base64.getMimeDecoder().decode(pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "").strip());
    assertEquals("302e020100300506032b657004220420" + HexFormat.of().formatHex(SEED), HexFormat.of().formatHex(der));
    assertArrayEquals(SEED, Ed25519Pem.decode(pem));
    assertArrayEquals(PUB, NodeSigningKey.fromSeed(Ed25519Pem.decode(pem)).publicKeyRaw());
  }

  @Test
  void readsTheV2FormOlderDfxWrote() throws Exception {
    byte[] der = HexFormat.of().parseHex("3053020101300506032b657004220420" + HexFormat.of().formatHex(SEED) + "a123032100" + HexFormat.of().formatHex(PUB));
    String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(der) + "\n-----END PRIVATE KEY-----\n";
    assertArrayEquals(SEED, Ed25519Pem.decode(pem));
  }

  @Test
  void rejectsOtherKeysWithAClearMessage() {
    DecodeException ec = assertThrows(DecodeException.class, () -> Ed25519Pem.decode("-----BEGIN EC PRIVATE KEY-----\nMHQ=\n-----END EC PRIVATE KEY-----\n"));
    assertTrue(ec.getMessage().contains("Ed25519 only"));
    assertThrows(DecodeException.class, () -> Ed25519Pem.decode("hello"));
    assertThrows(DecodeException.class, () -> Ed25519Pem.decode("-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----"));
    assertThrows(DecodeException.class, () -> Ed25519Pem.decode("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"));
  }
}
