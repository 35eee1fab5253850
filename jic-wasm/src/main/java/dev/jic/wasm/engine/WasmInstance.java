package dev.jic.wasm.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import dev.jic.types.unit.NumInstructions;
import java.util.List;

/**
 * One instantiated module: its memory, globals and tables. Not thread-safe: one call at a time,
 * and host functions run on the calling thread.
 */
public interface WasmInstance {
  /** The module this is an instance of. */
  CompiledModule module();

  /**
   * Calls the exported function {@code export} with {@code args} (raw slots, as for
   * {@link HostFunction}) and an instruction budget. Traps, host traps and running out of
   * instructions are outcomes; the counts in the outcome are exact and reproducible.
   *
   * @throws IllegalArgumentException if there is no such exported function or the argument count
   *     differs from its type (a caller bug: check {@link CompiledModule#exportedFunction} first)
   * @throws RuntimeException whatever a host function threw other than {@link HostTrap} (a host bug)
   */
  CallOutcome call(String export, List<Long> args, NumInstructions budget);

  /** The linear memory, or null if the module has none. */
  Memory memory();

  /**
   * The underlying Chicory instance, for backend-specific integrations (e.g. snapshotting
   * globals together with a transactional memory). Callers must not run code through it: calls
   * that bypass {@link #call} are not metered.
   */
  Instance chicoryInstance();
}
