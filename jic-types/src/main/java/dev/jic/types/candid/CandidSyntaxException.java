package dev.jic.types.candid;

/**
 * Candid text (a value, an argument list or a type) is malformed or does not fit the expected
 * type. {@link #position()} is the 0-based character offset of the problem; the message repeats
 * it together with a short excerpt of the input.
 */
public final class CandidSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int position;

  public CandidSyntaxException(String message, int position) {
    super(message);
    this.position = position;
  }

  /** 0-based character offset in the input. */
  public int position() {
    return position;
  }
}
