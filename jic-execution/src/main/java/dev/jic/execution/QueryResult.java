package dev.jic.execution;

import dev.jic.replicated.Payload;
import java.util.Objects;

/**
 * The answer to a non-replicated query: a reply or reject payload (an error is a reject with the
 * error's code and message, and {@code error} set). Nothing of the canister changed.
 */
public record QueryResult(Payload payload, UserError error, long instructions) {
  public QueryResult {
    Objects.requireNonNull(payload);
  }
}
