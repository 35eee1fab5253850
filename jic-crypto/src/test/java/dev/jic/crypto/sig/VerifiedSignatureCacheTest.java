package dev.jic.crypto.sig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.crypto.node.NodeSigningKey;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.Sha;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VerifiedSignatureCacheTest {
  private static final NodeSigningKey ALICE = NodeSigningKey.fromSeed(Sha.sha256("alice".getBytes(StandardCharsets.US_ASCII)));
  private static final NodeSigningKey BOB = NodeSigningKey.fromSeed(Sha.sha256("bob".getBytes(StandardCharsets.US_ASCII)));
  private static final byte[] MSG = "\nic-request message".getBytes(StandardCharsets.US_ASCII);

  private static UserPublicKey key(NodeSigningKey k) {
    try {
      return DerPublicKeys.parse(k.publicKeyDer());
    } catch (DecodeException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void validTripleIsRememberedAndAnsweredAgain() {
    var cache = new VerifiedSignatureCache(16);
    byte[] sig = ALICE.sign(MSG);
    assertFalse(cache.contains(key(ALICE), MSG, sig));
    assertInstanceOf(VerificationResult.Valid.class, cache.verify(key(ALICE), MSG, sig));
    assertTrue(cache.contains(key(ALICE), MSG, sig));
    assertInstanceOf(VerificationResult.Valid.class, cache.verify(key(ALICE), MSG, sig));
    assertEquals(1, cache.size());
  }

  @Test
  void anotherSignatureMessageOrKeyIsNotAHit() {
    var cache = new VerifiedSignatureCache(16);
    byte[] sig = ALICE.sign(MSG);
    cache.verify(key(ALICE), MSG, sig);

    byte[] otherMsg = MSG.clone();
    otherMsg[otherMsg.length - 1] ^= 1;
    assertFalse(cache.contains(key(ALICE), otherMsg, sig));
    assertInstanceOf(VerificationResult.Invalid.class, cache.verify(key(ALICE), otherMsg, sig));

    byte[] otherSig = sig.clone();
    otherSig[0] ^= 1;
    assertFalse(cache.contains(key(ALICE), MSG, otherSig));
    assertInstanceOf(VerificationResult.Invalid.class, cache.verify(key(ALICE), MSG, otherSig));

    assertFalse(cache.contains(key(BOB), MSG, sig));
    assertInstanceOf(VerificationResult.Invalid.class, cache.verify(key(BOB), MSG, sig));

    // a truncated signature or a message extended by the signature's first byte: the length
    // prefixes keep such boundary shifts apart
    byte[] shiftedMsg = java.util.Arrays.copyOf(MSG, MSG.length + 1);
    shiftedMsg[MSG.length] = sig[0];
    byte[] shiftedSig = java.util.Arrays.copyOfRange(sig, 1, sig.length);
    assertFalse(cache.contains(key(ALICE), shiftedMsg, shiftedSig));
    assertEquals(1, cache.size());
  }

  @Test
  void invalidAndUnsupportedAnswersAreNotRemembered() {
    var cache = new VerifiedSignatureCache(16);
    byte[] wrong = BOB.sign(MSG);
    assertInstanceOf(VerificationResult.Invalid.class, cache.verify(key(ALICE), MSG, wrong));
    assertInstanceOf(VerificationResult.Invalid.class, cache.verify(key(ALICE), MSG, new byte[3]));
    assertEquals(0, cache.size());
  }

  @Test
  void memoryIsBoundedAndEvictedEntriesStillVerify() {
    var cache = new VerifiedSignatureCache(8);
    List<byte[]> messages = new ArrayList<>();
    List<byte[]> sigs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      byte[] m = ("message " + i).getBytes(StandardCharsets.US_ASCII);
      messages.add(m);
      sigs.add(ALICE.sign(m));
      assertInstanceOf(VerificationResult.Valid.class, cache.verify(key(ALICE), m, sigs.get(i)));
      assertTrue(cache.size() <= 8);
    }
    int remembered = 0;
    for (int i = 0; i < 100; i++) {
      if (cache.contains(key(ALICE), messages.get(i), sigs.get(i))) {
        remembered++;
      }
      assertInstanceOf(VerificationResult.Valid.class, cache.verify(key(ALICE), messages.get(i), sigs.get(i)));
    }
    assertTrue(remembered <= 8, "at most capacity entries are held, got " + remembered);
    assertEquals(1 << 14, new VerifiedSignatureCache().capacity());
  }

  @Test
  void capacityMustBeAPowerOfTwo() {
    assertThrows(IllegalArgumentException.class, () -> new VerifiedSignatureCache(0));
    assertThrows(IllegalArgumentException.class, () -> new VerifiedSignatureCache(12));
    assertThrows(IllegalArgumentException.class, () -> new VerifiedSignatureCache(1 << 21));
  }

  @Test
  void concurrentUseGivesTheUncachedAnswers() throws InterruptedException {
    var cache = new VerifiedSignatureCache(4); // tiny, so threads keep evicting each other's entries
    int n = 12;
    byte[][] messages = new byte[n][];
    byte[][] sigs = new byte[n][];
    boolean[] valid = new boolean[n];
    for (int i = 0; i < n; i++) {
      messages[i] = ("concurrent " + i).getBytes(StandardCharsets.US_ASCII);
      valid[i] = i % 3 != 0;
      sigs[i] = (valid[i] ? ALICE : BOB).sign(messages[i]);
    }
    UserPublicKey alice = key(ALICE);
    AtomicInteger wrong = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int seed = t;
      threads.add(Thread.ofPlatform().start(() -> {
        for (int k = 0; k < 150; k++) {
          int i = (k * 5 + seed) % n;
          boolean ok = cache.verify(alice, messages[i], sigs[i]) instanceof VerificationResult.Valid;
          if (ok != valid[i]) {
            wrong.incrementAndGet();
          }
        }
      }));
    }
    for (Thread th : threads) {
      th.join();
    }
    assertEquals(0, wrong.get());
    assertTrue(cache.size() <= 4);
  }
}
