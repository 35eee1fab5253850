package dev.jic.crypto.sig;

/** The outcome of a signature check: a value, never an exception. */
public sealed interface VerificationResult {

  /** The signature is valid. */
  record Valid() implements VerificationResult {}

  /** The signature is malformed or does not verify; {@code reason} says which. */
  record Invalid(String reason) implements VerificationResult {}

  /** The signature cannot be checked here (a canister signature without a root key, RSA WebAuthn). */
  record Unsupported(String reason) implements VerificationResult {}

  VerificationResult VALID = new Valid();

  default boolean isValid() {
    return this instanceof Valid;
  }
}
