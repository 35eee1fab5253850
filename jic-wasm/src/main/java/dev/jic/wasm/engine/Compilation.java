package dev.jic.wasm.engine;

/** The result of {@link WasmEngine#compile}: a value, never an exception. */
public sealed interface Compilation {
  /** The module compiled (or came from a cache). */
  record Compiled(CompiledModule module) implements Compilation {}

  /** The module is rejected: {@link WasmError.Category#MALFORMED} or {@link WasmError.Category#INVALID}. */
  record Rejected(WasmError error) implements Compilation {}
}
