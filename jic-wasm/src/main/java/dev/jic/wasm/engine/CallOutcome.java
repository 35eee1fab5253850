package dev.jic.wasm.engine;

import dev.jic.types.unit.NumInstructions;
import java.util.List;

/**
 * The result of calling an export with an instruction budget: a value, never an exception.
 * The instruction counts are exact and deterministic: they depend only on the module, the
 * arguments, the host functions' behaviour and the budget, not on the backend or the machine.
 */
public sealed interface CallOutcome {

  /** Instructions charged to the call (at most the budget). */
  NumInstructions instructions();

  /**
   * The export returned.
   *
   * @param results one raw 64-bit slot per result, as for {@link HostFunction} values
   * @param instructions instructions used
   */
  record Completed(List<Long> results, NumInstructions instructions) implements CallOutcome {
    public Completed {
      results = List.copyOf(results);
    }
  }

  /**
   * Execution trapped. Memory and globals keep whatever the code wrote before the trap: rolling
   * them back is the caller's job (e.g. a transactional memory).
   *
   * @param kind the trap condition
   * @param message the engine's or host's message
   * @param instructions instructions used up to the trap
   */
  record Trapped(TrapKind kind, String message, NumInstructions instructions) implements CallOutcome {}

  /**
   * The budget ran out. The call stopped at the first metering check (function entry, loop header,
   * or a host charge) after the counter went negative, or returned with it negative; either way
   * the whole budget counts as used.
   *
   * @param instructions the budget
   */
  record OutOfInstructions(NumInstructions instructions) implements CallOutcome {}
}
