package dev.jic.types.unit;

/** A count of Wasm instructions as metered by the execution layer: a non-negative 64-bit value. */
public record NumInstructions(long value) implements Comparable<NumInstructions> {

  public static final NumInstructions ZERO = new NumInstructions(0);

  public NumInstructions {
    if (value < 0) {
      throw new IllegalArgumentException("instruction count must not be negative: " + value);
    }
  }

  public static NumInstructions of(long value) {
    return new NumInstructions(value);
  }

  /** Checked addition; throws {@link ArithmeticException} on overflow. */
  public NumInstructions plus(NumInstructions o) {
    return new NumInstructions(Math.addExact(value, o.value));
  }

  /** Checked subtraction; throws {@link ArithmeticException} when the result would be negative. */
  public NumInstructions minus(NumInstructions o) {
    if (o.value > value) {
      throw new ArithmeticException(value + " - " + o.value + " instructions is negative");
    }
    return new NumInstructions(value - o.value);
  }

  /** Subtraction clamped at zero. */
  public NumInstructions saturatingMinus(NumInstructions o) {
    return new NumInstructions(Math.max(0, value - o.value));
  }

  @Override
  public int compareTo(NumInstructions o) {
    return Long.compare(value, o.value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
