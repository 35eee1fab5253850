package dev.jic.consensus.artifact;

import dev.jic.types.encoding.DecodeException;
import dev.jic.types.unit.Height;
import java.util.Objects;

/** What finalizers sign: the hash of the one notarized block they supported at a height. BLS multi-signature. */
public record FinalizationContent(int version, Height height, CryptoHash blockHash) implements SignedContent {

  public FinalizationContent {
    Objects.requireNonNull(height, "height");
    Objects.requireNonNull(blockHash, "blockHash");
    if (version < 0) {
      throw new IllegalArgumentException("negative version");
    }
  }

  @Override
  public byte[] signedBytes() {
    Wire.Writer w = new Wire.Writer();
    encode(w);
    return Signed.bytes(Domains.FINALIZATION_CONTENT, w.toBytes());
  }

  void encode(Wire.Writer w) {
    w.u64(version).height(height).hash(blockHash);
  }

  static FinalizationContent decode(Wire.Reader r) throws DecodeException {
    return new FinalizationContent(r.version(), r.height(), r.hash());
  }
}
