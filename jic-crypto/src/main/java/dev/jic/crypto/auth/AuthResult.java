package dev.jic.crypto.auth;

import dev.jic.types.id.UserId;
import java.util.Objects;

/** The outcome of authenticating a request envelope: a value, never an exception. */
public sealed interface AuthResult {

  /**
   * The envelope authenticates {@code sender}. For calls and queries the canister id has already
   * been checked against {@code targets}; read_state callers must check the canisters their paths
   * reference.
   */
  record Authenticated(UserId sender, CanisterTargets targets) implements AuthResult {
    public Authenticated {
      Objects.requireNonNull(sender, "sender");
      Objects.requireNonNull(targets, "targets");
    }
  }

  /** The envelope is rejected; {@code message} is fit for an HTTP 400 body. */
  record Rejected(AuthRejectCode code, String message) implements AuthResult {
    public Rejected {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }

  default boolean isAuthenticated() {
    return this instanceof Authenticated;
  }
}
