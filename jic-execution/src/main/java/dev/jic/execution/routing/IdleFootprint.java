package dev.jic.execution.routing;

import dev.jic.execution.InstallMode;
import dev.jic.execution.UserError;
import dev.jic.replicated.CanisterState;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.unit.Cycles;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Measures the heap an idle canister costs: installs {@code n} copies of a module on an
 * {@link InProcessSubnet}, runs a few empty rounds, and compares the heap retained after full
 * garbage collections with the heap before. Includes everything the subnet keeps per canister
 * (system state, execution state, page maps, the bounded cache of live runtimes amortised over all
 * canisters) plus one-time costs (the compiled module), divided by {@code n}. For the scale test
 * and {@code jic bench exec}; not used by protocol code.
 */
public final class IdleFootprint {
  private IdleFootprint() {}

  /** Heap retained after installing, in total and per canister. */
  public record Measurement(long retainedBytes, long perCanisterBytes) {}

  /**
   * Installs {@code n} canisters running {@code wasm} (empty init argument, controller
   * {@code controller}) and measures. Throws {@link IllegalStateException} if an install fails.
   */
  public static Measurement measure(InProcessSubnet s, byte[] wasm, int n, PrincipalId controller) {
    long before = retainedHeap();
    for (int i = 0; i < n; i++) {
      CanisterId id = s.management().provisionalCreate(s.state(), List.of(controller), Cycles.of(
          1_000_000_000_000L), s.time());
      CanisterState c = s.state().canister(id);
      UserError e = s.manager().installCode(c, new InstallMode.Install(), wasm, new byte[0], controller, s.time());
      if (e != null) {
        throw new IllegalStateException("install " + i + " failed: " + e);
      }
    }
    for (int i = 0; i < 3; i++) {
      s.executeBatch();
    }
    long after = retainedHeap();
    long retained = Math.max(0, after - before);
    return new Measurement(retained, retained / n);
  }

  /** Used heap after repeated full collections (the JVM's view: an estimate, not an exact figure). */
  public static long retainedHeap() {
    var mem = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
