package dev.jic.consensus.artifact;

import dev.jic.interfaces.consensus.Time;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.unit.Height;
import java.util.Objects;

/**
 * What a block maker asserts about its view when proposing: the registry version, the latest
 * certified height, and the block time. A child's context must be component-wise at least its
 * parent's ({@link #greaterOrEqual}).
 */
public record ValidationContext(long registryVersion, Height certifiedHeight, Time time) {

  public ValidationContext {
    if (registryVersion < 0) {
      throw new IllegalArgumentException("negative registry version");
    }
    Objects.requireNonNull(certifiedHeight, "certifiedHeight");
    Objects.requireNonNull(time, "time");
  }

  /** True iff every component is ≥ the other's. */
  public boolean greaterOrEqual(ValidationContext o) {
    return registryVersion >= o.registryVersion && certifiedHeight.compareTo(o.certifiedHeight) >= 0 && time.compareTo(o.time) >= 0;
  }

  void encode(Wire.Writer w) {
    w.u64(registryVersion).height(certifiedHeight).time(time);
  }

  static ValidationContext decode(Wire.Reader r) throws DecodeException {
    return new ValidationContext(r.nonNegative(), r.height(), r.time());
  }
}
