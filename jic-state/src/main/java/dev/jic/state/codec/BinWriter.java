package dev.jic.state.codec;

import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.unit.Cycles;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Appends jic's canonical checkpoint encoding: fixed-width little-endian integers, length-prefixed
 * (u32) byte strings and UTF-8 text, one byte per boolean or tag. The same value always gives the
 * same bytes. Not thread-safe.
 */
public final class BinWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** One byte. */
  public BinWriter u8(int v) {
    out.write(v);
    return this;
  }

  /** A boolean as 0 or 1. */
  public BinWriter bool(boolean b) {
    return u8(b ? 1 : 0);
  }

  /** u32 little-endian. */
  public BinWriter u32(int v) {
    for (int i = 0; i < 4; i++) {
      out.write(v >>> (8 * i));
    }
    return this;
  }

  /** u64 little-endian. */
  public BinWriter u64(long v) {
    for (int i = 0; i < 8; i++) {
      out.write((int) (v >>> (8 * i)));
    }
    return this;
  }

  /** u32 length, then the bytes. */
  public BinWriter bytes(byte[] b) {
    u32(b.length);
    out.write(b, 0, b.length);
    return this;
  }

  /** Exactly these bytes, no length (fixed-size fields). */
  public BinWriter raw(byte[] b) {
    out.write(b, 0, b.length);
    return this;
  }

  /** UTF-8 text as {@link #bytes}. */
  public BinWriter str(String s) {
    return bytes(s.getBytes(StandardCharsets.UTF_8));
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

  /** A principal's bytes. */
  public BinWriter principal(PrincipalId p) {
    return bytes(p.toBytes());
  }

  /** A canister id's principal bytes. */
  public BinWriter canister(CanisterId c) {
    return principal(c.principal());
  }

  /** 128-bit cycles: high u64, then low u64. */
  public BinWriter cycles(Cycles c) {
    return u64(c.high()).u64(c.low());
  }

  /** The bytes written so far. */
  public byte[] toBytes() {
    return out.toByteArray();
  }
}
