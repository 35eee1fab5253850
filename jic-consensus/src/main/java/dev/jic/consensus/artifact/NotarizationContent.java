package dev.jic.consensus.artifact;

import dev.jic.types.encoding.DecodeException;
import dev.jic.types.unit.Height;
import java.util.Objects;

/** What notaries sign: the hash of a block at a height. Signed with the BLS multi-signature scheme. */
public record NotarizationContent(int version, Height height, CryptoHash blockHash) implements SignedContent {

  public NotarizationContent {
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
    return Signed.bytes(Domains.NOTARIZATION_CONTENT, w.toBytes());
  }

  void encode(Wire.Writer w) {
    w.u64(version).height(height).hash(blockHash);
  }

  static NotarizationContent decode(Wire.Reader r) throws DecodeException {
    return new NotarizationContent(r.version(), r.height(), r.hash());
  }
}
