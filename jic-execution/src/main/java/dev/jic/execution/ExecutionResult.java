package dev.jic.execution;

import dev.jic.replicated.CallOrigin;
import dev.jic.replicated.Payload;
import dev.jic.replicated.Request;
import java.util.List;
import java.util.Optional;

/**
 * What one replicated execution produced. The canister's state was already changed (committed on
 * success, rolled back on failure); responses to canister callers are also in the canister's
 * output responses, and {@link #requests()} are also in its output requests, for message routing.
 *
 * @param origin who the call context answers to (null for executions without one)
 * @param response the response produced for {@code origin} by this execution, if any (the ingress
 *     history entry for an ingress origin)
 * @param error the failure of this execution, if it failed (the canister's changes were rolled back)
 * @param requests calls made (in order)
 * @param instructions instructions used
 */
public record ExecutionResult(CallOrigin origin, Optional<Payload> response, Optional<UserError> error,
    List<Request> requests, long instructions) {
  public ExecutionResult {
    requests = List.copyOf(requests);
  }

  /** Nothing happened (e.g. a stale response, or no such system method). */
  public static ExecutionResult nothing(CallOrigin origin) {
    return new ExecutionResult(origin, Optional.empty(), Optional.empty(), List.of(), 0);
  }
}
