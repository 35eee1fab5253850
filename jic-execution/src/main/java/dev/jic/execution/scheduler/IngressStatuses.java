package dev.jic.execution.scheduler;

import dev.jic.execution.ExecutionResult;
import dev.jic.execution.UserError;
import dev.jic.replicated.CallOrigin;
import dev.jic.replicated.IngressStatus;
import dev.jic.replicated.Payload;
import dev.jic.types.id.CanisterId;

/** Maps execution outcomes to ingress history statuses (the one place this happens). */
public final class IngressStatuses {
  private IngressStatuses() {}

  /**
   * The status an ingress message has after an execution of its call context produced
   * {@code r} on {@code receiver} at {@code timeNanos}, or null if {@code r} is not for an ingress
   * message. No response yet means processing.
   */
  public static IngressStatus of(CanisterId receiver, ExecutionResult r, long timeNanos) {
    if (!(r.origin() instanceof CallOrigin.Ingress in)) {
      return null;
    }
    if (r.response().isEmpty()) {
      return new IngressStatus.Processing(receiver, in.user(), timeNanos);
    }
    return answered(receiver, in, r.response().get(), r.error().orElse(null), timeNanos);
  }

  /** The terminal status for a response payload (and the error that produced it, if any). */
  public static IngressStatus answered(CanisterId receiver, CallOrigin.Ingress in, Payload p, UserError error,
      long timeNanos) {
    return switch (p) {
      case Payload.Data d -> new IngressStatus.Replied(receiver, in.user(), timeNanos, d.bytes());
      case Payload.Reject j -> new IngressStatus.Rejected(receiver, in.user(), timeNanos, j.code(), j.message(),
          error == null ? "" : error.code().text());
    };
  }

  /** The rejected status for {@code error}. */
  public static IngressStatus rejected(CanisterId receiver, CallOrigin.Ingress in, UserError error, long timeNanos) {
    return new IngressStatus.Rejected(receiver, in.user(), timeNanos, error.rejectCode(), error.description(),
        error.code().text());
  }
}
