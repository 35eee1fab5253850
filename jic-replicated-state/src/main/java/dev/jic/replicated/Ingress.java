package dev.jic.replicated;

import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import java.util.Objects;

/**
 * An inducted ingress message waiting in a canister's (or the subnet's) input queue. Immutable.
 *
 * @param messageId the request id (the ingress history key)
 * @param source the sender
 * @param receiver the canister called ({@code aaaaa-aa} for management calls)
 * @param method the method name
 * @param payload the argument bytes
 * @param expiryNanos the {@code ingress_expiry}; the message fails with IC0202 if not started by then
 */
public record Ingress(RequestId messageId, PrincipalId source, CanisterId receiver, String method, byte[] payload,
    long expiryNanos) implements SubnetMessage {
  public Ingress {
    Objects.requireNonNull(messageId);
    Objects.requireNonNull(source);
    Objects.requireNonNull(receiver);
    Objects.requireNonNull(method);
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
    return o instanceof Ingress i && i.messageId.equals(messageId);
  }

  @Override
  public int hashCode() {
    return messageId.hashCode();
  }
}
