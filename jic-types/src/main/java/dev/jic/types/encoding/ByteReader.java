package dev.jic.types.encoding;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A cursor over untrusted bytes. Every read checks bounds and throws {@link DecodeException}
 * naming the offset, so decoders built on it cannot fail with an unchecked exception.
 */
public final class ByteReader {
  private final byte[] data;
  private final int end;
  private int pos;

  public ByteReader(byte[] data) {
    this(data, 0, data.length);
  }

  public ByteReader(byte[] data, int offset, int length) {
    this.data = data;
    this.pos = offset;
    this.end = offset + length;
  }

  public int position() {
    return pos;
  }

  public int remaining() {
    return end - pos;
  }

  public boolean atEnd() {
    return pos >= end;
  }

  public int readU8() throws DecodeException {
    need(1);
    return data[pos++] & 0xff;
  }

  public byte[] readBytes(long n) throws DecodeException {
    if (n < 0 || n > remaining()) {
      throw new DecodeException("need " + n + " bytes at offset " + pos + " but only " + remaining() + " remain");
    }
    byte[] out = Arrays.copyOfRange(data, pos, pos + (int) n);
    pos += (int) n;
    return out;
  }

  /** Little-endian fixed-width integer of {@code n} (1..8) bytes. */
  public long readLittleEndian(int n) throws DecodeException {
    need(n);
    long v = 0;
    for (int i = 0; i < n; i++) {
      v |= (data[pos + i] & 0xffL) << (8 * i);
    }
    pos += n;
    return v;
  }

  /** ULEB128 that must fit in an unsigned 64-bit value. */
  public long readUleb64() throws DecodeException {
    int start = pos;
    long result = 0;
    int shift = 0;
    while (true) {
      int b = readU8();
      if (shift == 63 && (b & 0x7e) != 0) {
        throw new DecodeException("LEB128 at offset " + start + " overflows 64 bits");
      }
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
      shift += 7;
      if (shift > 63) {
        throw new DecodeException("LEB128 at offset " + start + " overflows 64 bits");
      }
    }
  }

  /** ULEB128 of any size. {@code maxBytes} bounds the work on hostile input. */
  public BigInteger readUlebBig(int maxBytes) throws DecodeException {
    int start = pos;
    BigInteger result = BigInteger.ZERO;
    int shift = 0;
    for (int i = 0; ; i++) {
      if (i >= maxBytes) {
        throw new DecodeException("LEB128 at offset " + start + " is longer than " + maxBytes + " bytes");
      }
      int b = readU8();
      result = result.or(BigInteger.valueOf(b & 0x7f).shiftLeft(shift));
      shift += 7;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
  }

  /** SLEB128 of any size. */
  public BigInteger readSlebBig(int maxBytes) throws DecodeException {
    int start = pos;
    BigInteger result = BigInteger.ZERO;
    int shift = 0;
    for (int i = 0; ; i++) {
      if (i >= maxBytes) {
        throw new DecodeException("SLEB128 at offset " + start + " is longer than " + maxBytes + " bytes");
      }
      int b = readU8();
      result = result.or(BigInteger.valueOf(b & 0x7f).shiftLeft(shift));
      shift += 7;
      if ((b & 0x80) == 0) {
        if ((b & 0x40) != 0) {
          result = result.subtract(BigInteger.ONE.shiftLeft(shift));
        }
        return result;
      }
    }
  }

  /** SLEB128 that must fit in a signed 64-bit value. */
  public long readSleb64() throws DecodeException {
    int start = pos;
    BigInteger v = readSlebBig(10);
    if (v.bitLength() > 63) {
      throw new DecodeException("SLEB128 at offset " + start + " overflows 64 bits");
    }
    return v.longValue();
  }

  private void need(int n) throws DecodeException {
    if (end - pos < n) {
      throw new DecodeException("unexpected end of input at offset " + pos + " (need " + n + " more bytes)");
    }
  }
}
