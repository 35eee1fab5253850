package dev.jic.wasm.engine;

/**
 * Why a module could not be compiled or instantiated, or why a call failed, in the WebAssembly
 * specification's error categories. The engine only categorises; mapping a category to an IC
 * reject code happens in exactly one place in the execution layer.
 *
 * @param category the spec category
 * @param message a human-readable reason (names the offending construct where known)
 */
public record WasmError(Category category, String message) {

  /** The WebAssembly specification's error categories (core spec, appendix "Embedding"). */
  public enum Category {
    /** The bytes are not a module in the binary format (or a corrupt/oversized gzip). */
    MALFORMED,
    /**
     * The module decodes but is not valid: it fails type checking, breaks an IC install-time rule
     * (imports, exports, limits, sections), or uses a feature this engine cannot run.
     */
    INVALID,
    /** Instantiation failed because an import is missing or has the wrong type. */
    UNLINKABLE,
    /** Execution (including instantiation: segment initialisation, the start function) trapped. */
    TRAP
  }

  public WasmError {
    java.util.Objects.requireNonNull(category, "category");
    java.util.Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return category + ": " + message;
  }
}
