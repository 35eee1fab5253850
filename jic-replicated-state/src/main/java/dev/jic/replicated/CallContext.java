package dev.jic.replicated;

import dev.jic.types.unit.Cycles;
import java.util.Objects;

/**
 * An open call context of a canister: one incoming call being processed, possibly across several
 * executions (the method, then callbacks). Immutable; the manager replaces it on change.
 *
 * @param origin who gets the answer
 * @param responded whether a reply or reject was already produced
 * @param deleted whether the canister was uninstalled meanwhile (later responses only refund)
 * @param availableCycles cycles attached to the call and not yet accepted
 * @param instructionsExecuted instructions used by all executions of this context so far
 *     ({@code ic0.performance_counter(1)})
 */
public record CallContext(CallOrigin origin, boolean responded, boolean deleted, Cycles availableCycles,
    long instructionsExecuted) {
  public CallContext {
    Objects.requireNonNull(origin);
    Objects.requireNonNull(availableCycles);
  }

  /** This context marked as responded. */
  public CallContext markResponded() {
    return new CallContext(origin, true, deleted, availableCycles, instructionsExecuted);
  }

  /** This context marked as deleted (and responded: uninstall rejected it). */
  public CallContext markDeleted() {
    return new CallContext(origin, true, true, availableCycles, instructionsExecuted);
  }

  /** This context with another available cycles amount. */
  public CallContext withAvailableCycles(Cycles c) {
    return new CallContext(origin, responded, deleted, c, instructionsExecuted);
  }

  /** This context with {@code n} more instructions executed. */
  public CallContext plusInstructions(long n) {
    return new CallContext(origin, responded, deleted, availableCycles, instructionsExecuted + n);
  }
}
