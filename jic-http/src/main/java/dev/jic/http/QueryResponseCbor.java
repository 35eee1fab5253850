package dev.jic.http;

import dev.jic.types.id.NodeId;
import dev.jic.types.messages.QueryResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A direct CBOR encoder for signed query responses, the hottest response body: the same bytes as
 * building the map with the general CBOR library (definite lengths, shortest heads, keys in
 * insertion order, self-describe tag first), without building an object tree. Pure.
 */
final class QueryResponseCbor {
  private static final byte[] SELF_DESCRIBE = {(byte) 0xd9, (byte) 0xd9, (byte) 0xf7};

  private byte[] buf;
  private int len;

  private QueryResponseCbor(int capacity) {
    buf = new byte[capacity];
  }

  /**
   * {@code {status:"replied", reply:{arg}, signatures:[{timestamp, signature, identity}]}} or
   * {@code {status:"rejected", reject_code, reject_message, error_code?, signatures:[...]}}.
   */
  static byte[] encode(QueryResponse response, long timestampNanos, byte[] signature, NodeId node) {
    QueryResponseCbor w = new QueryResponseCbor(160 + signature.length + switch (response) {
      case QueryResponse.Replied r -> r.arg().length();
      case QueryResponse.Rejected r -> 3 * r.rejectMessage().length() + 16;
    });
    w.raw(SELF_DESCRIBE);
    switch (response) {
      case QueryResponse.Replied r -> {
        w.head(5, 3);
        w.text("status");
        w.text("replied");
        w.text("reply");
        w.head(5, 1);
        w.text("arg");
        w.bytes(r.arg().toBytes());
      }
      case QueryResponse.Rejected r -> {
        w.head(5, r.errorCode().isPresent() ? 5 : 4);
        w.text("status");
        w.text("rejected");
        w.text("reject_code");
        w.head(0, r.rejectCode());
        w.text("reject_message");
        w.text(r.rejectMessage());
        if (r.errorCode().isPresent()) {
          w.text("error_code");
          w.text(r.errorCode().get());
        }
      }
    }
    w.text("signatures");
    w.head(4, 1);
    w.head(5, 3);
    w.text("timestamp");
    w.head(0, timestampNanos);
    w.text("signature");
    w.bytes(signature);
    w.text("identity");
    w.bytes(node.toBytes());
    return Arrays.copyOf(w.buf, w.len);
  }

  /** A CBOR head: major type and an unsigned 64-bit argument in its shortest form. */
  private void head(int major, long value) {
    ensure(9);
    int m = major << 5;
    if (Long.compareUnsigned(value, 24) < 0) {
      buf[len++] = (byte) (m | (int) value);
    } else if (Long.compareUnsigned(value, 0xff) <= 0) {
      buf[len++] = (byte) (m | 24);
      buf[len++] = (byte) value;
    } else if (Long.compareUnsigned(value, 0xffff) <= 0) {
      buf[len++] = (byte) (m | 25);
      putBigEndian(value, 2);
    } else if (Long.compareUnsigned(value, 0xffff_ffffL) <= 0) {
      buf[len++] = (byte) (m | 26);
      putBigEndian(value, 4);
    } else {
      buf[len++] = (byte) (m | 27);
      putBigEndian(value, 8);
    }
  }

  private void putBigEndian(long value, int n) {
    for (int i = n - 1; i >= 0; i--) {
      buf[len++] = (byte) (value >>> (8 * i));
    }
  }

  private void text(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    head(3, b.length);
    raw(b);
  }

  private void bytes(byte[] b) {
    head(2, b.length);
    raw(b);
  }

  private void raw(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
  }

  private void ensure(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }
}
