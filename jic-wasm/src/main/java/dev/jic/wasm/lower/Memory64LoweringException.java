package dev.jic.wasm.lower;

/**
 * A 64-bit module that {@link Memory64Lowering} cannot turn into an equivalent 32-bit one: a
 * memory or table whose minimum size exceeds what the engine can hold, or an active segment offset
 * that is not a plain {@code i64.const}. The module is rejected as a whole; nothing is half-lowered.
 */
public final class Memory64LoweringException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A rejection with a message naming the construct and its limit. */
  public Memory64LoweringException(String message) {
    super(message);
  }
}
