package dev.jic.wasm.engine;

import dev.jic.wasm.binary.Types.FuncType;
import java.util.Optional;

/**
 * Supplies host functions for a module's function imports at instantiation. The engine asks once
 * per import, in import order; an empty answer makes instantiation fail with
 * {@link WasmError.Category#UNLINKABLE}. Only function imports are supported (IC modules may
 * import nothing else); a module importing a memory, table or global is unlinkable.
 */
@FunctionalInterface
public interface ImportResolver {
  /**
   * The function for import {@code module.name} with type {@code type} (as declared by the
   * original module, before any rewriting), or empty if the host has none.
   */
  Optional<HostFunction> resolve(String module, String name, FuncType type);

  /** A resolver that provides nothing (for modules without imports). */
  static ImportResolver none() {
    return (module, name, type) -> Optional.empty();
  }
}
