package dev.jic.consensus.artifact;

import dev.jic.types.encoding.DecodeException;
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
    return Signed.bytes(Domains.RANDOM_BEACON_CONTENT, w.toBytes());
  }

  void encode(Wire.Writer w) {
    w.u64(version).height(height).hash(parent);
  }

  static RandomBeaconContent decode(Wire.Reader r) throws DecodeException {
    return new RandomBeaconContent(r.version(), r.height(), r.hash());
  }
}
