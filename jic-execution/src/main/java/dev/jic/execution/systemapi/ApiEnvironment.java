package dev.jic.execution.systemapi;

import dev.jic.replicated.CanisterStatus;
import dev.jic.replicated.Payload;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.id.SubnetId;
import dev.jic.types.unit.Cycles;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;

/**
 * The read-only inputs of one execution as the System API exposes them. Immutable.
 *
 * @param type the context
 * @param self the canister
 * @param subnet its subnet
 * @param caller {@code ic0.msg_caller} (installer in init/upgrade, {@code aaaaa-aa} in system tasks)
 * @param arg the argument data (empty where none)
 * @param methodName the method ({@code ic0.msg_method_name}, inspect_message only)
 * @param timeNanos {@code ic0.time}
 * @param status {@code ic0.canister_status}
 * @param version {@code ic0.canister_version}
 * @param controllers for {@code ic0.is_controller}
 * @param envVars environment variables, sorted by name
 * @param rootKey the DER root key ({@code ic0.root_key_*})
 * @param dataCertificate the certificate of a non-replicated query, or null
 * @param deadlineNanos {@code ic0.msg_deadline} (0: guaranteed response)
 * @param callContextInstructions instructions of earlier executions of this call context
 * @param alreadyResponded whether the call context was already answered
 * @param availableCycles cycles attached to the call and not yet accepted
 * @param refundedCycles cycles refunded with the response (callbacks)
 * @param reject the reject being handled (reject callback, or its cleanup), else null
 * @param instructionLimit the message's instruction limit (for {@code cost_call} prepayments)
 * @param wasm64 whether the module is 64-bit
 */
public record ApiEnvironment(ApiType type, CanisterId self, SubnetId subnet, PrincipalId caller, byte[] arg,
    String methodName, long timeNanos, CanisterStatus status, long version, List<PrincipalId> controllers,
    SortedMap<String, String> envVars, byte[] rootKey, byte[] dataCertificate, long deadlineNanos,
    long callContextInstructions, boolean alreadyResponded, Cycles availableCycles, Cycles refundedCycles,
    Payload.Reject reject, long instructionLimit, boolean wasm64) {
  public ApiEnvironment {
    Objects.requireNonNull(type);
    Objects.requireNonNull(self);
    Objects.requireNonNull(subnet);
    Objects.requireNonNull(caller);
    arg = arg.clone();
    Objects.requireNonNull(methodName);
    Objects.requireNonNull(status);
    controllers = List.copyOf(controllers);
    Objects.requireNonNull(envVars);
    rootKey = rootKey.clone();
    dataCertificate = dataCertificate == null ? null : dataCertificate.clone();
    Objects.requireNonNull(availableCycles);
    Objects.requireNonNull(refundedCycles);
  }

  /** This environment in another context (e.g. the cleanup after a failed callback). */
  public ApiEnvironment withType(ApiType t) {
    return new ApiEnvironment(t, self, subnet, caller, arg, methodName, timeNanos, status, version, controllers,
        envVars, rootKey, dataCertificate, deadlineNanos, callContextInstructions, alreadyResponded, availableCycles,
        refundedCycles, reject, instructionLimit, wasm64);
  }
}
