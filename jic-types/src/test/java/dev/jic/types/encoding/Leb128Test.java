package dev.jic.types.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class Leb128Test {

  @Test
  void specVectors() {
    // Interface spec, "Representation-independent hashing": 624485 -> e5 8e 26, -123456 -> c0 bb 78.
    assertArrayEquals(HexFormat.of().parseHex("e58e26"), Leb128.encodeUnsigned(624485));
    assertArrayEquals(HexFormat.of().parseHex("c0bb78"), Leb128.encodeSigned(-123456));
    assertArrayEquals(new byte[] {0}, Leb128.encodeUnsigned(0));
    // 2^64 - 1 as unsigned: nine 0xff groups then 0x01.
    assertArrayEquals(HexFormat.of().parseHex("ffffffffffffffffff01"), Leb128.encodeUnsigned(-1L));
    assertThrows(IllegalArgumentException.class, () -> Leb128.encodeUnsigned(BigInteger.ONE.negate()));
  }

  @Property
  void bigEncodingsDecodeBack(@ForAll BigInteger v) throws DecodeException {
    BigInteger big = v.shiftLeft(70).add(v); // beyond 64 bits, both signs
    assertEquals(big, new ByteReader(Leb128.encodeSigned(big)).readSlebBig(1000));
    assertEquals(big.abs(), new ByteReader(Leb128.encodeUnsigned(big.abs())).readUlebBig(1000));
    assertEquals(v, new ByteReader(Leb128.encodeSigned(v)).readSlebBig(1000));
  }

  @Test
  void megabyteNumberIsEncodedQuickly() throws DecodeException {
    BigInteger huge = BigInteger.ONE.shiftLeft(2_000_000).subtract(BigInteger.ONE);
    byte[] enc = Leb128.encodeUnsigned(huge);
    assertEquals((2_000_000 + 6) / 7, enc.length);
  }
}
