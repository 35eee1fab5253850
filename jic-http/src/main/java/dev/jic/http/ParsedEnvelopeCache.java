package dev.jic.http;

import dev.jic.crypto.sig.RecentDigestTable;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.Sha;
import dev.jic.types.messages.EnvelopeParser;
import dev.jic.types.messages.HttpRequestEnvelope;
import dev.jic.types.messages.RequestKind;
import java.security.MessageDigest;

/**
 * A bounded memo of {@link EnvelopeParser#parse(byte[], RequestKind)} for small, byte-identical
 * request bodies.
 *
 * <p>Why: a client polling a query sends the same envelope bytes again and again (agent-js
 * queries carry no nonce and round {@code ingress_expiry} to the minute), and parsing the CBOR and
 * hashing the content into its request id costs more than the rest of answering such a query.
 * Parsing is a pure function of the bytes and the endpoint's kind, and its result is immutable, so
 * returning an earlier result for identical input changes nothing; authentication and every later
 * check still run on the returned envelope each time. Failures are not remembered.
 *
 * <p>Bounds: only bodies of at most {@link #MAX_BODY_BYTES} are remembered, in a {@link
 * RecentDigestTable} of {@code capacity} slots keyed by SHA-256 of (kind, body), so the memory
 * held is at most a few times {@code capacity × MAX_BODY_BYTES}. Thread-safe without locks (a lost
 * race costs one more parse).
 */
final class ParsedEnvelopeCache {
  /** Larger bodies (update calls with big arguments, long delegation chains) are always parsed. */
  static final int MAX_BODY_BYTES = 2048;
  /** The default number of slots. */
  static final int DEFAULT_CAPACITY = 1 << 10;

  private final RecentDigestTable<HttpRequestEnvelope> recent;

  ParsedEnvelopeCache() {
    this(DEFAULT_CAPACITY);
  }

  /** @throws IllegalArgumentException unless {@code capacity} is a power of two in 2..2^16 */
  ParsedEnvelopeCache(int capacity) {
    if (capacity > (1 << 16)) {
      throw new IllegalArgumentException("capacity must be a power of two in 2..2^16, got " + capacity);
    }
    this.recent = new RecentDigestTable<>(capacity);
  }

  /**
   * The envelope {@code body} parses to for an endpoint of {@code kind}: the same result (or the
   * same exception) as {@link EnvelopeParser#parse(byte[], RequestKind)}.
   *
   * @throws DecodeException as the parser does
   */
  HttpRequestEnvelope parse(byte[] body, RequestKind kind) throws DecodeException {
    if (body.length > MAX_BODY_BYTES) {
      return EnvelopeParser.parse(body, kind);
    }
    MessageDigest md = Sha.sha256Digest();
    md.update((byte) kind.ordinal());
    md.update(body);
    byte[] key = md.digest();
    HttpRequestEnvelope known = recent.get(key);
    if (known != null) {
      return known;
    }
    HttpRequestEnvelope parsed = EnvelopeParser.parse(body, kind);
    recent.put(key, parsed);
    return parsed;
  }

  /** How many envelopes are held (O(capacity); for tests). */
  int size() {
    return recent.size();
  }
}
