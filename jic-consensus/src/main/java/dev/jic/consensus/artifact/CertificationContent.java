package dev.jic.consensus.artifact;

import dev.jic.types.encoding.DecodeException;
import dev.jic.types.unit.Height;
import java.util.Objects;

/**
 * What certifiers sign: the hash of the state at a height. The signed bytes are exactly the IC's
 * {@code domainSeparator("ic-state-root") || hash}, so the aggregate certifies a certified-state
 * tree root as HTTP certificates expect; the version and height travel beside the signed bytes
 * (as the IC carries the height), and the validator checks them separately.
 */
public record CertificationContent(int version, Height height, CryptoHash stateHash) implements SignedContent {

  public CertificationContent {
    Objects.requireNonNull(height, "height");
    Objects.requireNonNull(stateHash, "stateHash");
    if (version < 0) {
      throw new IllegalArgumentException("negative version");
    }
  }

  @Override
  public byte[] signedBytes() {
    return Signed.bytes(Domains.STATE_ROOT, stateHash.toBytes());
  }

  void encode(Wire.Writer w) {
    w.u64(version).height(height).hash(stateHash);
  }

  static CertificationContent decode(Wire.Reader r) throws DecodeException {
    return new CertificationContent(r.version(), r.height(), r.hash());
  }
}
