package dev.jic.types.encoding;

/**
 * The one declared exception of jic's binary decoders (Candid, CBOR views, LEB128, hash trees):
 * the input is malformed. The message says what and, where known, at which byte offset. Decoders
 * never let {@code NullPointerException}, {@code IndexOutOfBoundsException} or similar escape on
 * untrusted input.
 */
public class DecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  public DecodeException(String message) {
    super(message);
  }

  public DecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
