package dev.jic.types.encoding;

import java.math.BigInteger;

/**
 * Unsigned and signed LEB128, shortest form, as used by Candid, request-id hashing and
 * certified-state values. Decoding is done by {@link ByteReader}, which reports malformed input
 * as a {@link DecodeException}.
 */
public final class Leb128 {
  private Leb128() {}

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

  /** ULEB128 of a non-negative big integer, in time linear in its size. */
  public static byte[] encodeUnsigned(BigInteger v) {
    if (v.signum() < 0) {
      throw new IllegalArgumentException("ULEB128 of a negative number: " + v);
    }
    return v.bitLength() < 64 ? encodeUnsigned(v.longValue()) : big(v, false);
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

  /** SLEB128 of a big integer, in time linear in its size. */
  public static byte[] encodeSigned(BigInteger v) {
    return v.bitLength() < 64 ? encodeSigned(v.longValue()) : big(v, true);
  }

  /**
   * Reads the two's-complement bytes once and emits 7-bit groups from the low end; shifting the
   * BigInteger once per group would be quadratic for the megabyte numbers a message may hold.
   */
  private static byte[] big(BigInteger v, boolean signed) {
    int bits = v.bitLength() + (signed ? 1 : 0);
    int groups = (bits + 6) / 7;
    byte[] be = v.toByteArray();
    int n = be.length;
    int fill = v.signum() < 0 ? 1 : 0;
    byte[] out = new byte[groups];
    for (int g = 0; g < groups; g++) {
      int b = 0;
      for (int k = 0; k < 7; k++) {
        int bit = 7 * g + k;
        int byteIdx = bit >>> 3;
        int val = byteIdx < n ? (be[n - 1 - byteIdx] >> (bit & 7)) & 1 : fill;
        b |= val << k;
      }
      out[g] = (byte) (g < groups - 1 ? b | 0x80 : b);
    }
    return out;
  }
}
