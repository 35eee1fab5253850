package dev.jic.wasm.binary;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A bounds-checked cursor over Wasm binary bytes with the exact LEB128 rules of the Wasm spec
 * (at most ceil(N/7) bytes, unused bits of the last byte zero or sign bits). Every failure is a
 * {@link WasmMalformedException} naming the offset; no unchecked exception escapes on any input.
 */
final class WasmReader {
  private final byte[] data;
  private int pos;
  private int limit;

  WasmReader(byte[] data) {
    this.data = data;
    this.pos = 0;
    this.limit = data.length;
  }

  int position() {
    return pos;
  }

  int limit() {
    return limit;
  }

  /** Restricts reading to {@code [position, end)}; returns the previous limit. */
  int pushLimit(int end) throws WasmMalformedException {
    if (end < pos || end > limit) {
      throw malformed("unexpected end: size " + (end - pos) + " exceeds the enclosing " + (limit - pos) + " bytes");
    }
    int old = limit;
    limit = end;
    return old;
  }

  void popLimit(int oldLimit) {
    limit = oldLimit;
  }

  int remaining() {
    return limit - pos;
  }

  boolean atEnd() {
    return pos >= limit;
  }

  WasmMalformedException malformed(String what) {
    return new WasmMalformedException(what + " (at offset " + pos + ")");
  }

  int u8() throws WasmMalformedException {
    if (pos >= limit) {
      throw malformed("unexpected end of section or function");
    }
    return data[pos++] & 0xff;
  }

  byte[] bytes(long n) throws WasmMalformedException {
    if (n < 0 || n > remaining()) {
      throw malformed("unexpected end: need " + n + " bytes, " + remaining() + " remain");
    }
    byte[] out = new byte[(int) n];
    System.arraycopy(data, pos, out, 0, (int) n);
    pos += (int) n;
    return out;
  }

  /** Fixed-width little-endian integer of {@code n} bytes (4 or 8, for floats). */
  long fixed(int n) throws WasmMalformedException {
    if (remaining() < n) {
      throw malformed("unexpected end: need " + n + " bytes");
    }
    long v = 0;
    for (int i = 0; i < n; i++) {
      v |= (data[pos + i] & 0xffL) << (8 * i);
    }
    pos += n;
    return v;
  }

  /** Unsigned 32-bit LEB128, returned as a non-negative long. */
  long u32() throws WasmMalformedException {
    long result = 0;
    for (int i = 0; i < 5; i++) {
      int b = u8();
      if (i == 4) {
        if ((b & 0x80) != 0) {
          throw malformed("integer representation too long");
        }
        if ((b & 0x70) != 0) {
          throw malformed("integer too large");
        }
      }
      result |= (long) (b & 0x7f) << (7 * i);
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw malformed("integer representation too long");
  }

  /** A u32 used as a count or index that must also fit a Java int. */
  int index() throws WasmMalformedException {
    long v = u32();
    if (v > Integer.MAX_VALUE) {
      throw malformed("index or count " + v + " is beyond what this decoder supports");
    }
    return (int) v;
  }

  /** A vector length: each element takes at least {@code minElementBytes}, so it is bounded by the bytes left. */
  int count(int minElementBytes) throws WasmMalformedException {
    long v = u32();
    if (v * minElementBytes > remaining()) {
      throw malformed("vector length " + v + " is larger than the " + remaining() + " bytes left");
    }
    return (int) v;
  }

  /** Unsigned 64-bit LEB128. */
  long u64() throws WasmMalformedException {
    long result = 0;
    for (int i = 0; i < 10; i++) {
      int b = u8();
      if (i == 9) {
        if ((b & 0x80) != 0) {
          throw malformed("integer representation too long");
        }
        if ((b & 0x7e) != 0) {
          throw malformed("integer too large");
        }
      }
      result |= (long) (b & 0x7f) << (7 * i);
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw malformed("integer representation too long");
  }

  /** Signed LEB128 of {@code bits} (32, 33 or 64) bits. */
  long signed(int bits) throws WasmMalformedException {
    int maxBytes = (bits + 6) / 7;
    long result = 0;
    int shift = 0;
    for (int i = 0; i < maxBytes; i++) {
      int b = u8();
      if (i == maxBytes - 1) {
        if ((b & 0x80) != 0) {
          throw malformed("integer representation too long");
        }
        // Bits of the last byte beyond the value's width must all equal its sign bit.
        int used = bits - 7 * i; // value bits carried by this byte (1..7)
        if (used < 7) {
          int signAndUnused = b >> (used - 1); // sign bit and the unused bits above it
          int all = (1 << (7 - used + 1)) - 1;
          if (signAndUnused != 0 && signAndUnused != all) {
            throw malformed("integer too large");
          }
        }
      }
      result |= (long) (b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) == 0) {
        if (shift < 64 && (b & 0x40) != 0) {
          result |= -1L << shift;
        }
        return result;
      }
    }
    throw malformed("integer representation too long");
  }

  /** A name: u32 length then UTF-8 bytes, validated strictly. */
  String name() throws WasmMalformedException {
    long len = u32();
    byte[] raw = bytes(len);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      throw malformed("malformed UTF-8 encoding");
    }
  }
}
