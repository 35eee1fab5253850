package dev.jic.consensus.artifact;

import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.Sha;
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
    byte[] body = w.toBytes();
    byte[] sep = Sha.domainSeparator(Domains.NOTARIZATION_CONTENT);
    byte[] out = new byte[sep.length + body.length];
    System.arraycopy(sep, 0, out, 0, sep.length);
    System.arraycopy(body, 0, out, sep.length, body.length);
    return out;
  }

  void encode(Wire.Writer w) {
    w.u64(version).height(height).hash(blockHash);
  }

  static NotarizationContent decode(Wire.Reader r) throws DecodeException {
    long v = r.u64();
    if (v > Integer.MAX_VALUE) {
      throw new DecodeException("version out of range");
    }
    return new NotarizationContent((int) v, r.height(), r.hash());
  }
}
