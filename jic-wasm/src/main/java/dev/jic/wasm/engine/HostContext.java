package dev.jic.wasm.engine;

import com.dylibso.chicory.runtime.Memory;
import dev.jic.types.unit.NumInstructions;

/**
 * What a {@link HostFunction} sees of the instance that called it. Valid only during that call,
 * on the calling thread.
 */
public interface HostContext {
  /**
   * The instance's linear memory (index 0), or {@code null} if the module has none. Out-of-bounds
   * accesses throw Chicory's trap exception, which the engine reports as
   * {@link TrapKind#MEMORY_OUT_OF_BOUNDS}.
   */
  Memory memory();

  /**
   * Instructions used so far in the current call, exactly: the budget minus the counter. It
   * includes the whole basic block that contains the host call (the call instruction ends the
   * block), and everything charged with {@link #charge}. This is {@code ic0.performance_counter(0)}.
   */
  NumInstructions performanceCounter();

  /**
   * Instructions left in the current call's budget (never negative).
   */
  NumInstructions remaining();

  /**
   * Charges {@code n} extra instructions to the current call (System API costs, bytes copied).
   * If that exhausts the budget the call stops here and ends with
   * {@link CallOutcome.OutOfInstructions}: this method then does not return normally (it throws
   * an engine-internal signal that host code must not catch).
   */
  void charge(NumInstructions n);
}
