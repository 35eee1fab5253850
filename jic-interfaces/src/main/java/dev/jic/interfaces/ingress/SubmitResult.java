package dev.jic.interfaces.ingress;

import java.util.Objects;
import java.util.Optional;

/**
 * What became of a call handed to {@link IngressSubmission#submit}: an expected outcome, never an
 * exception. The HTTPS interface maps each variant to a status code (given per variant).
 */
public sealed interface SubmitResult {

  /**
   * The call was accepted for (or is already in) ordering and execution; its status will appear
   * in the certified state under {@code /request_status/<id>}. HTTP 202 (or a sync wait).
   */
  record Accepted() implements SubmitResult {}

  /**
   * Refused before ordering, e.g. {@code canister_inspect_message} declined it, the canister does
   * not exist or is stopped. Nothing is recorded in the state. HTTP 200 with a CBOR body
   * {@code {reject_code, reject_message, error_code}} (digest §1.6).
   *
   * @param rejectCode the IC reject code (1..6)
   * @param errorCode the IC error code text such as {@code "IC0406"}, if known
   */
  record NonReplicatedRejection(int rejectCode, String rejectMessage, Optional<String> errorCode) implements SubmitResult {
    /** Null is a programming error (NPE). */
    public NonReplicatedRejection {
      Objects.requireNonNull(rejectMessage, "rejectMessage");
      Objects.requireNonNull(errorCode, "errorCode");
    }
  }

  /** The ingress pool or queue is full; the client should back off. HTTP 503 (or 429). */
  record Overloaded(String message, boolean tooManyFromThisClient) implements SubmitResult {
    /** Null is a programming error (NPE). */
    public Overloaded {
      Objects.requireNonNull(message, "message");
    }
  }
}
