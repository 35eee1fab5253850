package dev.jic.wasm.binary;

import java.util.Arrays;

/** A growable byte buffer with the Wasm binary format's primitive encodings. */
final class ByteSink {
  private byte[] buf = new byte[256];
  private int size;

  void u8(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  void bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
  }

  void bytes(ByteSink other) {
    ensure(other.size);
    System.arraycopy(other.buf, 0, buf, size, other.size);
    size += other.size;
  }

  /** Unsigned LEB128 of a value read as unsigned 64-bit. */
  void uleb(long v) {
    do {
      int b = (int) (v & 0x7f);
      v >>>= 7;
      u8(v != 0 ? b | 0x80 : b);
    } while (v != 0);
  }

  /** Signed LEB128, shortest form. */
  void sleb(long v) {
    while (true) {
      int b = (int) (v & 0x7f);
      v >>= 7;
      boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
      u8(done ? b : b | 0x80);
      if (done) {
        return;
      }
    }
  }

  void fixed(long v, int n) {
    for (int i = 0; i < n; i++) {
      u8((int) (v >>> (8 * i)) & 0xff);
    }
  }

  void name(String s) {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    uleb(b.length);
    bytes(b);
  }

  int size() {
    return size;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  private void ensure(int n) {
    if (size + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
    }
  }
}
