package dev.jic.crypto.node;

import static dev.jic.crypto.sig.RecentDigestTable.updateLengthPrefixed;

import dev.jic.crypto.sig.RecentDigestTable;
import dev.jic.types.hash.RequestId;
import dev.jic.types.hash.Sha;
import dev.jic.types.id.NodeId;
import dev.jic.types.messages.QueryResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Signs query responses with a {@link NodeSigningKey}, reusing a recent signature for a
 * byte-identical response to the same request.
 *
 * <p>A query-response signature covers {@code (status, reply | reject, timestamp, request_id)}
 * (interface spec §"Request: Query call"). When the same request is answered with the same reply
 * or reject within {@link #maxAgeNanos()} of an earlier signature, that earlier signature and its
 * timestamp are returned instead of a new Ed25519 signature (the signature is valid: it covers
 * exactly the response sent, with the timestamp sent). Clients polling a query send
 * byte-identical envelopes (agent-js queries carry no nonce and round the expiry to the minute),
 * so this saves the node's signing cost on exactly that workload.
 *
 * <p><b>Deviation from the IC:</b> the IC signs each response with the node's current time; here
 * the {@code timestamp} of a response may lag the node's time by at most {@link #maxAgeNanos()}
 * (1 s by default). A timestamp in the future is never produced: an entry whose timestamp is after
 * {@code now} (the clock went back) is not reused. agent-js only rejects a signature timestamp
 * older than its maximum ingress expiry (5 minutes; {@code @dfinity/agent}
 * {@code agent/http/index.js}, "Timestamp is older than the max ingress expiry"), so 1 s is far
 * inside what clients accept.
 *
 * <p>The cache is a {@link RecentDigestTable} of {@code capacity} slots keyed by a SHA-256 over
 * the request id and a length-prefixed encoding of the response; each slot holds one immutable
 * entry (a timestamp and a 64-byte signature), so memory is bounded regardless of reply sizes.
 * Time is the caller's ({@code nowNanos}); nothing here reads a clock. Thread-safe without locks:
 * a lost race only costs one more signature.
 */
public final class QueryResponseSigner {
  /** The default reuse window: 1 s, in ns. */
  public static final long DEFAULT_MAX_AGE_NANOS = 1_000_000_000L;
  /** The default number of slots. */
  public static final int DEFAULT_CAPACITY = 1 << 12;

  private static final byte[] DOMAIN = Sha.domainSeparator("jic-query-response");

  /**
   * A response signature (64 bytes) and the timestamp (ns since the epoch, unsigned) it was made
   * with. The array may be shared with the cache and other callers: treat it as read-only.
   */
  public record Signed(long timestampNanos, byte[] signature) {
    /** Null is a programming error (NPE). */
    public Signed {
      Objects.requireNonNull(signature, "signature");
    }
  }

  private record Entry(long timestampNanos, byte[] signature) {}

  private final NodeSigningKey key;
  private final NodeId nodeId;
  private final long maxAgeNanos;
  private final RecentDigestTable<Entry> recent;

  /** A signer with the default window (1 s) and capacity. */
  public QueryResponseSigner(NodeSigningKey key) {
    this(key, DEFAULT_MAX_AGE_NANOS, DEFAULT_CAPACITY);
  }

  /**
   * A signer reusing signatures at most {@code maxAgeNanos} old, holding at most {@code capacity}.
   *
   * @throws IllegalArgumentException if {@code maxAgeNanos} is negative or {@code capacity} is not
   *     a power of two in 2..2^20 ({@code maxAgeNanos = 0} reuses only within the same nanosecond)
   */
  public QueryResponseSigner(NodeSigningKey key, long maxAgeNanos, int capacity) {
    this.key = Objects.requireNonNull(key, "key");
    if (maxAgeNanos < 0) {
      throw new IllegalArgumentException("maxAgeNanos must not be negative");
    }
    this.recent = new RecentDigestTable<>(capacity);
    this.nodeId = key.nodeId();
    this.maxAgeNanos = maxAgeNanos;
  }

  /** The longest a reused signature's timestamp may lag {@code now}, in ns. */
  public long maxAgeNanos() {
    return maxAgeNanos;
  }

  /** The signing node's id (computed once). */
  public NodeId nodeId() {
    return nodeId;
  }

  /**
   * A signature for {@code response} to {@code requestId}: a reused one whose timestamp {@code t}
   * satisfies {@code t ≤ nowNanos ≤ t + maxAgeNanos} (unsigned), else a new one with timestamp
   * {@code nowNanos}. The result always verifies with
   * {@link NodeSigningKey#verifyQueryResponse} for the returned timestamp.
   */
  public Signed sign(QueryResponse response, long nowNanos, RequestId requestId) {
    byte[] k = keyOf(response, requestId);
    Entry e = recent.get(k);
    if (e != null && fresh(e.timestampNanos(), nowNanos)) {
      return new Signed(e.timestampNanos(), e.signature());
    }
    byte[] sig = key.signQueryResponse(response, nowNanos, requestId);
    recent.put(k, new Entry(nowNanos, sig));
    return new Signed(nowNanos, sig);
  }

  private boolean fresh(long t, long now) {
    return Long.compareUnsigned(t, now) <= 0 && Long.compareUnsigned(now - t, maxAgeNanos) <= 0;
  }

  /** SHA-256 over the request id and an unambiguous (tagged, length-prefixed) encoding of the response. */
  private static byte[] keyOf(QueryResponse response, RequestId requestId) {
    MessageDigest md = Sha.sha256Digest();
    md.update(DOMAIN);
    updateLengthPrefixed(md, requestId.toBytes());
    switch (response) {
      case QueryResponse.Replied r -> {
        md.update((byte) 1);
        updateLengthPrefixed(md, r.arg().toBytes());
      }
      case QueryResponse.Rejected r -> {
        md.update((byte) 2);
        updateLengthPrefixed(md, longBytes(r.rejectCode()));
        updateLengthPrefixed(md, r.rejectMessage().getBytes(StandardCharsets.UTF_8));
        if (r.errorCode().isPresent()) {
          md.update((byte) 1);
          updateLengthPrefixed(md, r.errorCode().get().getBytes(StandardCharsets.UTF_8));
        } else {
          md.update((byte) 0);
        }
      }
    }
    return md.digest();
  }

  private static byte[] longBytes(long v) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (v >>> (56 - 8 * i));
    }
    return b;
  }
}
