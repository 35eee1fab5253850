package dev.jic.crypto.sig;

/** The outcome of a signature check: a value, never an exception. */
public sealed interface VerificationResult {

  /** The signature is valid. */
  record Valid() implements VerificationResult {}

  /** The signature is malformed or does not verify; {@code reason} says which. */
  record Invalid(String reason) implements VerificationResult {}

  /** jic cannot check signatures of this kind yet (e.g. canister signatures). */
  record Unsupported(String reason) implements VerificationResult {}

  VerificationResult VALID = new Valid();

  default boolean isValid() {
    return this instanceof Valid;
  }
}
