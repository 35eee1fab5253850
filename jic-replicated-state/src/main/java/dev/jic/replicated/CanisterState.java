package dev.jic.replicated;

import dev.jic.types.id.CanisterId;
import java.util.Objects;

/**
 * One canister: its system state and, when code is installed, its execution state. Mutable (the
 * execution state is replaced on install, reinstall, upgrade and uninstall); one writer at a time.
 */
public final class CanisterState {
  private final SystemState system;
  private ExecutionState execution;

  public CanisterState(SystemState system, ExecutionState execution) {
    this.system = Objects.requireNonNull(system);
    this.execution = execution;
  }

  public CanisterId id() {
    return system.id();
  }

  public SystemState system() {
    return system;
  }

  /** The execution state, or null for an empty canister (no module). */
  public ExecutionState execution() {
    return execution;
  }

  /** Replaces the execution state (null: uninstalled). */
  public void setExecution(ExecutionState e) {
    execution = e;
  }

  /** Whether a module is installed. */
  public boolean hasCode() {
    return execution != null;
  }
}
