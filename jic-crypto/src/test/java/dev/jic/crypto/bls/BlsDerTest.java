package dev.jic.crypto.bls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BlsDerTest {
  private static final HexFormat HEX = HexFormat.of();

  /** Mainnet root key, IC-INTERFACE-DIGEST §4.4 (agent-js IC_ROOT_KEY). */
  static final String MAINNET_ROOT_KEY_DER =
      "308182301d060d2b0601040182dc7c0503010201060c2b0601040182dc7c05030201036100814c0e6ec71fab"
          + "583b08bd81373c255c3c371b2e84863c98a4f1e08b74235d14fb5d9c0cd546d9685f913a0c0b2cc53415"
          + "83bf4b4392e467db96d65b9bb4cb717112f8472e0d5a4d14505ffd7484b01291091c5f87b98883463f98"
          + "091a0baaae";

  @Test
  void mainnetRootKeyRoundTrips() {
    byte[] der = HEX.parseHex(MAINNET_ROOT_KEY_DER);
    assertEquals(133, der.length);
    BlsPublicKey k = BlsDer.decode(der);
    assertEquals("814c0e6ec71fab58", HEX.formatHex(k.toBytes(), 0, 8));
    assertArrayEquals(der, BlsDer.encode(k));
  }

  @Test
  void generatedKeyRoundTrips() {
    BlsPublicKey k = BlsBasic.keyPairFromSeed(new byte[32]).publicKey();
    assertEquals(k, BlsDer.decode(BlsDer.encode(k)));
  }

  @Test
  void rejectsWrongLengthAndPrefix() {
    byte[] der = HEX.parseHex(MAINNET_ROOT_KEY_DER);
    assertThrows(BlsException.class, () -> BlsDer.decode(null));
    assertThrows(BlsException.class, () -> BlsDer.decode(Arrays.copyOf(der, 132)));
    assertThrows(BlsException.class, () -> BlsDer.decode(Arrays.copyOf(der, 134)));
    assertThrows(BlsException.class, () -> BlsDer.decode(Arrays.copyOfRange(der, 37, 133)));
    for (int i : new int[] {0, 5, 20, 36}) {
      byte[] bad = der.clone();
      bad[i] ^= 1;
      assertThrows(BlsException.class, () -> BlsDer.decode(bad), "prefix byte " + i);
    }
  }
}
