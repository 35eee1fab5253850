package dev.jic.consensus.artifact;

import dev.jic.interfaces.consensus.IngressId;
import dev.jic.interfaces.consensus.IngressMessage;
import dev.jic.interfaces.consensus.Time;
import dev.jic.types.encoding.DecodeException;
import java.util.List;

/**
 * A block's batch payload: ingress messages in the order the block maker chose. Validity (limits,
 * no duplicates, expiry) is checked by the payload validator, not here.
 */
public record IngressPayload(List<IngressMessage> messages) {
  /** Hard decoding bound, above any configurable block limit. */
  public static final int MAX_DECODE_MESSAGES = 100_000;
  public static final int MAX_DECODE_MESSAGE_BYTES = 4 << 20;
  public static final IngressPayload EMPTY = new IngressPayload(List.of());

  public IngressPayload {
    messages = List.copyOf(messages);
  }

  public long countedBytes() {
    long n = 0;
    for (IngressMessage m : messages) {
      n += m.countedBytes();
    }
    return n;
  }

  void encode(Wire.Writer w) {
    w.u64(messages.size());
    for (IngressMessage m : messages) {
      w.bytes(m.id().toBytes()).time(m.expiry()).bytes(m.content());
    }
  }

  static IngressPayload decode(Wire.Reader r) throws DecodeException {
    int n = r.count(MAX_DECODE_MESSAGES);
    IngressMessage[] ms = new IngressMessage[n];
    for (int i = 0; i < n; i++) {
      byte[] id = r.bytes(IngressId.LENGTH);
      if (id.length != IngressId.LENGTH) {
        throw new DecodeException("ingress id must have 32 bytes");
      }
      Time expiry = r.time();
      ms[i] = new IngressMessage(IngressId.of(id), expiry, r.bytes(MAX_DECODE_MESSAGE_BYTES));
    }
    return new IngressPayload(List.of(ms));
  }
}
