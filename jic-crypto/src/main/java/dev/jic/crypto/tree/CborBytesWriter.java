package dev.jic.crypto.tree;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal direct CBOR writer for the encoders on the hot path (hash trees, certificates, and
 * jic-http's signed query responses): definite lengths and shortest heads, so its bytes equal the
 * general CBOR library's canonical encoding of the same items, without building an object tree.
 * The caller is responsible for writing well-formed items (the writer checks nothing). Not
 * thread-safe; one per encoding.
 */
public final class CborBytesWriter {
  private byte[] buf;
  private int len;

  /** A writer with an initial capacity of {@code capacity} bytes (grows as needed). */
  public CborBytesWriter(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  /** A CBOR head: major type 0..7 and an unsigned 64-bit argument in its shortest form. */
  public CborBytesWriter head(int major, long value) {
    ensure(9);
    int m = major << 5;
    if (Long.compareUnsigned(value, 24) < 0) {
      buf[len++] = (byte) (m | (int) value);
    } else if (Long.compareUnsigned(value, 0xff) <= 0) {
      buf[len++] = (byte) (m | 24);
      buf[len++] = (byte) value;
    } else if (Long.compareUnsigned(value, 0xffff) <= 0) {
      buf[len++] = (byte) (m | 25);
      bigEndian(value, 2);
    } else if (Long.compareUnsigned(value, 0xffff_ffffL) <= 0) {
      buf[len++] = (byte) (m | 26);
      bigEndian(value, 4);
    } else {
      buf[len++] = (byte) (m | 27);
      bigEndian(value, 8);
    }
    return this;
  }

  /** A byte string. */
  public CborBytesWriter bytes(byte[] b) {
    head(2, b.length);
    return raw(b);
  }

  /** A UTF-8 text string. */
  public CborBytesWriter text(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    head(3, b.length);
    return raw(b);
  }

  /** Bytes copied as they are (an already encoded item). */
  public CborBytesWriter raw(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
    return this;
  }

  /** The bytes written so far (a fresh array). */
  public byte[] toBytes() {
    return Arrays.copyOf(buf, len);
  }

  private void bigEndian(long value, int n) {
    for (int i = n - 1; i >= 0; i--) {
      buf[len++] = (byte) (value >>> (8 * i));
    }
  }

  private void ensure(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }
}
