package dev.jic.http;

import dev.jic.crypto.tree.CborBytesWriter;
import dev.jic.types.id.NodeId;
import dev.jic.types.messages.QueryResponse;

/**
 * A direct CBOR encoder for signed query responses, the hottest response body: the same bytes as
 * building the map with the general CBOR library (definite lengths, shortest heads, keys in
 * insertion order, self-describe tag first), without building an object tree ({@link CborBytesWriter}). Pure.
 */
final class QueryResponseCbor {
  private static final byte[] SELF_DESCRIBE = {(byte) 0xd9, (byte) 0xd9, (byte) 0xf7};

  private QueryResponseCbor() {}

  /**
   * {@code {status:"replied", reply:{arg}, signatures:[{timestamp, signature, identity}]}} or
   * {@code {status:"rejected", reject_code, reject_message, error_code?, signatures:[...]}}.
   */
  static byte[] encode(QueryResponse response, long timestampNanos, byte[] signature, NodeId node) {
    CborBytesWriter w = new CborBytesWriter(160 + signature.length + switch (response) {
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
    return w.toBytes();
  }
}
