package dev.jic.wasm.engine;

import java.util.Locale;

/**
 * Why Wasm execution trapped. The kinds follow the WebAssembly spec's trap conditions (core spec
 * 4.4, with the reference interpreter's messages), plus {@link #HOST} for traps raised by a host
 * function. Out of instructions is not a trap kind: it is {@link CallOutcome.OutOfInstructions}.
 */
public enum TrapKind {
  /** {@code unreachable} executed. */
  UNREACHABLE,
  /** A load, store or bulk memory operation outside the memory. */
  MEMORY_OUT_OF_BOUNDS,
  /** A table access or bulk table operation outside the table. */
  TABLE_OUT_OF_BOUNDS,
  /** {@code call_indirect} to an index past the table's end. */
  UNDEFINED_ELEMENT,
  /** {@code call_indirect} to a null table entry. */
  UNINITIALIZED_ELEMENT,
  /** {@code call_indirect} to a function of another type. */
  INDIRECT_CALL_TYPE_MISMATCH,
  /** Integer division or remainder by zero. */
  INTEGER_DIVIDE_BY_ZERO,
  /** Signed division overflow ({@code INT_MIN / -1}). */
  INTEGER_OVERFLOW,
  /** A float-to-integer truncation of NaN or an out-of-range value. */
  INVALID_CONVERSION,
  /**
   * The call stack is exhausted: the deterministic limit ({@code ChicoryEngine.STACK_LIMIT} stack
   * units, counted by the instrumented code) was exceeded. Should the JVM's own stack run out
   * first (a frame shape the units under-estimate), the call also ends with this kind and is
   * charged its whole budget, so the outcome never depends on where the JVM stopped.
   */
  STACK_OVERFLOW,
  /** A host function threw {@link HostTrap} (e.g. {@code ic0.trap}). */
  HOST,
  /** Any other engine trap (the message says which). */
  OTHER;

  /** The kind for an engine trap message (matching the spec reference interpreter's texts). */
  static TrapKind fromMessage(String message) {
    String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if (m.contains("unreachable")) {
      return UNREACHABLE;
    } else if (m.contains("out of bounds memory")) {
      return MEMORY_OUT_OF_BOUNDS;
    } else if (m.contains("out of bounds table")) {
      return TABLE_OUT_OF_BOUNDS;
    } else if (m.contains("undefined element")) {
      return UNDEFINED_ELEMENT;
    } else if (m.contains("uninitialized element")) {
      return UNINITIALIZED_ELEMENT;
    } else if (m.contains("indirect call type mismatch")) {
      return INDIRECT_CALL_TYPE_MISMATCH;
    } else if (m.contains("divide by zero")) {
      return INTEGER_DIVIDE_BY_ZERO;
    } else if (m.contains("integer overflow")) {
      return INTEGER_OVERFLOW;
    } else if (m.contains("invalid conversion")) {
      return INVALID_CONVERSION;
    } else if (m.contains("call stack exhausted")) {
      return STACK_OVERFLOW;
    }
    return OTHER;
  }
}
