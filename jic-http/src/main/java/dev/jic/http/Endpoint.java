package dev.jic.http;

import dev.jic.interfaces.http.EffectiveId;
import java.util.Objects;

/**
 * The endpoint an HTTP request addresses, after routing its method and path (digest §1.1). Each
 * variant that takes a body carries the API version and the effective id from the URL.
 */
public sealed interface Endpoint {

  /** {@code GET /api/v2/status}. */
  record Status() implements Endpoint {}

  /**
   * {@code POST /api/v2/canister/<ecid>/call} (asynchronous) or {@code /api/v3|v4/canister/<ecid>/call},
   * {@code /api/v4/subnet/<esid>/call} (synchronous).
   */
  record Call(int version, EffectiveId effectiveId) implements Endpoint {
    public Call {
      Objects.requireNonNull(effectiveId, "effectiveId");
    }

    /** v3 and v4 wait for the certified outcome; v2 answers 202 at once. */
    public boolean synchronous() {
      return version >= 3;
    }
  }

  /** {@code POST /api/v2|v3/canister/<ecid>/query} or {@code /api/v3/subnet/<esid>/query}. */
  record Query(int version, EffectiveId effectiveId) implements Endpoint {
    public Query {
      Objects.requireNonNull(effectiveId, "effectiveId");
    }
  }

  /** {@code POST /api/v2|v3/canister/<ecid>/read_state} or {@code /api/v2|v3/subnet/<esid>/read_state}. */
  record ReadState(int version, EffectiveId effectiveId) implements Endpoint {
    public ReadState {
      Objects.requireNonNull(effectiveId, "effectiveId");
    }
  }
}
