package dev.jic.types.encoding;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/**
 * Unsigned and signed LEB128, shortest form, as used by Candid, request-id hashing and
 * certified-state values. Decoding is done by {@link ByteReader}, which reports malformed input
 * as a {@link DecodeException}.
 */
public final class Leb128 {
  private Leb128() {}

  private static final BigInteger MASK7 = BigInteger.valueOf(0x7f);

  /** ULEB128 of an unsigned 64-bit value ({@code v} read as unsigned). */
  public static byte[] encodeUnsigned(long v) {
    byte[] buf = new byte[10];
    int n = 0;
    do {
      byte b = (byte) (v & 0x7f);
      v >>>= 7;
      if (v != 0) {
        b |= (byte) 0x80;
      }
      buf[n++] = b;
    } while (v != 0);
    return java.util.Arrays.copyOf(buf, n);
  }

  /** ULEB128 of a non-negative big integer. */
  public static byte[] encodeUnsigned(BigInteger v) {
    if (v.signum() < 0) {
      throw new IllegalArgumentException("ULEB128 of a negative number: " + v);
    }
    if (v.bitLength() < 64) {
      return encodeUnsigned(v.longValue());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    do {
      int b = v.and(MASK7).intValue();
      v = v.shiftRight(7);
      if (v.signum() != 0) {
        b |= 0x80;
      }
      out.write(b);
    } while (v.signum() != 0);
    return out.toByteArray();
  }

  /** SLEB128 of a signed 64-bit value. */
  public static byte[] encodeSigned(long v) {
    byte[] buf = new byte[10];
    int n = 0;
    while (true) {
      byte b = (byte) (v & 0x7f);
      v >>= 7;
      boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
      if (!done) {
        b |= (byte) 0x80;
      }
      buf[n++] = b;
      if (done) {
        return java.util.Arrays.copyOf(buf, n);
      }
    }
  }

  /** SLEB128 of a big integer. */
  public static byte[] encodeSigned(BigInteger v) {
    if (v.bitLength() < 64) {
      return encodeSigned(v.longValue());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      int b = v.and(MASK7).intValue();
      v = v.shiftRight(7);
      boolean done = (v.signum() == 0 && (b & 0x40) == 0) || (v.equals(BigInteger.ONE.negate()) && (b & 0x40) != 0);
      if (!done) {
        b |= 0x80;
      }
      out.write(b);
      if (done) {
        return out.toByteArray();
      }
    }
  }
}
