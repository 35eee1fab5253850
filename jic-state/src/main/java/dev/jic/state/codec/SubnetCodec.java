package dev.jic.state.codec;

import dev.jic.replicated.IngressHistory;
import dev.jic.replicated.IngressStatus;
import dev.jic.replicated.ReplicatedState;
import dev.jic.replicated.SubnetMessage;
import dev.jic.replicated.SystemMetadata;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.SubnetId;
import dev.jic.types.unit.Height;
import java.util.Map;

/**
 * Checkpoint encodings (format version 1) of the subnet-level parts of a replicated state: {@code
 * system_metadata.bin} (metadata and the management canister's queue) and {@code
 * ingress_history.bin} (statuses in ascending message id order).
 */
public final class SubnetCodec {
  /** Format version written first. */
  public static final int VERSION = 1;

  private SubnetCodec() {}

  /** Metadata and subnet queue of {@code s}. */
  public static byte[] encodeSystem(ReplicatedState s) {
    SystemMetadata m = s.metadata();
    BinWriter w = new BinWriter().u32(VERSION);
    w.principal(m.subnetId().principal()).u32(m.subnetSize()).u64(m.batchHeight().value()).u64(m.batchTimeNanos())
        .u64(m.rangeStart()).u64(m.rangeEnd()).u64(m.nextCanisterIndex());
    w.u32(s.subnetQueue().size());
    for (SubnetMessage x : s.subnetQueue()) {
      MessageCodec.subnetMessage(w, x);
    }
    return w.toBytes();
  }

  /**
   * A new replicated state with the metadata and subnet queue of {@code bytes} (no canisters, empty
   * ingress history).
   */
  public static ReplicatedState decodeSystem(byte[] bytes) throws DecodeException {
    try {
      BinReader r = new BinReader(bytes);
      version(r);
      SystemMetadata m =
          new SystemMetadata(new SubnetId(r.principal()), r.u32(), Height.of(r.u64()), r.u64(), r.u64(), r.u64(),
              r.u64());
      ReplicatedState s = new ReplicatedState(m);
      for (int i = r.count(1); i > 0; i--) {
        s.subnetQueue().addLast(MessageCodec.subnetMessage(r));
      }
      r.end();
      return s;
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new DecodeException("invalid system metadata: " + e.getMessage());
    }
  }

  /**
   * Bytes per ingress entry the writer is first sized for: id 32, tag 1, receiver 4 + 10, user 4 +
   * 29 (self-authenticating), time 8, plus a short reply. A larger history grows the buffer once or
   * twice; a smaller one costs one trimming copy.
   */
  private static final int INGRESS_ENTRY_ESTIMATE = 104;

  /** The ingress history. */
  public static byte[] encodeIngress(IngressHistory h) {
    int n = h.size();
    BinWriter w = new BinWriter((int) Math.min(8 + (long) n * INGRESS_ENTRY_ESTIMATE, 1L << 30)).u32(VERSION);
    w.u32(n);
    for (Map.Entry<RequestId, IngressStatus> e : h.entries().entrySet()) {
      MessageCodec.requestId(w, e.getKey());
      MessageCodec.status(w, e.getValue());
    }
    return w.toBytes();
  }

  /** Fills {@code into} (empty) with the statuses of {@code bytes}; ids must ascend strictly. */
  public static void decodeIngress(byte[] bytes, IngressHistory into) throws DecodeException {
    try {
      BinReader r = new BinReader(bytes);
      version(r);
      RequestId prev = null;
      for (int i = r.count(32); i > 0; i--) {
        RequestId id = MessageCodec.requestId(r);
        if (prev != null && prev.compareTo(id) >= 0) {
          throw new DecodeException("ingress history ids not ascending");
        }
        prev = id;
        into.set(id, MessageCodec.status(r));
      }
      r.end();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new DecodeException("invalid ingress history: " + e.getMessage());
    }
  }

  private static void version(BinReader r) throws DecodeException {
    int v = r.u32();
    if (v != VERSION) {
      throw new DecodeException("unsupported encoding version " + v);
    }
  }
}
