package dev.jic.state.codec;

import dev.jic.types.encoding.ByteReader;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.unit.Cycles;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link BinWriter} wrote. Every malformed input (short, over-long counts, bad tags,
 * invalid UTF-8, invalid principals) fails with {@link DecodeException}, never with another
 * exception.
 */
public final class BinReader {
  private final ByteReader r;

  /** Reads {@code data}. */
  public BinReader(byte[] data) {
    this.r = new ByteReader(data);
  }

  /** One byte. */
  public int u8() throws DecodeException {
    return r.readU8();
  }

  /** A boolean byte (0 or 1). */
  public boolean bool() throws DecodeException {
    int b = u8();
    if (b > 1) {
      throw new DecodeException("bad boolean " + b);
    }
    return b == 1;
  }

  /** u32 little-endian as a non-negative int. */
  public int u32() throws DecodeException {
    long v = r.readLittleEndian(4);
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw new DecodeException("u32 " + v + " out of range");
    }
    return (int) v;
  }

  /** A count of items each at least {@code minItemBytes} long (bounded by what is left). */
  public int count(int minItemBytes) throws DecodeException {
    int n = u32();
    if ((long) n * Math.max(1, minItemBytes) > r.remaining()) {
      throw new DecodeException("count " + n + " exceeds the remaining input");
    }
    return n;
  }

  /** u64 little-endian. */
  public long u64() throws DecodeException {
    return r.readLittleEndian(8);
  }

  /** u32 length, then that many bytes. */
  public byte[] bytes() throws DecodeException {
    return r.readBytes(u32());
  }

  /** Exactly {@code n} bytes. */
  public byte[] raw(int n) throws DecodeException {
    return r.readBytes(n);
  }

  /** UTF-8 text (strictly valid). */
  public String str() throws DecodeException {
    byte[] b = bytes();
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      throw new DecodeException("invalid UTF-8");
    }
  }

  /** A nullable string. */
  public String optStr() throws DecodeException {
    return bool() ? str() : null;
  }

  /** A nullable byte string. */
  public byte[] optBytes() throws DecodeException {
    return bool() ? bytes() : null;
  }

  /** A principal. */
  public PrincipalId principal() throws DecodeException {
    byte[] b = bytes();
    if (b.length > PrincipalId.MAX_LENGTH) {
      throw new DecodeException("principal longer than 29 bytes");
    }
    try {
      return PrincipalId.of(b);
    } catch (RuntimeException e) {
      throw new DecodeException("bad principal: " + e.getMessage());
    }
  }

  /** A canister id. */
  public CanisterId canister() throws DecodeException {
    return new CanisterId(principal());
  }

  /** 128-bit cycles. */
  public Cycles cycles() throws DecodeException {
    long high = u64();
    return new Cycles(high, u64());
  }

  /** Whether everything was read. */
  public boolean atEnd() {
    return r.atEnd();
  }

  /** Fails unless everything was read (no trailing bytes in a canonical encoding). */
  public void end() throws DecodeException {
    if (!r.atEnd()) {
      throw new DecodeException(r.remaining() + " trailing bytes");
    }
  }
}
