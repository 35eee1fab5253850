package dev.jic.crypto.cert;

import dev.jic.crypto.tree.HashTree;
import dev.jic.crypto.tree.LookupResult;
import dev.jic.types.encoding.ByteReader;
import dev.jic.types.encoding.DecodeException;
import java.time.Duration;
import java.util.List;

/**
 * Freshness of a certificate: its {@code /time} (LEB128 nanoseconds since the Unix epoch) must
 * lie within {@code [now - maxAge, now + maxFuture]}, where {@code now} is supplied by the caller
 * (never read from the wall clock here). Agents use 5 minutes both ways
 * ({@link #DEFAULT_MAX_AGE}, {@link #DEFAULT_MAX_FUTURE}) and 30 days of age for delegations.
 */
public final class CertificateTime {
  /** agent-js {@code DEFAULT_CERTIFICATE_MAX_AGE_IN_MINUTES}. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);
  /** agent-js {@code DEFAULT_CERTIFICATE_MAX_MINUTES_IN_FUTURE}. */
  public static final Duration DEFAULT_MAX_FUTURE = Duration.ofMinutes(5);
  /** agent-js {@code DEFAULT_CERTIFICATE_DELEGATION_MAX_AGE_IN_MINUTES} (30 days). */
  public static final Duration DELEGATION_MAX_AGE = Duration.ofDays(30);

  private static final List<byte[]> TIME = List.of("time".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

  private CertificateTime() {}

  /** The outcome of a freshness check. */
  public sealed interface Check {
    /** True for {@link Fresh}. */
    default boolean isFresh() {
      return this instanceof Fresh;
    }
  }

  /** {@code /time} is within the window. */
  public record Fresh(long timeNanos) implements Check {}

  /** {@code /time} is older than {@code now - maxAge}. */
  public record TooOld(long timeNanos) implements Check {}

  /** {@code /time} is later than {@code now + maxFuture} (or beyond 2^63 ns). */
  public record TooNew(long timeNanos) implements Check {}

  /** The tree does not reveal {@code /time} (absent, pruned, or not a leaf). */
  public record Missing(LookupResult lookup) implements Check {}

  /** {@code /time} is not a single unsigned LEB128 number of at most 64 bits. */
  public record Malformed(String reason) implements Check {}

  /**
   * Checks {@code /time} of {@code tree} against {@code nowNanos} (ns since the Unix epoch).
   * Never throws on untrusted input.
   */
  public static Check check(HashTree tree, long nowNanos, Duration maxAge, Duration maxFuture) {
    LookupResult r = tree.lookup(TIME);
    if (!(r instanceof LookupResult.Found f)) {
      return new Missing(r);
    }
    long t;
    try {
      ByteReader in = new ByteReader(f.value());
      t = in.readUleb64();
      if (!in.atEnd()) {
        return new Malformed("trailing bytes after the LEB128 time");
      }
    } catch (DecodeException e) {
      return new Malformed(e.getMessage());
    }
    if (t < 0) {
      return new TooNew(t);
    }
    if (t < nowNanos - maxAge.toNanos()) {
      return new TooOld(t);
    }
    if (t > nowNanos + maxFuture.toNanos()) {
      return new TooNew(t);
    }
    return new Fresh(t);
  }

  /** {@link #check(HashTree, long, Duration, Duration)} with the agents' 5-minute windows. */
  public static Check check(HashTree tree, long nowNanos) {
    return check(tree, nowNanos, DEFAULT_MAX_AGE, DEFAULT_MAX_FUTURE);
  }
}
