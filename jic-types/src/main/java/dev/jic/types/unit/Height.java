package dev.jic.types.unit;

/** A block or state height: a non-negative 64-bit count (treated as signed here; never negative). */
public record Height(long value) implements Comparable<Height> {

  public static final Height ZERO = new Height(0);

  public Height {
    if (value < 0) {
      throw new IllegalArgumentException("height must not be negative: " + value);
    }
  }

  public static Height of(long value) {
    return new Height(value);
  }

  /** The next height; throws {@link ArithmeticException} on overflow. */
  public Height increment() {
    return new Height(Math.addExact(value, 1));
  }

  /** This height plus {@code n} (n ≥ 0); throws {@link ArithmeticException} on overflow. */
  public Height plus(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative increment " + n);
    }
    return new Height(Math.addExact(value, n));
  }

  /** The previous height; throws {@link ArithmeticException} below zero. */
  public Height decrement() {
    if (value == 0) {
      throw new ArithmeticException("height 0 has no predecessor");
    }
    return new Height(value - 1);
  }

  public boolean isAfter(Height o) {
    return value > o.value;
  }

  public boolean isBefore(Height o) {
    return value < o.value;
  }

  @Override
  public int compareTo(Height o) {
    return Long.compare(value, o.value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
