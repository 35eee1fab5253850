package dev.jic.consensus.artifact;

import dev.jic.types.encoding.DecodeException;
import dev.jic.types.unit.Height;
import java.util.Objects;

/**
 * Random tape content at a height: just version and height. Its low-threshold (f+1) signature
 * is unique and unpredictable until f+1 nodes sign, which they do only once the height is about
 * to be delivered, so the randomness of batch h is unknown when block h is made.
 */
public record RandomTapeContent(int version, Height height) implements SignedContent {

  public RandomTapeContent {
    Objects.requireNonNull(height, "height");
    if (version < 0) {
      throw new IllegalArgumentException("negative version");
    }
  }

  @Override
  public byte[] signedBytes() {
    Wire.Writer w = new Wire.Writer();
    encode(w);
    return Signed.bytes(Domains.RANDOM_TAPE_CONTENT, w.toBytes());
  }

  void encode(Wire.Writer w) {
    w.u64(version).height(height);
  }

  static RandomTapeContent decode(Wire.Reader r) throws DecodeException {
    return new RandomTapeContent(r.version(), r.height());
  }
}
