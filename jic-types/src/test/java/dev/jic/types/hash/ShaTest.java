package dev.jic.types.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ShaTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

  @Test
  void sha256OfAbcIsTheFips180Vector() {
    // FIPS 180-2, Appendix B.1 (SHA-256 of "abc").
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", HEX.formatHex(Sha.sha256(ABC)));
  }

  @Test
  void sha224OfAbcIsTheFips180Vector() {
    // FIPS 180-2 change notice, SHA-224 example 1 (SHA-224 of "abc").
    assertEquals("23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7", HEX.formatHex(Sha.sha224(ABC)));
  }

  @Test
  void partsAreConcatenated() {
    byte[] a = "a".getBytes(StandardCharsets.US_ASCII);
    byte[] bc = "bc".getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(Sha.sha256(ABC), Sha.sha256(a, bc, new byte[0]));
    assertArrayEquals(Sha.sha224(ABC), Sha.sha224(a, bc));
  }

  @Test
  void streamingDigestsAreIndependentCopies() {
    MessageDigest first = Sha.sha256Digest();
    MessageDigest second = Sha.sha256Digest();
    assertNotSame(first, second);
    first.update("garbage".getBytes(StandardCharsets.US_ASCII));
    second.update(ABC);
    assertArrayEquals(Sha.sha256(ABC), second.digest());
    // a new digest starts empty even though an earlier one was left with pending input
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", HEX.formatHex(Sha.sha256Digest().digest()));
  }

  @Test
  void concurrentCallersGetCorrectDigests() throws InterruptedException {
    byte[][] inputs = new byte[64][];
    byte[][] expected = new byte[64][];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = ("input " + i).getBytes(StandardCharsets.US_ASCII);
      expected[i] = Sha.sha256(inputs[i]);
    }
    AtomicInteger wrong = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int seed = t;
      threads.add(Thread.ofPlatform().start(() -> {
        for (int n = 0; n < 2_000; n++) {
          int i = (n * 7 + seed) % inputs.length;
          if (!java.util.Arrays.equals(expected[i], Sha.sha256(inputs[i]))) {
            wrong.incrementAndGet();
          }
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(0, wrong.get());
  }
}
