package dev.jic.crypto.bls;

/** Malformed BLS input (wrong length, point not on the curve or not in the subgroup, bad key). */
public final class BlsException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public BlsException(String message) {
    super(message);
  }

  public BlsException(String message, Throwable cause) {
    super(message, cause);
  }
}
