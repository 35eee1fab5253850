package dev.jic.crypto.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.jic.crypto.tree.HashTree;
import dev.jic.crypto.tree.LabeledTree;
import dev.jic.types.encoding.Leb128;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CertificateTimeTest {
  private static final long NOW = 1_700_000_000_000_000_000L;
  private static final long MIN = Duration.ofMinutes(1).toNanos();

  private static HashTree withTime(byte[] v) {
    return LabeledTree.builder().put(LabeledTree.path("time"), v).build().toHashTree();
  }

  @Test
  void window() {
    assertEquals(new CertificateTime.Fresh(NOW), CertificateTime.check(withTime(Leb128.encodeUnsigned(NOW)), NOW));
    assertInstanceOf(CertificateTime.Fresh.class, CertificateTime.check(withTime(Leb128.encodeUnsigned(NOW - 5 * MIN)), NOW));
    assertInstanceOf(CertificateTime.Fresh.class, CertificateTime.check(withTime(Leb128.encodeUnsigned(NOW + 5 * MIN)), NOW));
    assertInstanceOf(CertificateTime.TooOld.class, CertificateTime.check(withTime(Leb128.encodeUnsigned(NOW - 5 * MIN - 1)), NOW));
    assertInstanceOf(CertificateTime.TooNew.class, CertificateTime.check(withTime(Leb128.encodeUnsigned(NOW + 5 * MIN + 1)), NOW));
    assertInstanceOf(
        CertificateTime.Fresh.class,
        CertificateTime.check(withTime(Leb128.encodeUnsigned(NOW - 10 * MIN)), NOW, CertificateTime.DELEGATION_MAX_AGE, Duration.ZERO));
  }

  @Test
  void missingOrMalformed() {
    HashTree noTime = LabeledTree.builder().put(LabeledTree.path("x"), new byte[0]).build().toHashTree();
    assertInstanceOf(CertificateTime.Missing.class, CertificateTime.check(noTime, NOW));
    assertInstanceOf(CertificateTime.Missing.class, CertificateTime.check(HashTree.pruned(new byte[32]), NOW));
    assertInstanceOf(CertificateTime.Malformed.class, CertificateTime.check(withTime(new byte[] {(byte) 0x80}), NOW));
    assertInstanceOf(CertificateTime.Malformed.class, CertificateTime.check(withTime(new byte[] {1, 2}), NOW));
    assertInstanceOf(CertificateTime.Malformed.class, CertificateTime.check(withTime(new byte[0]), NOW));
  }
}
