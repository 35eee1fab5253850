package dev.jic.state.codec;

import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.unit.Cycles;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Appends jic's canonical checkpoint encoding: fixed-width little-endian integers, length-prefixed
 * (u32) byte strings and UTF-8 text, one byte per boolean or tag. The same value always gives the
 * same bytes. Writes go straight into one growable array (no per-byte calls, no intermediate
 * copies of principals); size it with {@link #BinWriter(int)} when the total is known or estimated.
 * Not thread-safe.
 */
public final class BinWriter {
  private static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

  private byte[] buf;
  private int pos;

  /** An empty writer with a small initial buffer. */
  public BinWriter() {
    this(64);
  }

  /**
   * An empty writer whose buffer first holds {@code capacity} bytes (it still grows as needed).
   *
   * @throws IllegalArgumentException if {@code capacity} is negative
   */
  public BinWriter(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity " + capacity);
    }
    buf = new byte[capacity];
  }

  /** Makes room for {@code n} more bytes. */
  private void ensure(int n) {
    int need = pos + n;
    if (need < 0 || need > MAX_ARRAY) {
      throw new IllegalStateException("encoding exceeds " + MAX_ARRAY + " bytes");
    }
    if (need > buf.length) {
      long grown = Math.max((long) buf.length + (buf.length >> 1) + 16, need);
      buf = Arrays.copyOf(buf, (int) Math.min(grown, MAX_ARRAY));
    }
  }

  /** One byte. */
  public BinWriter u8(int v) {
    ensure(1);
    buf[pos++] = (byte) v;
    return this;
  }

  /** A boolean as 0 or 1. */
  public BinWriter bool(boolean b) {
    return u8(b ? 1 : 0);
  }

  /** u32 little-endian. */
  public BinWriter u32(int v) {
    ensure(4);
    LE32.set(buf, pos, v);
    pos += 4;
    return this;
  }

  /** u64 little-endian. */
  public BinWriter u64(long v) {
    ensure(8);
    LE64.set(buf, pos, v);
    pos += 8;
    return this;
  }

  /** u32 length, then the bytes. */
  public BinWriter bytes(byte[] b) {
    ensure(4 + b.length);
    LE32.set(buf, pos, b.length);
    System.arraycopy(b, 0, buf, pos + 4, b.length);
    pos += 4 + b.length;
    return this;
  }

  /** Exactly these bytes, no length (fixed-size fields). */
  public BinWriter raw(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
    return this;
  }

  /** UTF-8 text as {@link #bytes} (ASCII text is written without an intermediate array). */
  public BinWriter str(String s) {
    int n = s.length();
    ensure(4 + n);
    int p = pos + 4;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
      }
      buf[p + i] = (byte) c;
    }
    LE32.set(buf, pos, n);
    pos = p + n;
    return this;
  }

  /** A nullable string: flag byte, then the text. */
  public BinWriter optStr(String s) {
    bool(s != null);
    return s == null ? this : str(s);
  }

  /** A nullable byte string: flag byte, then the bytes. */
  public BinWriter optBytes(byte[] b) {
    bool(b != null);
    return b == null ? this : bytes(b);
  }

  /** A principal's bytes (as {@link #bytes}, without copying them out of the principal first). */
  public BinWriter principal(PrincipalId p) {
    int n = p.length();
    ensure(4 + n);
    LE32.set(buf, pos, n);
    int o = pos + 4;
    for (int i = 0; i < n; i++) {
      buf[o + i] = p.byteAt(i);
    }
    pos = o + n;
    return this;
  }

  /** A canister id's principal bytes. */
  public BinWriter canister(CanisterId c) {
    return principal(c.principal());
  }

  /** 128-bit cycles: high u64, then low u64. */
  public BinWriter cycles(Cycles c) {
    return u64(c.high()).u64(c.low());
  }

  /** The number of bytes written so far. */
  public int size() {
    return pos;
  }

  /**
   * The bytes written so far. When they fill the buffer exactly (the writer was sized exactly) the
   * buffer itself is returned without a copy: it is never written again, because any later write
   * must first move to a larger buffer.
   */
  public byte[] toBytes() {
    return pos == buf.length ? buf : Arrays.copyOf(buf, pos);
  }
}
