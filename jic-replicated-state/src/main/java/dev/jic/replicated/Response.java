package dev.jic.replicated;

import dev.jic.types.id.CanisterId;
import dev.jic.types.unit.Cycles;
import java.util.Objects;

/**
 * The response to a {@link Request}, delivered to the originator's callback. Immutable.
 *
 * @param originator the canister that made the call
 * @param respondent the callee
 * @param originatorCallbackId the callback to run
 * @param refund cycles refunded to the originator (those the callee did not accept)
 * @param payload reply data or reject
 * @param deadlineNanos the request's deadline (0 = guaranteed response)
 */
public record Response(CanisterId originator, CanisterId respondent, long originatorCallbackId, Cycles refund,
    Payload payload, long deadlineNanos) {
  public Response {
    Objects.requireNonNull(originator);
    Objects.requireNonNull(respondent);
    Objects.requireNonNull(refund);
    Objects.requireNonNull(payload);
  }
}
