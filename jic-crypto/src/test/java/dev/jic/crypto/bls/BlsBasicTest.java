package dev.jic.crypto.bls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BlsBasicTest {

  @Test
  void signVerifyAndRejectTampering() {
    BlsKeyPair kp = BlsBasic.keyPairFromSeed(new byte[32]);
    byte[] msg = "hello".getBytes(StandardCharsets.UTF_8);
    BlsSignature sig = BlsBasic.sign(kp.secretKey(), msg);
    assertTrue(BlsBasic.verify(kp.publicKey(), sig, msg));
    assertFalse(BlsBasic.verify(kp.publicKey(), sig, "hellp".getBytes(StandardCharsets.UTF_8)));
    BlsKeyPair other = BlsBasic.keyPairFromSeed(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
        17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
    assertFalse(BlsBasic.verify(other.publicKey(), sig, msg));
    byte[] garbage = sig.toBytes();
    garbage[5] ^= 1;
    assertFalse(BlsBasic.verify(kp.publicKey(), BlsSignature.fromBytes(garbage), msg));
    assertFalse(BlsBasic.verify(BlsPublicKey.fromBytes(new byte[96]), sig, msg));
  }

  @Test
  void deterministicKeysAndSignatures() {
    BlsKeyPair a = BlsBasic.keyPairFromSeed(new byte[32]);
    BlsKeyPair b = BlsBasic.keyPairFromSeed(new byte[32]);
    assertEquals(a.publicKey(), b.publicKey());
    assertEquals(BlsBasic.sign(a.secretKey(), new byte[] {1}), BlsBasic.sign(b.secretKey(), new byte[] {1}));
    assertEquals(a.publicKey(), BlsBasic.publicKey(BlsSecretKey.fromBytes(a.secretKey().toBytes())));
  }
}
