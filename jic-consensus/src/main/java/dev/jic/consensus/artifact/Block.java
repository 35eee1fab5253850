package dev.jic.consensus.artifact;

import dev.jic.types.encoding.DecodeException;
import dev.jic.types.unit.Height;
import java.util.Objects;

/**
 * A block: protocol version, parent hash, height, the maker's rank, its validation context and
 * its payload. The genesis block has height 0, rank 0 and the zero parent hash.
 */
public record Block(int version, CryptoHash parent, Height height, long rank, ValidationContext context, IngressPayload payload) {

  public Block {
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(height, "height");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(payload, "payload");
    if (rank < 0 || version < 0) {
      throw new IllegalArgumentException("negative rank or version");
    }
  }

  /** Canonical bytes (also the preimage of the block hash after the "jic-block" separator). */
  public byte[] encode() {
    Wire.Writer w = new Wire.Writer();
    encode(w);
    return w.toBytes();
  }

  /** The block hash: SHA-256(dsep("jic-block") || encode()). */
  public CryptoHash hash() {
    return CryptoHash.compute(Domains.BLOCK, encode());
  }

  void encode(Wire.Writer w) {
    w.u64(version).hash(parent).height(height).u64(rank);
    context.encode(w);
    payload.encode(w);
  }

  static Block decode(Wire.Reader r) throws DecodeException {
    return new Block(r.version(), r.hash(), r.height(), r.nonNegative(), ValidationContext.decode(r), IngressPayload.decode(r));
  }
}
