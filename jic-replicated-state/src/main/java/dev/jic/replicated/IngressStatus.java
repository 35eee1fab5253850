package dev.jic.replicated;

import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import java.util.Arrays;
import java.util.Objects;

/**
 * The status of an ingress message (interface spec, "Request status": received, processing,
 * replied, rejected, done; "unknown" is the absence of an entry).
 */
public sealed interface IngressStatus {
  /** The receiver canister. */
  CanisterId receiver();

  /** The sender. */
  PrincipalId user();

  /** The batch time of the last change, nanoseconds. */
  long timeNanos();

  /**
   * Whether this status is final: replied, rejected or done (a synchronous call's wait ends, and
   * the status changes no more but for pruning to done).
   */
  default boolean isTerminal() {
    return this instanceof Replied || this instanceof Rejected || this instanceof Done;
  }

  /** Inducted into the receiver's queue. */
  record Received(CanisterId receiver, PrincipalId user, long timeNanos) implements IngressStatus {}

  /** Execution started (the call context is open). */
  record Processing(CanisterId receiver, PrincipalId user, long timeNanos) implements IngressStatus {}

  /** Replied with data. */
  final class Replied implements IngressStatus {
    private final CanisterId receiver;
    private final PrincipalId user;
    private final long timeNanos;
    private final byte[] reply;

    public Replied(CanisterId receiver, PrincipalId user, long timeNanos, byte[] reply) {
      this.receiver = Objects.requireNonNull(receiver);
      this.user = Objects.requireNonNull(user);
      this.timeNanos = timeNanos;
      this.reply = reply.clone();
    }

    @Override
    public CanisterId receiver() {
      return receiver;
    }

    @Override
    public PrincipalId user() {
      return user;
    }

    @Override
    public long timeNanos() {
      return timeNanos;
    }

    /** The reply bytes (a copy). */
    public byte[] reply() {
      return reply.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Replied r && r.receiver.equals(receiver) && r.user.equals(user) && r.timeNanos == timeNanos
          && Arrays.equals(r.reply, reply);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(reply);
    }
  }

  /**
   * Rejected.
   *
   * @param errorCode the replica's error code, e.g. {@code IC0503} (empty for a plain canister reject
   *     with no code)
   */
  record Rejected(CanisterId receiver, PrincipalId user, long timeNanos, RejectCode code, String message,
      String errorCode) implements IngressStatus {}

  /** The reply or reject was pruned after its retention time. */
  record Done(CanisterId receiver, PrincipalId user, long timeNanos) implements IngressStatus {}
}
