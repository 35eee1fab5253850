package dev.jic.consensus.artifact;

import dev.jic.types.encoding.DecodeException;
import dev.jic.types.unit.Height;
import java.util.Objects;

/**
 * What a catch-up package certifies (high threshold): at a summary height, the finalized summary
 * block's hash, the random beacon's hash and the state hash there. Signed as
 * {@code dsep("jic-catch-up-content") || canonical encoding}.
 */
public record CatchUpContent(int version, Height height, CryptoHash blockHash, CryptoHash beaconHash, CryptoHash stateHash)
    implements SignedContent {

  public CatchUpContent {
    Objects.requireNonNull(height, "height");
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(beaconHash, "beaconHash");
    Objects.requireNonNull(stateHash, "stateHash");
    if (version < 0) {
      throw new IllegalArgumentException("negative version");
    }
  }

  @Override
  public byte[] signedBytes() {
    Wire.Writer w = new Wire.Writer();
    encode(w);
    return Signed.bytes(Domains.CATCH_UP_CONTENT, w.toBytes());
  }

  void encode(Wire.Writer w) {
    w.u64(version).height(height).hash(blockHash).hash(beaconHash).hash(stateHash);
  }

  static CatchUpContent decode(Wire.Reader r) throws DecodeException {
    return new CatchUpContent(r.version(), r.height(), r.hash(), r.hash(), r.hash());
  }
}
