package dev.jic.types.unit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CyclesTest {

  private static final BigInteger MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

  @Provide
  Arbitrary<BigInteger> u128() {
    return Arbitraries.oneOf(
        Arbitraries.bigIntegers().between(BigInteger.ZERO, MAX),
        Arbitraries.of(BigInteger.ZERO, BigInteger.ONE, MAX, BigInteger.ONE.shiftLeft(64),
            BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)));
  }

  @Property
  void arithmeticMatchesBigInteger(@ForAll("u128") BigInteger a, @ForAll("u128") BigInteger b) {
    Cycles ca = Cycles.of(a);
    Cycles cb = Cycles.of(b);
    assertEquals(a, ca.toBigInteger());
    BigInteger sum = a.add(b);
    if (sum.compareTo(MAX) > 0) {
      assertThrows(ArithmeticException.class, () -> ca.plus(cb));
      assertEquals(Cycles.MAX, ca.saturatingPlus(cb));
    } else {
      assertEquals(sum, ca.plus(cb).toBigInteger());
    }
    BigInteger diff = a.subtract(b);
    if (diff.signum() < 0) {
      assertThrows(ArithmeticException.class, () -> ca.minus(cb));
      assertEquals(Cycles.ZERO, ca.saturatingMinus(cb));
    } else {
      assertEquals(diff, ca.minus(cb).toBigInteger());
    }
    assertEquals(Integer.signum(a.compareTo(b)), Integer.signum(ca.compareTo(cb)));
  }

  @Test
  void littleEndianLayout() {
    byte[] le = Cycles.of(BigInteger.ONE.shiftLeft(64).add(BigInteger.valueOf(2))).toLittleEndianBytes();
    byte[] expected = new byte[16];
    expected[0] = 2;
    expected[8] = 1;
    assertArrayEquals(expected, le);
    assertThrows(ArithmeticException.class, () -> Cycles.of(MAX.add(BigInteger.ONE)));
    assertThrows(IllegalArgumentException.class, () -> Cycles.of(-1));
    assertEquals("340282366920938463463374607431768211455", Cycles.MAX.toString());
  }
}
