package dev.jic.replica;

import dev.jic.execution.Executor;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.ExecutionState;
import dev.jic.types.id.CanisterId;
import java.util.HashMap;
import java.util.Map;

/**
 * One query worker: its own {@link Executor} (so its own live Wasm instances) and private page
 * maps over a {@link QueryState}'s frozen memories. Used by one thread at a time (the slot is
 * taken from a pool for the duration of one query or inspect check); any number of slots run at
 * once, concurrently with batch execution, because they share nothing mutable with it.
 */
final class QuerySlot {
  /** Live instances a slot keeps (least recently used beyond are rebuilt on use). */
  static final int MAX_RUNTIMES = 64;

  final Executor executor;
  private final Map<CanisterId, ExecutionState[]> copies = new HashMap<>();

  QuerySlot(Executor executor) {
    this.executor = executor;
    executor.setMaxRuntimes(MAX_RUNTIMES);
  }

  /**
   * {@code frozen} with a private execution state this slot may run: the same object as long as
   * the frozen one is the same, so the slot's live instance stays valid; null for null.
   */
  CanisterState materialize(CanisterState frozen) {
    if (frozen == null || frozen.execution() == null) {
      return frozen;
    }
    ExecutionState f = frozen.execution();
    ExecutionState[] pair = copies.get(frozen.id());
    if (pair == null || pair[0] != f) {
      pair = new ExecutionState[] {f, QueryState.privateCopy(f)};
      copies.put(frozen.id(), pair);
      if (copies.size() > 4 * MAX_RUNTIMES) {
        copies.clear();
      }
    }
    return new CanisterState(frozen.system(), pair[1]);
  }
}
