package dev.jic.types.messages;

import java.util.Objects;

/** A delegation with the signature of the previous key in the chain (digest §3.3). */
public record SignedDelegation(Delegation delegation, Blob signature) {
  public SignedDelegation {
    Objects.requireNonNull(delegation, "delegation");
    Objects.requireNonNull(signature, "signature");
  }
}
