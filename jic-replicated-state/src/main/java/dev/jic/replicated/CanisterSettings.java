package dev.jic.replicated;

import dev.jic.types.id.PrincipalId;
import dev.jic.types.unit.Cycles;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A canister's settings ({@code definite_canister_settings} of the management canister). Immutable;
 * change with the {@code with...} methods.
 *
 * @param controllers at most 10, in the order given (duplicates removed by the caller)
 * @param computeAllocation percent, 0..100
 * @param memoryAllocation bytes (unsigned), 0 = best effort
 * @param freezingThreshold seconds (unsigned)
 * @param reservedCyclesLimit upper bound of the reserved balance
 * @param wasmMemoryLimit bytes, 0 = no limit
 * @param wasmMemoryThreshold bytes, for {@code canister_on_low_wasm_memory}
 * @param logVisibility who may fetch logs
 * @param environmentVariables name to value, sorted by name (ic0.env_var_* index order)
 * @param minimumIncomingCallCycles {@code minimum_incoming_canister_call_cycles} (spec 0.64), default 0
 * @param snapshotVisibility who may list the canister's snapshots (same variant as log visibility)
 * @param statusVisibility who may call {@code canister_status} (same variant as log visibility)
 */
public record CanisterSettings(List<PrincipalId> controllers, int computeAllocation, long memoryAllocation,
    long freezingThreshold, Cycles reservedCyclesLimit, long wasmMemoryLimit, long wasmMemoryThreshold,
    LogVisibility logVisibility, SortedMap<String, String> environmentVariables, Cycles minimumIncomingCallCycles,
    LogVisibility snapshotVisibility, LogVisibility statusVisibility) {

  /** The default freezing threshold: 30 days in seconds (interface spec). */
  public static final long DEFAULT_FREEZING_THRESHOLD = 2_592_000L;
  /** The default reserved cycles limit: 5 T (interface spec). */
  public static final Cycles DEFAULT_RESERVED_CYCLES_LIMIT = Cycles.of(5_000_000_000_000L);
  /** The default Wasm memory limit: 3 GiB (replica default for new canisters). */
  public static final long DEFAULT_WASM_MEMORY_LIMIT = 3L << 30;

  public CanisterSettings {
    controllers = List.copyOf(controllers);
    if (controllers.size() > 10) {
      throw new IllegalArgumentException("at most 10 controllers");
    }
    if (computeAllocation < 0 || computeAllocation > 100) {
      throw new IllegalArgumentException("compute allocation outside 0..100: " + computeAllocation);
    }
    environmentVariables = Collections.unmodifiableSortedMap(new TreeMap<>(environmentVariables));
    java.util.Objects.requireNonNull(minimumIncomingCallCycles);
    java.util.Objects.requireNonNull(snapshotVisibility);
    java.util.Objects.requireNonNull(statusVisibility);
  }

  /**
   * Settings without the 0.64/0.65 fields: minimum incoming call cycles 0, snapshot and status
   * visible to controllers only (their defaults).
   */
  public CanisterSettings(List<PrincipalId> controllers, int computeAllocation, long memoryAllocation,
      long freezingThreshold, Cycles reservedCyclesLimit, long wasmMemoryLimit, long wasmMemoryThreshold,
      LogVisibility logVisibility, SortedMap<String, String> environmentVariables) {
    this(controllers, computeAllocation, memoryAllocation, freezingThreshold, reservedCyclesLimit, wasmMemoryLimit,
        wasmMemoryThreshold, logVisibility, environmentVariables, Cycles.ZERO, new LogVisibility.Controllers(),
        new LogVisibility.Controllers());
  }

  /** The settings of a new canister controlled by {@code controllers}, everything else default. */
  public static CanisterSettings defaults(List<PrincipalId> controllers) {
    return new CanisterSettings(controllers, 0, 0, DEFAULT_FREEZING_THRESHOLD, DEFAULT_RESERVED_CYCLES_LIMIT,
        DEFAULT_WASM_MEMORY_LIMIT, 0, new LogVisibility.Controllers(), new TreeMap<>());
  }

  /** These settings with other controllers. */
  public CanisterSettings withControllers(List<PrincipalId> c) {
    return new CanisterSettings(c, computeAllocation, memoryAllocation, freezingThreshold, reservedCyclesLimit,
        wasmMemoryLimit, wasmMemoryThreshold, logVisibility, environmentVariables,
        minimumIncomingCallCycles, snapshotVisibility, statusVisibility);
  }

  /** These settings with another freezing threshold (seconds). */
  public CanisterSettings withFreezingThreshold(long seconds) {
    return new CanisterSettings(controllers, computeAllocation, memoryAllocation, seconds, reservedCyclesLimit,
        wasmMemoryLimit, wasmMemoryThreshold, logVisibility, environmentVariables,
        minimumIncomingCallCycles, snapshotVisibility, statusVisibility);
  }

  /** These settings with another Wasm memory limit (bytes, 0 = none). */
  public CanisterSettings withWasmMemoryLimit(long bytes) {
    return new CanisterSettings(controllers, computeAllocation, memoryAllocation, freezingThreshold,
        reservedCyclesLimit, bytes, wasmMemoryThreshold, logVisibility, environmentVariables,
        minimumIncomingCallCycles, snapshotVisibility, statusVisibility);
  }

  /** These settings with other environment variables. */
  public CanisterSettings withEnvironmentVariables(SortedMap<String, String> vars) {
    return new CanisterSettings(controllers, computeAllocation, memoryAllocation, freezingThreshold,
        reservedCyclesLimit, wasmMemoryLimit, wasmMemoryThreshold, logVisibility, vars,
        minimumIncomingCallCycles, snapshotVisibility, statusVisibility);
  }

  /** Whether {@code v} (a log, snapshot or status visibility of these settings) lets {@code p} see. */
  public boolean visibleTo(LogVisibility v, PrincipalId p) {
    return isController(p) || switch (v) {
      case LogVisibility.Controllers c -> false;
      case LogVisibility.Public x -> true;
      case LogVisibility.AllowedViewers a -> a.viewers().contains(p);
    };
  }

  /** Whether {@code p} is a controller. */
  public boolean isController(PrincipalId p) {
    return controllers.contains(p);
  }
}
