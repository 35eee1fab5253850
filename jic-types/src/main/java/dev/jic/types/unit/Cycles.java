package dev.jic.types.unit;

import java.math.BigInteger;

/**
 * An amount of cycles: an unsigned 128-bit integer, as in the System API's {@code *128} calls.
 *
 * <p>Arithmetic is checked: {@link #plus} and {@link #minus} throw {@link ArithmeticException}
 * when the result leaves {@code [0, 2^128 - 1]}; the {@code saturating*} variants clamp instead
 * (the IC saturates balances at 2^128 - 1). Stored as two longs, so it is cheap on hot paths.
 */
public record Cycles(long high, long low) implements Comparable<Cycles> {

  public static final Cycles ZERO = new Cycles(0, 0);
  public static final Cycles MAX = new Cycles(-1L, -1L);
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
  private static final BigInteger MAX_BIG = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

  /** An amount below 2^63 given as a non-negative long. */
  public static Cycles of(long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("cycles must not be negative: " + amount);
    }
    return new Cycles(0, amount);
  }

  /** An amount given as an unsigned 64-bit value (e.g. from a 64-bit System API call). */
  public static Cycles ofUnsigned64(long amount) {
    return new Cycles(0, amount);
  }

  /** Throws {@link ArithmeticException} when {@code v} is negative or at least 2^128. */
  public static Cycles of(BigInteger v) {
    if (v.signum() < 0 || v.compareTo(MAX_BIG) > 0) {
      throw new ArithmeticException("cycles out of range [0, 2^128-1]: " + v);
    }
    return new Cycles(v.shiftRight(64).longValue(), v.longValue());
  }

  public BigInteger toBigInteger() {
    BigInteger hi = new BigInteger(Long.toUnsignedString(high));
    return hi.multiply(TWO_64).add(new BigInteger(Long.toUnsignedString(low)));
  }

  /** True when the amount fits in an unsigned 64-bit value. */
  public boolean fitsIn64() {
    return high == 0;
  }

  public boolean isZero() {
    return high == 0 && low == 0;
  }

  /** Checked addition. */
  public Cycles plus(Cycles o) {
    long lo = low + o.low;
    long carry = Long.compareUnsigned(lo, low) < 0 ? 1 : 0;
    long hi = high + o.high;
    boolean overflow = Long.compareUnsigned(hi, high) < 0;
    long hi2 = hi + carry;
    overflow |= Long.compareUnsigned(hi2, hi) < 0;
    if (overflow) {
      throw new ArithmeticException("cycles overflow: " + this + " + " + o);
    }
    return new Cycles(hi2, lo);
  }

  /** Checked subtraction. */
  public Cycles minus(Cycles o) {
    if (compareTo(o) < 0) {
      throw new ArithmeticException("cycles underflow: " + this + " - " + o);
    }
    long lo = low - o.low;
    long borrow = Long.compareUnsigned(low, o.low) < 0 ? 1 : 0;
    return new Cycles(high - o.high - borrow, lo);
  }

  public Cycles saturatingPlus(Cycles o) {
    try {
      return plus(o);
    } catch (ArithmeticException e) {
      return MAX;
    }
  }

  public Cycles saturatingMinus(Cycles o) {
    return compareTo(o) <= 0 ? ZERO : minus(o);
  }

  public Cycles min(Cycles o) {
    return compareTo(o) <= 0 ? this : o;
  }

  public Cycles max(Cycles o) {
    return compareTo(o) >= 0 ? this : o;
  }

  /** 16 bytes, little-endian: the layout the System API writes for 128-bit cycle amounts. */
  public byte[] toLittleEndianBytes() {
    byte[] out = new byte[16];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (low >>> (8 * i));
      out[8 + i] = (byte) (high >>> (8 * i));
    }
    return out;
  }

  @Override
  public int compareTo(Cycles o) {
    int c = Long.compareUnsigned(high, o.high);
    return c != 0 ? c : Long.compareUnsigned(low, o.low);
  }

  @Override
  public String toString() {
    return high == 0 ? Long.toUnsignedString(low) : toBigInteger().toString();
  }
}
