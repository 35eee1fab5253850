package dev.jic.interfaces.query;

import dev.jic.types.messages.QueryResponse;
import java.util.Objects;

/** The outcome of a non-replicated query: an answer to sign, or no state to answer from. */
public sealed interface QueryOutcome {

  /**
   * The query ran (or was refused) on a state: a reply or a reject with its IC reject code,
   * message and error code. The HTTP layer signs it with the node key and returns HTTP 200.
   */
  record Answered(QueryResponse response) implements QueryOutcome {
    /** Null is a programming error (NPE). */
    public Answered {
      Objects.requireNonNull(response, "response");
    }
  }

  /** No (certified) state is available yet to run queries on. HTTP 503. */
  record Unavailable(String message) implements QueryOutcome {
    /** Null is a programming error (NPE). */
    public Unavailable {
      Objects.requireNonNull(message, "message");
    }
  }
}
