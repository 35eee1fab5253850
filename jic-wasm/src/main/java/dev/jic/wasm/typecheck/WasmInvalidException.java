package dev.jic.wasm.typecheck;

/**
 * The module is well-formed but not valid: it breaks a rule of the Wasm spec's validation
 * (section 3), e.g. a type mismatch on the operand stack or an unknown index. This is the spec's
 * "invalid" category, distinct from "malformed" ({@link dev.jic.wasm.binary.WasmMalformedException}).
 * {@link #reason()} is the spec reference interpreter's phrase ("type mismatch", "unknown local",
 * ...), {@link #getMessage()} adds where it happened.
 */
public final class WasmInvalidException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String reason;

  /** A rejection with the spec's phrase {@code reason} and a location/detail {@code where}. */
  public WasmInvalidException(String reason, String where) {
    super(reason + (where.isEmpty() ? "" : " (" + where + ")"));
    this.reason = reason;
  }

  /** The spec's short reason, e.g. {@code "type mismatch"}. */
  public String reason() {
    return reason;
  }
}
