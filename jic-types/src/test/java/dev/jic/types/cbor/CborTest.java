package dev.jic.types.cbor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import dev.jic.types.encoding.DecodeException;
import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CborTest {
  private static CBORObject dec(String hex) throws DecodeException {
    return Cbor.decode(HexFormat.of().parseHex(hex));
  }

  private static void rejects(String hex, String messagePart) {
    DecodeException e = assertThrows(DecodeException.class, () -> dec(hex));
    assertTrue(e.getMessage().contains(messagePart), e.getMessage());
  }

  @Test
  void selfDescribeTagIsOptional() throws DecodeException {
    // {"a": 1} with and without d9d9f7 (digest §1.2; doubt 10: both accepted)
    assertEquals(dec("a1616101"), dec("d9d9f7a1616101"));
    assertFalse(dec("d9d9f7a1616101").isTagged());
  }

  @Test
  void rejectsMalformedInput() {
    rejects("", "empty");
    rejects("a1616101ff", "malformed"); // trailing byte
    rejects("a2616101616102", "malformed"); // duplicate key "a"
    rejects("62c328", "malformed"); // invalid UTF-8 in text
    rejects("a16161", "malformed"); // truncated
    rejects("d9d9f7d9d9f701", "tag"); // doubled self-describe tag
    rejects("c101", "tag"); // tag 1 (epoch time) is not allowed
    rejects("a16161c101", "tag"); // nested tag
  }

  @Test
  void indefiniteLengthsAreAccepted() throws DecodeException {
    // bf 61 61 01 ff = {_ "a": 1}; 5f 41 01 ff = (_ h'01')
    assertEquals(dec("a1616101"), dec("bf616101ff"));
    assertArrayEquals(new byte[] {1}, CborValues.blob(dec("5f4101ff"), "x"));
  }

  @Test
  void floatsAreNotNats() throws DecodeException {
    CborMap m = CborMap.of(dec("a16165f93c00"), "content"); // {"e": 1.0 (half float)}
    DecodeException e = assertThrows(DecodeException.class, () -> m.nat("e"));
    assertEquals("field 'content.e' must be a natural number, got a floating-point number", e.getMessage());
  }

  @Test
  void natAccessors() throws DecodeException {
    assertEquals(BigInteger.valueOf(24), CborValues.nat(dec("1818"), "n"));
    assertEquals(-1L, CborValues.natU64(dec("1bffffffffffffffff"), "n"));
    // tag-2 bignum 2^64
    assertEquals(BigInteger.ONE.shiftLeft(64), CborValues.nat(dec("c249010000000000000000"), "n"));
    assertThrows(DecodeException.class, () -> CborValues.natU64(dec("c249010000000000000000"), "n"));
    assertThrows(DecodeException.class, () -> CborValues.nat(dec("20"), "n")); // -1
    assertEquals(BigInteger.valueOf(-1), CborValues.integer(dec("20"), "n"));
    assertEquals(BigInteger.valueOf(-2), CborValues.integer(dec("c34101"), "n")); // tag 3: -1 - 1
  }

  @Test
  void typedAccessorsNameTheField() throws DecodeException {
    CborMap m = CborMap.of(dec("a2616101616241ff"), "content"); // {"a": 1, "b": h'ff'}
    assertEquals("missing field 'content.zz'", assertThrows(DecodeException.class, () -> m.blob("zz")).getMessage());
    assertEquals("field 'content.a' must be a byte string, got an integer",
        assertThrows(DecodeException.class, () -> m.blob("a")).getMessage());
    assertEquals("field 'content.b' must be a text string, got a byte string",
        assertThrows(DecodeException.class, () -> m.text("b")).getMessage());
    assertThrows(DecodeException.class, () -> CborMap.of(dec("a10101"), "m")); // integer key
  }

  @Test
  void encodeAddsSelfDescribeTag() throws DecodeException {
    byte[] out = Cbor.encodeWithSelfDescribeTag(CBORObject.FromObject(1));
    assertEquals("d9d9f701", HexFormat.of().formatHex(out));
    assertEquals(CBORObject.FromObject(1), Cbor.decode(out));
  }

  @Test
  void deepNestingIsRejected() {
    String deep = "81".repeat(Cbor.MAX_DEPTH + 5) + "00";
    assertThrows(DecodeException.class, () -> dec(deep));
  }
}
