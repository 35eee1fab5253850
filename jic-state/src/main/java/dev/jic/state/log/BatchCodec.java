package dev.jic.state.log;

import dev.jic.interfaces.consensus.Batch;
import dev.jic.interfaces.consensus.IngressId;
import dev.jic.interfaces.consensus.IngressMessage;
import dev.jic.interfaces.consensus.Time;
import dev.jic.state.codec.BinReader;
import dev.jic.state.codec.BinWriter;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.unit.Height;
import java.util.ArrayList;
import java.util.List;

/**
 * The batch log's record payload (format version 1): {@code u32 version · u64 height · u64 time ·
 * randomness[32] · block_hash[32] · u32 n · (id[32] · u64 expiry · u32 len · content)*}, all
 * little-endian. Canonical: one batch has one encoding.
 */
public final class BatchCodec {
  /** Format version written first. */
  public static final int VERSION = 1;

  private BatchCodec() {}

  /** The encoding of {@code b}. */
  public static byte[] encode(Batch b) {
    BinWriter w = new BinWriter().u32(VERSION);
    w.u64(b.height().value()).u64(b.time().nanos()).raw(b.randomness()).raw(b.blockHash()).u32(b.ingress().size());
    for (IngressMessage m : b.ingress()) {
      w.raw(m.id().toBytes()).u64(m.expiry().nanos()).bytes(m.content());
    }
    return w.toBytes();
  }

  /** Decodes exactly one batch; anything else fails with {@link DecodeException}. */
  public static Batch decode(byte[] bytes) throws DecodeException {
    try {
      BinReader r = new BinReader(bytes);
      int v = r.u32();
      if (v != VERSION) {
        throw new DecodeException("unsupported batch encoding version " + v);
      }
      Height h = Height.of(r.u64());
      Time t = new Time(r.u64());
      byte[] randomness = r.raw(32);
      byte[] blockHash = r.raw(32);
      List<IngressMessage> ingress = new ArrayList<>();
      for (int i = r.count(44); i > 0; i--) {
        ingress.add(new IngressMessage(IngressId.of(r.raw(32)), new Time(r.u64()), r.bytes()));
      }
      r.end();
      return new Batch(h, t, randomness, blockHash, ingress);
    } catch (IllegalArgumentException e) {
      throw new DecodeException("invalid batch: " + e.getMessage());
    }
  }
}
