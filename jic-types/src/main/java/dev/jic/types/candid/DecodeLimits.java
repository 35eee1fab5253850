package dev.jic.types.candid;

/**
 * Bounds on the work a decoder does for one message, so hostile input cannot exhaust memory, CPU
 * or stack. {@code maxDepth} bounds value nesting (a recursive list of n elements nests about 2n
 * deep). The value budget is {@code baseValues + valuesPerByte · message length}: every decoded
 * value costs one unit and every vector element one more, so zero-sized values such as the
 * elements of {@code vec null} (which consume no bytes) are bounded too (the Candid spec's
 * recommended metering).
 */
public record DecodeLimits(int maxDepth, long baseValues, long valuesPerByte) {
  /** 1000 levels; 1 Mi values plus 8 per byte. */
  public static final DecodeLimits DEFAULT = new DecodeLimits(1000, 1 << 20, 8);

  public DecodeLimits {
    if (maxDepth < 1 || baseValues < 0 || valuesPerByte < 0) {
      throw new IllegalArgumentException("invalid decode limits");
    }
  }

  long budgetFor(int length) {
    long perByte = valuesPerByte > Long.MAX_VALUE / Math.max(1, length) ? Long.MAX_VALUE / 2 : valuesPerByte * length;
    return Math.min(Long.MAX_VALUE / 2, baseValues + perByte);
  }
}
