package dev.jic.wasm.engine;

/**
 * Thrown by a {@link HostFunction} to make the running Wasm code trap. The engine catches it and
 * reports {@link CallOutcome.Trapped} with {@link TrapKind#HOST} and this message; it never
 * escapes {@link WasmInstance#call}.
 */
public final class HostTrap extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A trap with a message for the canister's reject (e.g. the text given to {@code ic0.trap}). */
  public HostTrap(String message) {
    super(message, null, false, false);
  }
}
