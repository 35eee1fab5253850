package dev.jic.wasm.validation;

/**
 * Why the IC rejects a module at install time. {@code kind} is for code, {@code message} for
 * people (it names the offending import, export, section or limit).
 */
public record IcValidationError(Kind kind, String message) {
  /** The rejection categories (they follow the IC's {@code WasmValidationError} variants). */
  public enum Kind {
    /** Not a Wasm module in the binary format (or a corrupt/oversized gzip). */
    MALFORMED,
    /** Well-formed but not valid Wasm (type error, unknown index...): the spec's "invalid". */
    INVALID_WASM,
    /** A function's {@link FunctionComplexity} is above the limit. */
    FUNCTION_TOO_COMPLEX,
    MODULE_TOO_LARGE,
    CODE_SECTION_TOO_LARGE,
    FUNCTION_TOO_LARGE,
    INVALID_IMPORT,
    INVALID_EXPORT,
    DUPLICATE_EXPORT,
    TOO_MANY_EXPORTS,
    EXPORTED_NAMES_TOO_LONG,
    TOO_MANY_FUNCTIONS,
    TOO_MANY_GLOBALS,
    INVALID_GLOBAL,
    TOO_MANY_MEMORIES,
    MEMORY_TOO_LARGE,
    INVALID_DATA_SECTION,
    INVALID_CUSTOM_SECTION,
    TOO_MANY_CUSTOM_SECTIONS,
    CUSTOM_SECTIONS_TOO_LARGE
  }

  @Override
  public String toString() {
    return kind + ": " + message;
  }
}
