package dev.jic.consensus.artifact;

import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.Sha;
import dev.jic.types.unit.Height;
import java.util.Objects;

/** Random beacon content at a height: the hash of the previous beacon. Threshold-signed (f+1), so the signature is unique and unpredictable. */
public record RandomBeaconContent(int version, Height height, CryptoHash parent) implements SignedContent {

  public RandomBeaconContent {
    Objects.requireNonNull(height, "height");
    Objects.requireNonNull(parent, "parent");
    if (version < 0) {
      throw new IllegalArgumentException("negative version");
    }
  }

  @Override
  public byte[] signedBytes() {
    Wire.Writer w = new Wire.Writer();
    encode(w);
    byte[] body = w.toBytes();
    byte[] sep = Sha.domainSeparator(Domains.RANDOM_BEACON_CONTENT);
    byte[] out = new byte[sep.length + body.length];
    System.arraycopy(sep, 0, out, 0, sep.length);
    System.arraycopy(body, 0, out, sep.length, body.length);
    return out;
  }

  void encode(Wire.Writer w) {
    w.u64(version).height(height).hash(parent);
  }

  static RandomBeaconContent decode(Wire.Reader r) throws DecodeException {
    long v = r.u64();
    if (v > Integer.MAX_VALUE) {
      throw new DecodeException("version out of range");
    }
    return new RandomBeaconContent((int) v, r.height(), r.hash());
  }
}
