package dev.jic.consensus.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jic.types.encoding.DecodeException;
import dev.jic.types.encoding.Leb128;
import dev.jic.types.unit.Height;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** Content versions decode through one checked path: any out-of-int value is a DecodeException. */
class ContentVersionTest {

  private static byte[] notarizationWithVersion(long unsignedVersion) {
    Wire.Writer body = new Wire.Writer();
    new NotarizationContent(0, Height.of(7), CryptoHash.compute("test", new byte[] {1})).encode(body);
    byte[] encoded = body.toBytes(); // version 0 is the single byte 0x00
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(Leb128.encodeUnsigned(unsignedVersion));
    out.write(encoded, 1, encoded.length - 1);
    return out.toByteArray();
  }

  @Test
  void versionsBeyondIntAreDecodeErrorsNotCrashes() throws DecodeException {
    assertEquals(3, NotarizationContent.decode(new Wire.Reader(notarizationWithVersion(3))).version());
    // 2^31 and 2^64 - 1 (read as a negative long) were accepted by hand-written copies of this check.
    assertThrows(DecodeException.class, () -> NotarizationContent.decode(new Wire.Reader(notarizationWithVersion(1L << 31))));
    assertThrows(DecodeException.class, () -> NotarizationContent.decode(new Wire.Reader(notarizationWithVersion(-1L))));
    assertThrows(DecodeException.class, () -> FinalizationContent.decode(new Wire.Reader(notarizationWithVersion(-1L))));
  }
}
