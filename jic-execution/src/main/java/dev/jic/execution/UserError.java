package dev.jic.execution;

import dev.jic.replicated.Payload;
import dev.jic.replicated.RejectCode;
import java.util.Objects;

/**
 * An error as users see it: an {@link ErrorCode} and a description (the reject message).
 * {@link #toString()} renders it as the replica does: {@code "IC0503: <description>"}.
 */
public record UserError(ErrorCode code, String description) {
  public UserError {
    Objects.requireNonNull(code);
    Objects.requireNonNull(description);
  }

  /** The reject code users get. */
  public RejectCode rejectCode() {
    return code.rejectCode();
  }

  /** This error as a reject payload (code and description). */
  public Payload.Reject toReject() {
    return new Payload.Reject(rejectCode(), description);
  }

  @Override
  public String toString() {
    return code.text() + ": " + description;
  }
}
