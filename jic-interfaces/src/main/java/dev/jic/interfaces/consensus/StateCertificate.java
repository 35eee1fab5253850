package dev.jic.interfaces.consensus;

import dev.jic.types.unit.Height;
import java.util.Objects;

/**
 * A state hash certified by the subnet: {@code signature} is the subnet's threshold BLS signature
 * (high threshold, 2f+1 of 3f+1) over {@code domainSeparator("ic-state-root") || hash}, exactly
 * the bytes an IC HTTP certificate signs, so it can be placed in a {@code read_state} certificate
 * whose tree root is {@code hash}. The height is carried beside the signed bytes, as on the IC.
 * Immutable.
 *
 * @param signature 48-byte compressed G1 point for BLS key material (other lengths for the
 *     simulator's fake keys)
 */
public record StateCertificate(Height height, StateHash hash, byte[] signature) {

  public StateCertificate {
    Objects.requireNonNull(height, "height");
    Objects.requireNonNull(hash, "hash");
    signature = Objects.requireNonNull(signature, "signature").clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateCertificate c && height.equals(c.height) && hash.equals(c.hash)
        && java.util.Arrays.equals(signature, c.signature);
  }

  @Override
  public int hashCode() {
    return height.hashCode() * 31 + hash.hashCode();
  }
}
