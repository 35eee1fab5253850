package dev.jic.state.tree;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The certified status of one ingress message, {@code /request_status/<rid>/...} (interface spec
 * §state tree; IC-INTERFACE-DIGEST §4.5). Immutable; value equality.
 */
public sealed interface RequestStatus {
  /** Accepted, not yet executing ({@code status = "received"}). */
  record Received() implements RequestStatus {}

  /** Executing ({@code status = "processing"}). */
  record Processing() implements RequestStatus {}

  /** Replied ({@code status = "replied"}, {@code reply} = the reply blob). */
  final class Replied implements RequestStatus {
    private final byte[] reply;

    /** Copies the reply. */
    public Replied(byte[] reply) {
      this.reply = reply.clone();
    }

    /** The reply (a copy). */
    public byte[] reply() {
      return reply.clone();
    }

    byte[] replyUnsafe() {
      return reply;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Replied r && Arrays.equals(reply, r.reply);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(reply);
    }
  }

  /**
   * Rejected ({@code status = "rejected"}, {@code reject_code} as a LEB128 nat, {@code
   * reject_message} as text, {@code error_code} as text if present).
   */
  record Rejected(long rejectCode, String rejectMessage, Optional<String> errorCode)
      implements RequestStatus {
    /** Rejects nulls and negative codes. */
    public Rejected {
      Objects.requireNonNull(rejectMessage, "rejectMessage");
      Objects.requireNonNull(errorCode, "errorCode");
      if (rejectCode < 0) {
        throw new IllegalArgumentException("negative reject code");
      }
    }
  }

  /** Reply or reject was pruned ({@code status = "done"}). */
  record Done() implements RequestStatus {}
}
