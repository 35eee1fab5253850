package dev.jic.interfaces.consensus;

/**
 * A point in time as nanoseconds since the Unix epoch (IC block time convention). Replicated code
 * gets time only from a {@link TimeSource} or from a block's validation context, never from the
 * wall clock.
 */
public record Time(long nanos) implements Comparable<Time> {

  public static final Time EPOCH = new Time(0);

  public Time {
    if (nanos < 0) {
      throw new IllegalArgumentException("time before the epoch: " + nanos);
    }
  }

  public static Time ofMillis(long millis) {
    return new Time(Math.multiplyExact(millis, 1_000_000L));
  }

  /** This time plus {@code deltaNanos} (≥ 0); throws {@link ArithmeticException} on overflow. */
  public Time plusNanos(long deltaNanos) {
    if (deltaNanos < 0) {
      throw new IllegalArgumentException("negative delta " + deltaNanos);
    }
    return new Time(Math.addExact(nanos, deltaNanos));
  }

  public Time plusMillis(long millis) {
    return plusNanos(Math.multiplyExact(millis, 1_000_000L));
  }

  public static Time max(Time a, Time b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  public boolean isAfter(Time o) {
    return nanos > o.nanos;
  }

  public boolean isBefore(Time o) {
    return nanos < o.nanos;
  }

  @Override
  public int compareTo(Time o) {
    return Long.compare(nanos, o.nanos);
  }

  @Override
  public String toString() {
    return nanos + "ns";
  }
}
