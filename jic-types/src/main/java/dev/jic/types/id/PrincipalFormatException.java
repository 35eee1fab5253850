package dev.jic.types.id;

/** A principal's bytes or text are malformed. The message says what is wrong and where. */
public final class PrincipalFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public PrincipalFormatException(String message) {
    super(message);
  }
}
