package dev.jic.execution.systemapi;

import dev.jic.replicated.WasmClosure;
import dev.jic.types.id.CanisterId;
import dev.jic.types.unit.Cycles;
import java.util.Objects;

/**
 * A call made with {@code ic0.call_perform}, before it becomes a request and a callback. The
 * attached cycles and the prepayment were already taken from the working balance.
 *
 * @param callee the callee ({@code aaaaa-aa} for the management canister)
 * @param method the method name
 * @param payload the argument
 * @param cycles cycles attached
 * @param prepaid cycles reserved for the response
 * @param onReply reply closure
 * @param onReject reject closure
 * @param onCleanup cleanup closure or null
 * @param timeoutSeconds the best-effort timeout, or -1 for a guaranteed-response call
 */
public record OutgoingCall(CanisterId callee, String method, byte[] payload, Cycles cycles, Cycles prepaid,
    WasmClosure onReply, WasmClosure onReject, WasmClosure onCleanup, long timeoutSeconds) {
  public OutgoingCall {
    Objects.requireNonNull(callee);
    Objects.requireNonNull(method);
    payload = payload.clone();
  }
}
