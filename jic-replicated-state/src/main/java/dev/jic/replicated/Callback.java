package dev.jic.replicated;

import dev.jic.types.id.CanisterId;
import dev.jic.types.unit.Cycles;
import java.util.Objects;
import java.util.Optional;

/**
 * An outstanding outgoing call of a canister: what to run when its response arrives. Immutable.
 *
 * @param callContextId the call context that made the call
 * @param respondent the callee
 * @param cyclesSent cycles attached to the request
 * @param prepaidForResponse cycles reserved at {@code call_perform} for executing and receiving the
 *     response; the unused part is refunded when the response is executed
 * @param onReply the reply closure
 * @param onReject the reject closure
 * @param onCleanup the cleanup closure, run if the reply/reject callback traps
 * @param deadlineNanos 0 for guaranteed response, else the best-effort deadline
 */
public record Callback(long callContextId, CanisterId respondent, Cycles cyclesSent, Cycles prepaidForResponse,
    WasmClosure onReply, WasmClosure onReject, Optional<WasmClosure> onCleanup, long deadlineNanos) {
  public Callback {
    Objects.requireNonNull(respondent);
    Objects.requireNonNull(cyclesSent);
    Objects.requireNonNull(prepaidForResponse);
    Objects.requireNonNull(onReply);
    Objects.requireNonNull(onReject);
    Objects.requireNonNull(onCleanup);
  }
}
