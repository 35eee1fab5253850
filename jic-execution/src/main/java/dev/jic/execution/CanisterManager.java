package dev.jic.execution;

import dev.jic.execution.systemapi.ApiEnvironment;
import dev.jic.execution.systemapi.ApiType;
import dev.jic.execution.systemapi.SystemApi;
import dev.jic.pagemap.PageMap;
import dev.jic.pagemap.StableMemory;
import dev.jic.replicated.CallContext;
import dev.jic.replicated.CallOrigin;
import dev.jic.replicated.CanisterSettings;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.CanisterStatus;
import dev.jic.replicated.ExecutionState;
import dev.jic.replicated.Payload;
import dev.jic.replicated.RejectCode;
import dev.jic.replicated.ReplicatedState;
import dev.jic.replicated.Response;
import dev.jic.replicated.SystemState;
import dev.jic.types.hash.Sha;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.unit.Cycles;
import dev.jic.wasm.memory.GlobalsSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Canister lifecycle as functions on the state: create, install / reinstall / upgrade (atomic:
 * on any failure the canister is exactly as before, minus the execution fee), uninstall,
 * start / stop, delete. Controller checks and Candid decoding belong to the management canister
 * (built on top of this class).
 */
public final class CanisterManager {
  private final Executor executor;
  private long lastInstallInstructions;

  /**
   * Instructions the last {@link #installCode} used (start + init / pre + post upgrade); the
   * management canister uses it for deterministic time slicing. Single writer thread only.
   */
  public long lastInstallInstructions() {
    return lastInstallInstructions;
  }

  public CanisterManager(Executor executor) {
    this.executor = executor;
  }

  /**
   * Creates an empty running canister with the next id of the subnet's range, {@code settings}
   * and {@code cycles}. Returns its id.
   */
  public CanisterId createCanister(ReplicatedState state, CanisterSettings settings, Cycles cycles) {
    CanisterId id = state.metadata().nextCanisterId();
    state.setMetadata(state.metadata().allocateCanisterIndex());
    state.put(new CanisterState(new SystemState(id, settings, cycles), null));
    return id;
  }

  /**
   * Installs {@code wasm} in {@code c} with {@code mode}, running start, init / pre_upgrade and
   * post_upgrade with {@code arg} and {@code caller} as {@code msg_caller}. Returns null on
   * success, else the error (the canister is unchanged but for the fee).
   */
  public UserError installCode(CanisterState c, InstallMode mode, byte[] wasm, byte[] arg, PrincipalId caller,
      long timeNanos) {
    SystemState s = c.system();
    ExecutionState old = c.execution();
    if (mode instanceof InstallMode.Install && old != null) {
      return new UserError(ErrorCode.CANISTER_NON_EMPTY, "Canister " + c.id()
          + " cannot be installed because the canister is not empty. Try installing with mode='reinstall' instead.");
    }
    if (mode instanceof InstallMode.Upgrade && old == null) {
      return new HypervisorError.WasmModuleNotFound().toUserError(c.id());
    }
    lastInstallInstructions = 0;
    ModuleLoader.Result loaded = ModuleLoader.load(executor.engine, wasm);
    if (loaded instanceof ModuleLoader.Invalid inv) {
      return inv.error().toUserError(c.id());
    }
    ModuleLoader.Loaded l = (ModuleLoader.Loaded) loaded;
    boolean keep = false;
    if (mode instanceof InstallMode.Upgrade u) {
      if (old.hasEnhancedOrthogonalPersistence() && u.keepWasmMemory() == null) {
        return new HypervisorError.UserContractViolation("Missing upgrade option: Enhanced orthogonal persistence "
            + "requires the `wasm_memory_persistence` upgrade option.", "", "").toUserError(c.id());
      }
      keep = Boolean.TRUE.equals(u.keepWasmMemory());
      if (keep && !l.metadata().containsKey("enhanced-orthogonal-persistence")) {
        return new HypervisorError.UserContractViolation("Invalid upgrade option: The `wasm_memory_persistence: opt "
            + "Keep` upgrade option requires that the new canister module supports enhanced orthogonal persistence.",
            "", "").toUserError(c.id());
      }
    }
    long limit = executor.config.maxInstructionsPerInstall();
    Cycles prepaid = executor.costs.executionPrepayment(limit, l.wasm64());
    UserError broke = executor.prepay(c, prepaid);
    if (broke != null) {
      return broke;
    }
    long used = 0;
    HypervisorError err = null;
    CanisterRuntime oldRt = old == null ? null : executor.runtime(c);
    GlobalsSnapshot oldGlobals = oldRt == null ? null : oldRt.captureGlobals();
    Cycles balance = s.balance();
    long version = s.version();
    // 1. pre_upgrade on the old instance.
    if (mode instanceof InstallMode.Upgrade u && !u.skipPreUpgrade() && old.exports("canister_pre_upgrade")) {
      SystemApi api = api(c, ApiType.PRE_UPGRADE, caller, new byte[0], timeNanos, old.stable(), balance, limit, version);
      Executor.Run r = executor.call(oldRt, api, "canister_pre_upgrade", List.of(), limit);
      used += r.instructions();
      log(c, api, timeNanos);
      err = r.error();
      balance = api.balance();
    }
    // 2. the new instance, over fresh or kept memory.
    StableMemory stable = mode instanceof InstallMode.Upgrade ? old.stable()
        : new StableMemory(PageMap.empty(), 0, SystemApi.MAX_STABLE_PAGES);
    ExecutionState probe = null;
    Executor.Built built = null;
    long newVersion = version + 1;
    if (err == null) {
      PageMap heap = keep ? old.heap() : PageMap.empty();
      int pages = keep ? oldRt.heapPages() : 0;
      SystemApi start = api(c, ApiType.START, caller, new byte[0], timeNanos, stable, balance, limit, newVersion);
      built = executor.instantiate(l, heap, pages, keep, Executor.capPages(c), start);
      used += built.instructions();
      err = built.error();
      if (built.runtime() != null) {
        balance = start.balance();
      }
    }
    // 3. init or post_upgrade.
    String hook = mode instanceof InstallMode.Upgrade ? "canister_post_upgrade" : "canister_init";
    if (err == null && l.exports().contains(hook)) {
      SystemApi api = api(c, ApiType.INIT, caller, arg, timeNanos, stable, balance, limit - used, newVersion);
      Executor.Run r = executor.call(built.runtime(), api, hook, List.of(), Math.max(0, limit - used));
      used += r.instructions();
      log(c, api, timeNanos);
      err = r.error();
      balance = api.balance();
      if (err == null && api.globalTimer() != null) {
        probe = null;
      }
      if (err == null) {
        finishInstall(c, l, wasm, built.runtime(), stable, api.certifiedData(), api.globalTimer(), balance);
      }
    } else if (err == null) {
      finishInstall(c, l, wasm, built.runtime(), stable, null, null, balance);
    }
    if (err != null) {
      if (built != null && built.runtime() != null && built.runtime().memory != null) {
        built.runtime().memory.rollback();
      }
      if (oldRt != null) {
        Executor.rollback(oldRt, oldGlobals, old);
      } else {
        stable.rollback();
      }
    }
    executor.settle(c, prepaid, used, l.wasm64());
    lastInstallInstructions = used;
    return err == null ? null : err.toUserError(c.id());
  }

  private void finishInstall(CanisterState c, ModuleLoader.Loaded l, byte[] wasm, CanisterRuntime rt,
      StableMemory stable, byte[] certified, Long timer, Cycles balance) {
    SystemState s = c.system();
    rt.endExecution(); // tables as instantiated; stale if canister_init dropped a data segment
    if (rt.memory != null) {
      rt.memory.commit();
    }
    stable.commit();
    GlobalsSnapshot g = rt.captureGlobals();
    PageMap heap = rt.memory != null ? rt.memory.pageMap() : PageMap.empty();
    ExecutionState es = new ExecutionState(wasm, Sha.sha256(wasm), l.wasm64(), l.exports(), l.metadata(), heap,
        rt.heapPages(), stable, CanisterRuntime.low(g), CanisterRuntime.high(g));
    c.setExecution(es);
    rt.state = es;
    executor.putRuntime(c.id(), rt);
    s.setCertifiedData(certified != null ? certified : new byte[0]);
    s.setGlobalTimerNanos(timer != null ? timer : 0);
    s.setBalance(balance);
    s.bumpVersion();
  }

  private SystemApi api(CanisterState c, ApiType type, PrincipalId caller, byte[] arg, long timeNanos,
      StableMemory stable, Cycles balance, long limit, long version) {
    SystemState s = c.system();
    ApiEnvironment env = new ApiEnvironment(type, c.id(), executor.config.subnetId(), caller, arg, "", timeNanos,
        s.status(), version, s.settings().controllers(), s.settings().environmentVariables(),
        executor.config.rootKey(), null, 0, 0, false, Cycles.ZERO, Cycles.ZERO, null, limit,
        c.execution() != null && c.execution().wasm64());
    return new SystemApi(env, stable, executor.costs, balance, executor.freezingLimit(c), 0);
  }

  private static void log(CanisterState c, SystemApi api, long timeNanos) {
    for (byte[] b : api.logs()) {
      c.system().appendLog(timeNanos, b);
    }
  }

  /**
   * Uninstalls the code: drops module, heap and stable memory; rejects every open call context
   * with {@code CANISTER_REJECT} "Canister has been uninstalled." and marks it deleted; clears
   * certified data, the global timer and logs. Returns the responses to canister callers (also
   * queued in the output) and the ingress origins rejected.
   */
  public List<CallOrigin> uninstallCode(CanisterState c) {
    SystemState s = c.system();
    c.setExecution(null);
    executor.evict(c.id());
    List<CallOrigin> rejected = new ArrayList<>();
    Payload.Reject reject = new Payload.Reject(RejectCode.CANISTER_REJECT, "Canister has been uninstalled.");
    for (Map.Entry<Long, CallContext> e : new ArrayList<>(s.callContexts().contexts().entrySet())) {
      CallContext cc = e.getValue();
      if (!cc.responded()) {
        rejected.add(cc.origin());
        if (cc.origin() instanceof CallOrigin.Canister k) {
          s.outputResponses().add(new Response(k.sender(), c.id(), k.callbackId(), cc.availableCycles(), reject,
              k.deadlineNanos()));
        }
      }
      s.callContexts().update(e.getKey(), cc.markDeleted().withAvailableCycles(Cycles.ZERO));
    }
    s.setCertifiedData(new byte[0]);
    s.setGlobalTimerNanos(0);
    s.clearLog();
    s.bumpVersion();
    return rejected;
  }

  /** Starts the canister (running). */
  public void start(CanisterState c) {
    c.system().setStatus(CanisterStatus.RUNNING);
  }

  /** Stops the canister: stopped at once if no call context is open, else stopping. */
  public void stop(CanisterState c) {
    c.system().setStatus(c.system().callContexts().contexts().isEmpty() ? CanisterStatus.STOPPED
        : CanisterStatus.STOPPING);
  }

  /** Deletes a stopped canister; returns null or the error (not stopped: IC0510). */
  public UserError delete(ReplicatedState state, CanisterId id) {
    CanisterState c = state.canister(id);
    if (c == null) {
      return new UserError(ErrorCode.CANISTER_NOT_FOUND, "Canister " + id + " not found");
    }
    if (c.system().status() != CanisterStatus.STOPPED) {
      return new UserError(ErrorCode.CANISTER_NOT_STOPPED, "Canister " + id + " must be stopped before it is deleted.");
    }
    state.remove(id);
    executor.evict(id);
    return null;
  }
}
