package dev.jic.wasm.engine;

/** The result of {@link WasmEngine#instantiate}: a value, never an exception. */
public sealed interface Instantiation {
  /**
   * The instance exists: imports linked, memory and tables initialised from the segments. The
   * start function (if any) has run with the given budget, and {@code start} says how that went
   * ({@link CallOutcome.Completed} with zero instructions when there is no start function). If
   * {@code start} is not {@code Completed} the instance must not be used for anything but
   * inspection.
   */
  record Instantiated(WasmInstance instance, CallOutcome start) implements Instantiation {}

  /**
   * Instantiation failed before any code ran: {@link WasmError.Category#UNLINKABLE} (a missing or
   * mistyped import) or {@link WasmError.Category#TRAP} (a data or element segment out of bounds).
   */
  record Failed(WasmError error) implements Instantiation {}
}
