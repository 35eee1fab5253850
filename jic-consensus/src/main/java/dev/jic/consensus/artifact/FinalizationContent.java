package dev.jic.consensus.artifact;

import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.Sha;
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
    byte[] body = w.toBytes();
    byte[] sep = Sha.domainSeparator(Domains.FINALIZATION_CONTENT);
    byte[] out = new byte[sep.length + body.length];
    System.arraycopy(sep, 0, out, 0, sep.length);
    System.arraycopy(body, 0, out, sep.length, body.length);
    return out;
  }

  void encode(Wire.Writer w) {
    w.u64(version).height(height).hash(blockHash);
  }

  static FinalizationContent decode(Wire.Reader r) throws DecodeException {
    long v = r.u64();
    if (v > Integer.MAX_VALUE) {
      throw new DecodeException("version out of range");
    }
    return new FinalizationContent((int) v, r.height(), r.hash());
  }
}
