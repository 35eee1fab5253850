package dev.jic.replicated;

import dev.jic.types.id.CanisterId;
import dev.jic.types.unit.Cycles;
import java.util.Arrays;
import java.util.Objects;

/**
 * An inter-canister (or canister-to-management) request, as {@code ic0.call_perform} produced it.
 * Immutable.
 *
 * @param receiver the callee
 * @param sender the calling canister
 * @param method the method name
 * @param payload the argument bytes
 * @param cycles cycles attached (already debited from the sender)
 * @param senderCallbackId the sender's callback that the response must name
 * @param deadlineNanos 0 for a guaranteed-response call; otherwise the best-effort deadline
 */
public record Request(CanisterId receiver, CanisterId sender, String method, byte[] payload, Cycles cycles,
    long senderCallbackId, long deadlineNanos) implements SubnetMessage {
  public Request {
    Objects.requireNonNull(receiver);
    Objects.requireNonNull(sender);
    Objects.requireNonNull(method);
    Objects.requireNonNull(cycles);
    payload = payload.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** Payload length without copying. */
  public int payloadSize() {
    return payload.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Request r && receiver.equals(r.receiver) && sender.equals(r.sender) && method.equals(r.method)
        && Arrays.equals(payload, r.payload) && cycles.equals(r.cycles) && senderCallbackId == r.senderCallbackId
        && deadlineNanos == r.deadlineNanos;
  }

  @Override
  public int hashCode() {
    return Objects.hash(receiver, sender, method, cycles, senderCallbackId) * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "Request[" + sender + " -> " + receiver + "." + method + ", " + payload.length + " B, " + cycles
        + " cycles, callback " + senderCallbackId + "]";
  }
}
