package dev.jic.replica;

import dev.jic.interfaces.consensus.Time;
import dev.jic.interfaces.consensus.TimeSource;

/**
 * The node's clock at the edge: wall-clock time, forced monotonic (a later call never returns an
 * earlier time, even if the system clock steps back). Thread-safe.
 */
public final class MonotonicClock implements TimeSource {
  private long last;

  @Override
  public synchronized Time now() {
    long t = Math.max(last, System.currentTimeMillis() * 1_000_000L);
    last = t;
    return new Time(t);
  }

  /** A time strictly after the last one handed out (for batch times, which must increase). */
  public synchronized Time nextStrictlyAfter(Time previous) {
    long t = Math.max(Math.max(last, System.currentTimeMillis() * 1_000_000L), previous.nanos() + 1);
    last = t;
    return new Time(t);
  }
}
