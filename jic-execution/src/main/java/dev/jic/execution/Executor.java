package dev.jic.execution;

import dev.jic.execution.systemapi.ApiEnvironment;
import dev.jic.execution.systemapi.ApiType;
import dev.jic.execution.systemapi.Ic0Linker;
import dev.jic.execution.systemapi.OutgoingCall;
import dev.jic.execution.systemapi.SystemApi;
import dev.jic.pagemap.PageMap;
import dev.jic.replicated.CallContext;
import dev.jic.replicated.CallContextManager;
import dev.jic.replicated.CallOrigin;
import dev.jic.replicated.Callback;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.ExecutionState;
import dev.jic.replicated.Payload;
import dev.jic.replicated.RejectCode;
import dev.jic.replicated.Request;
import dev.jic.replicated.Response;
import dev.jic.replicated.SystemState;
import dev.jic.replicated.WasmClosure;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.unit.Cycles;
import dev.jic.types.unit.NumInstructions;
import dev.jic.wasm.engine.CallOutcome;
import dev.jic.wasm.engine.ChicoryEngine;
import dev.jic.wasm.engine.CompiledModule;
import dev.jic.wasm.engine.Instantiation;
import dev.jic.wasm.engine.WasmEngine;
import dev.jic.wasm.memory.GlobalsSnapshot;
import dev.jic.wasm.memory.PageMapMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Executes canister messages: updates, replicated and non-replicated queries, reply/reject
 * callbacks with cleanup, system tasks (heartbeat, global timer) and inspect_message, each with
 * an instruction budget.
 *
 * <p><b>Guarantees.</b> A successful replicated execution commits heap, stable memory, globals and
 * the System API's state changes (balance, certified data, timer, outgoing calls) and bumps the
 * canister version; a failed one (trap, contract violation, out of instructions) rolls all of them
 * back, keeping only the execution fee and the log. Queries and inspect_message never persist
 * anything. Results map to reject codes and {@code IC0xxx} codes in {@link HypervisorError}.
 *
 * <p><b>Threads.</b> One canister is executed by one thread at a time; different canisters may run
 * concurrently only if callers serialise access to the runtime cache per canister (the cache map
 * itself is synchronised). Compiled modules and instances are non-replicated caches.
 */
public final class Executor {
  final WasmEngine engine;
  final ExecutionConfig config;
  final CyclesCosts costs;
  /** Live runtimes, least recently used first; at most {@link #MAX_RUNTIMES} (the rest are rebuilt on use). */
  private final Map<CanisterId, CanisterRuntime> runtimes = new java.util.LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<CanisterId, CanisterRuntime> e) {
      return size() > maxRuntimes;
    }
  };
  private volatile int maxRuntimes = MAX_RUNTIMES;
  /** Default bound on cached live runtimes. */
  public static final int MAX_RUNTIMES = 1000;

  public Executor(WasmEngine engine, ExecutionConfig config) {
    this.engine = engine;
    this.config = config;
    this.costs = new CyclesCosts(config.subnetSize());
  }

  /** The cost table in use. */
  public CyclesCosts costs() {
    return costs;
  }

  /** The configuration. */
  public ExecutionConfig config() {
    return config;
  }

  // ------------------------------------------------------------------ runtimes

  synchronized void putRuntime(CanisterId id, CanisterRuntime rt) {
    runtimes.put(id, rt);
  }

  /** Bounds the number of cached live runtimes (evicted ones are rebuilt from the state on use). */
  public synchronized void setMaxRuntimes(int n) {
    maxRuntimes = Math.max(1, n);
    while (runtimes.size() > maxRuntimes) {
      runtimes.remove(runtimes.keySet().iterator().next());
    }
  }

  /** Number of cached live runtimes. */
  public synchronized int cachedRuntimes() {
    return runtimes.size();
  }

  /** Drops the cached runtime of {@code id} (uninstall, delete, eviction). */
  public synchronized void evict(CanisterId id) {
    runtimes.remove(id);
  }

  /** The live runtime mirroring {@code c}'s execution state, rebuilt if missing or stale. */
  CanisterRuntime runtime(CanisterState c) {
    ExecutionState es = c.execution();
    CanisterRuntime rt;
    synchronized (this) {
      rt = runtimes.get(c.id());
    }
    if (rt != null && rt.state == es && !rt.stale) {
      return rt;
    }
    CompiledModule compiled;
    boolean trampoline;
    if (rt != null && rt.state == es) {
      // Stale after a committed data.drop: a fresh instance of the same module suffices.
      compiled = rt.module;
      trampoline = rt.hasTrampoline;
    } else {
      ModuleLoader.Result r = ModuleLoader.load(engine, es.wasmBinaryUnsafe());
      if (!(r instanceof ModuleLoader.Loaded l)) {
        throw new IllegalStateException("installed module of " + c.id() + " no longer loads: " + r);
      }
      compiled = l.compiled();
      trampoline = l.trampoline();
    }
    SystemApi start = startApi(c, es.wasm64());
    Built b = instantiate(compiled, es.wasm64(), trampoline, es.heap(), es.heapPages(), true, capPages(c), start);
    if (b.runtime == null) {
      throw new IllegalStateException("installed module of " + c.id() + " no longer instantiates: " + b.error);
    }
    rollback(b.runtime, null, es);
    b.runtime.restoreGlobals(es.globalsLow(), es.globalsHigh());
    b.runtime.state = es;
    putRuntime(c.id(), b.runtime);
    return b.runtime;
  }

  static int capPages(CanisterState c) {
    long limit = c.system().settings().wasmMemoryLimit();
    long pages = limit == 0 ? PageMapMemory.ENGINE_MAX_PAGES : limit >>> 16;
    return (int) Math.min(pages, PageMapMemory.ENGINE_MAX_PAGES);
  }

  SystemApi startApi(CanisterState c, boolean wasm64) {
    ApiEnvironment env = environment(c, ApiType.START, PrincipalId.MANAGEMENT_CANISTER, new byte[0], "", 0, 0, false,
        Cycles.ZERO, Cycles.ZERO, null, config.maxInstructionsPerInstall(), wasm64);
    return new SystemApi(env, c.execution() == null ? null : c.execution().stable(), costs, c.system().balance(),
        Cycles.ZERO, c.system().globalTimerNanos());
  }

  record Built(CanisterRuntime runtime, HypervisorError error, long instructions) {}

  /** Instantiates {@code l} (fresh memory, or restored over {@code heap}); runs the start function. */
  Built instantiate(ModuleLoader.Loaded l, PageMap heap, int pages, boolean restore, int capPages, SystemApi start) {
    return instantiate(l.compiled(), l.wasm64(), l.trampoline(), heap, pages, restore, capPages, start);
  }

  private Built instantiate(CompiledModule compiled, boolean wasm64, boolean trampoline, PageMap heap, int pages,
      boolean restore, int capPages, SystemApi start) {
    Ic0Linker linker = new Ic0Linker(wasm64);
    linker.bind(start);
    PageMapMemory[] mem = new PageMapMemory[1];
    Instantiation inst = engine.instantiate(compiled, linker, limits -> {
      mem[0] = restore ? PageMapMemory.restore(heap, limits, pages, Math.max(capPages, pages))
          : PageMapMemory.fresh(limits, Math.max(capPages, (int) limits.initialPages()));
      return mem[0];
    }, NumInstructions.of(config.maxInstructionsPerInstall()));
    linker.bind(null);
    return switch (inst) {
      case Instantiation.Failed f -> new Built(null, switch (f.error().category()) {
        case TRAP -> new HypervisorError.Trapped("heap out of bounds");
        default -> new HypervisorError.InvalidWasm(f.error().message());
      }, 0);
      case Instantiation.Instantiated i -> {
        HypervisorError err = outcomeError(i.start(), start, config.maxInstructionsPerInstall());
        yield new Built(new CanisterRuntime(compiled, i.instance(), mem[0], linker, trampoline), err,
            i.start().instructions().value());
      }
    };
  }

  // ------------------------------------------------------------------ the one place outcomes map to errors

  /** The error for an outcome, or null if it completed. */
  static HypervisorError outcomeError(CallOutcome o, SystemApi api, long limit) {
    return switch (o) {
      case CallOutcome.Completed c -> null;
      case CallOutcome.OutOfInstructions x -> new HypervisorError.InstructionLimitExceeded(limit);
      case CallOutcome.Trapped t -> switch (t.kind()) {
        case HOST -> api != null && api.error() != null ? api.error() : new HypervisorError.WasmEngineError(t.message());
        case UNREACHABLE -> new HypervisorError.Trapped("unreachable");
        case MEMORY_OUT_OF_BOUNDS -> new HypervisorError.Trapped("heap out of bounds");
        case TABLE_OUT_OF_BOUNDS, UNDEFINED_ELEMENT, UNINITIALIZED_ELEMENT, INDIRECT_CALL_TYPE_MISMATCH ->
            new HypervisorError.Trapped("table out of bounds");
        case INTEGER_DIVIDE_BY_ZERO -> new HypervisorError.Trapped("integer division by 0");
        case STACK_OVERFLOW -> new HypervisorError.Trapped("stack overflow");
        case INTEGER_OVERFLOW, INVALID_CONVERSION, OTHER -> new HypervisorError.Trapped("unknown");
      };
    };
  }

  // ------------------------------------------------------------------ running one piece of code

  record Run(HypervisorError error, long instructions) {}

  /** Calls {@code export} with {@code api} bound; rolls back on failure; never commits. */
  Run call(CanisterRuntime rt, SystemApi api, String export, List<Long> args, long limit) {
    rt.linker.bind(api);
    CallOutcome o;
    try {
      o = rt.instance.call(export, args, NumInstructions.of(limit));
    } finally {
      rt.linker.bind(null);
    }
    return new Run(outcomeError(o, api, limit), o.instructions().value());
  }

  /** Runs a callback closure through the trampoline. */
  Run callClosure(CanisterRuntime rt, SystemApi api, WasmClosure closure, long limit) {
    if (!rt.hasTrampoline) {
      return new Run(new HypervisorError.FunctionNotFound(0, closure.tableIndex()), 0);
    }
    Run r = call(rt, api, CallbackTrampoline.EXPORT, List.of(closure.tableIndex(), closure.env()), limit);
    if (r.error instanceof HypervisorError.Trapped t && t.trapCode().equals("table out of bounds")) {
      return new Run(new HypervisorError.FunctionNotFound(0, closure.tableIndex()), r.instructions);
    }
    return r;
  }

  /**
   * Ends an execution that changes nothing: memory (bytes, size, dropped data segments), stable
   * memory and globals (if {@code before} is given) as of the last commit, tables and element
   * segments as instantiated.
   */
  static void rollback(CanisterRuntime rt, GlobalsSnapshot before, ExecutionState es) {
    if (rt.memory != null) {
      rt.memory.rollback();
    }
    if (es != null) {
      es.stable().rollback();
    }
    if (before != null) {
      before.restoreTo(rt.instance.chicoryInstance());
    }
    rt.endExecution();
  }

  /**
   * Ends an execution that commits: keeps heap, stable memory and globals in {@code es}; tables
   * and element segments go back as instantiated; a dropped data segment makes {@code rt} stale.
   */
  static void commit(CanisterRuntime rt, ExecutionState es) {
    rt.endExecution();
    if (rt.memory != null) {
      rt.memory.commit();
    }
    es.stable().commit();
    GlobalsSnapshot g = rt.captureGlobals();
    es.commitHeap(rt.heapPages(), CanisterRuntime.low(g), CanisterRuntime.high(g));
  }

  // ------------------------------------------------------------------ environment and cycles

  ApiEnvironment environment(CanisterState c, ApiType type, PrincipalId caller, byte[] arg, String method,
      long timeNanos, long deadline, boolean responded, Cycles available, Cycles refunded, Payload.Reject reject,
      long limit, boolean wasm64) {
    SystemState s = c.system();
    return new ApiEnvironment(type, c.id(), config.subnetId(), caller, arg, method, timeNanos, s.status(), s.version(),
        s.settings().controllers(), s.settings().environmentVariables(), config.rootKey(), null, deadline, 0,
        responded, available, refunded, reject, limit, wasm64);
  }

  /** Bytes the canister occupies for storage fees: heap + stable + module. */
  static long memoryBytes(CanisterState c) {
    ExecutionState es = c.execution();
    if (es == null) {
      return 0;
    }
    return ((long) es.heapPages() << 16) + es.stable().sizeInBytes() + es.wasmBinarySize();
  }

  /** The freezing limit of {@code c} now. */
  public Cycles freezingLimit(CanisterState c) {
    return costs.freezingLimit(memoryBytes(c), c.system().settings().computeAllocation(),
        c.system().settings().freezingThreshold());
  }

  /** Debits {@code prepay} if the balance stays above the freezing limit; else the out-of-cycles error. */
  UserError prepay(CanisterState c, Cycles prepay) {
    SystemState s = c.system();
    Cycles threshold = freezingLimit(c);
    if (s.balance().compareTo(threshold.plus(prepay)) < 0) {
      Cycles missing = threshold.plus(prepay).minus(s.balance());
      return new UserError(ErrorCode.CANISTER_OUT_OF_CYCLES, "Canister " + c.id()
          + " is out of cycles: please top up the canister with at least " + missing + " additional cycles");
    }
    s.debit(prepay);
    return null;
  }

  /** Refunds the unused part of a prepayment after using {@code instructions}. */
  void settle(CanisterState c, Cycles prepaid, long instructions, boolean wasm64) {
    Cycles used = costs.executionBaseFee().plus(costs.instructions(instructions, wasm64));
    c.system().credit(prepaid.saturatingMinus(used));
  }

  // ------------------------------------------------------------------ updates

  /**
   * Executes {@code method} as an update (or, if only a query of that name exists, as a replicated
   * query) for {@code origin}, with {@code cycles} attached (already taken from the caller).
   */
  public ExecutionResult executeUpdate(CanisterState c, CallOrigin origin, String method, byte[] arg, Cycles cycles,
      long timeNanos) {
    CallContextManager mgr = c.system().callContexts();
    long ctxId = mgr.newCallContext(origin, cycles);
    ExecutionState es = c.execution();
    if (es == null) {
      return finish(c, ctxId, null, new HypervisorError.WasmModuleNotFound().toUserError(c.id()), List.of(), 0);
    }
    ApiType type;
    String export;
    if (es.exports("canister_update " + method)) {
      type = ApiType.UPDATE;
      export = "canister_update " + method;
    } else if (es.exports("canister_query " + method)) {
      type = ApiType.REPLICATED_QUERY;
      export = "canister_query " + method;
    } else if (es.exports("canister_composite_query " + method)) {
      return finish(c, ctxId, null, new UserError(ErrorCode.COMPOSITE_QUERY_CALLED_IN_REPLICATED_MODE,
          "Composite query cannot be called in replicated mode"), List.of(), 0);
    } else {
      return finish(c, ctxId, null, new HypervisorError.MethodNotFound("update", method).toUserError(c.id()),
          List.of(), 0);
    }
    long limit = config.maxInstructionsPerMessage();
    Cycles prepaid = costs.executionPrepayment(limit, es.wasm64());
    UserError broke = prepay(c, prepaid);
    if (broke != null) {
      return finish(c, ctxId, null, broke, List.of(), 0);
    }
    CanisterRuntime rt = runtime(c);
    long deadline = origin instanceof CallOrigin.Canister k ? k.deadlineNanos() : 0;
    ApiEnvironment env = environment(c, type, origin.caller(), arg, method, timeNanos, deadline, false, cycles,
        Cycles.ZERO, null, limit, es.wasm64());
    SystemApi api = new SystemApi(env, es.stable(), costs, c.system().balance(), freezingLimit(c),
        c.system().globalTimerNanos());
    return runAndFinish(c, rt, api, ctxId, export, List.of(), limit, prepaid, timeNanos, null, null);
  }

  /** Runs code for call context {@code ctxId}, applies or rolls back, answers the context. */
  private ExecutionResult runAndFinish(CanisterState c, CanisterRuntime rt, SystemApi api, long ctxId, String export,
      List<Long> args, long limit, Cycles prepaid, long timeNanos, WasmClosure closure, WasmClosure cleanup) {
    ExecutionState es = c.execution();
    GlobalsSnapshot before = rt.captureGlobals();
    Run run = closure == null ? call(rt, api, export, args, limit) : callClosure(rt, api, closure, limit);
    for (byte[] log : api.logs()) {
      c.system().appendLog(timeNanos, log);
    }
    CallContextManager mgr = c.system().callContexts();
    mgr.update(ctxId, mgr.context(ctxId).plusInstructions(run.instructions));
    if (run.error != null || api.type().discardsState()) {
      rollback(rt, before, es);
    }
    ExecutionResult result;
    if (run.error != null) {
      result = onFailure(c, rt, api, ctxId, run, timeNanos, limit, cleanup);
    } else {
      List<Request> requests = apply(c, rt, api, ctxId, timeNanos);
      result = finish(c, ctxId, api, null, requests, run.instructions);
    }
    // After apply/onFailure: they set the balance from the System API's view (which started
    // before the refund), so refunding first would be overwritten and lost.
    settle(c, prepaid, run.instructions, es.wasm64());
    return result;
  }

  private ExecutionResult onFailure(CanisterState c, CanisterRuntime rt, SystemApi api, long ctxId, Run run,
      long timeNanos, long limit, WasmClosure cleanup) {
    HypervisorError err = run.error;
    if (cleanup != null) {
      ApiEnvironment cenv = api.env().withType(ApiType.CLEANUP);
      SystemApi capi = new SystemApi(cenv, c.execution().stable(), costs, c.system().balance(), freezingLimit(c),
          c.system().globalTimerNanos());
      GlobalsSnapshot before = rt.captureGlobals();
      Run cr = callClosure(rt, capi, cleanup, limit);
      for (byte[] log : capi.logs()) {
        c.system().appendLog(timeNanos, log);
      }
      if (cr.error != null) {
        rollback(rt, before, c.execution());
        err = new HypervisorError.Cleanup(err, cr.error);
      } else {
        commit(rt, c.execution());
        if (capi.globalTimer() != null) {
          c.system().setGlobalTimerNanos(capi.globalTimer());
        }
        c.system().setBalance(capi.balance());
      }
    }
    return finish(c, ctxId, null, err.toUserError(c.id()), List.of(), run.instructions);
  }

  /** Applies a successful execution's effects to the canister; returns the requests it made. */
  private List<Request> apply(CanisterState c, CanisterRuntime rt, SystemApi api, long ctxId, long timeNanos) {
    SystemState s = c.system();
    if (!api.type().discardsState()) {
      commit(rt, c.execution());
      if (api.certifiedData() != null) {
        s.setCertifiedData(api.certifiedData());
      }
      if (api.globalTimer() != null) {
        s.setGlobalTimerNanos(api.globalTimer());
      }
      s.bumpVersion();
    }
    s.setBalance(api.balance().saturatingPlus(api.pendingCallCycles()));
    CallContextManager mgr = s.callContexts();
    CallContext cc = mgr.context(ctxId);
    mgr.update(ctxId, cc.withAvailableCycles(cc.availableCycles().saturatingMinus(api.accepted())));
    List<Request> out = new ArrayList<>();
    for (OutgoingCall call : api.calls()) {
      long deadline = call.timeoutSeconds() < 0 ? 0 : timeNanos + call.timeoutSeconds() * 1_000_000_000L;
      long cb = mgr.register(new Callback(ctxId, call.callee(), call.cycles(), call.prepaid(), call.onReply(),
          call.onReject(), Optional.ofNullable(call.onCleanup()), deadline));
      Request r = new Request(call.callee(), c.id(), call.method(), call.payload(), call.cycles(), cb, deadline);
      s.outputRequests().add(r);
      out.add(r);
    }
    return out;
  }

  /**
   * Answers call context {@code ctxId} if this execution produced an answer (reply, reject, or an
   * error with no callbacks left), closes it when answered and no callbacks remain.
   */
  private ExecutionResult finish(CanisterState c, long ctxId, SystemApi api, UserError error, List<Request> requests,
      long instructions) {
    CallContextManager mgr = c.system().callContexts();
    CallContext cc = mgr.context(ctxId);
    long outstanding = mgr.outstandingCallbacks(ctxId);
    Payload response = null;
    if (!cc.responded()) {
      if (api != null && api.reply() != null) {
        response = new Payload.Data(api.reply());
      } else if (api != null && api.rejectMessage() != null) {
        response = new Payload.Reject(RejectCode.CANISTER_REJECT, api.rejectMessage());
      } else if (error != null && outstanding == 0) {
        response = error.toReject();
      } else if (outstanding == 0 && !(cc.origin() instanceof CallOrigin.SystemTask)) {
        error = new UserError(ErrorCode.CANISTER_DID_NOT_REPLY,
            "Error from Canister " + c.id() + ": Canister did not reply to the call");
        response = error.toReject();
      }
    }
    if (response != null) {
      cc = cc.markResponded();
      mgr.update(ctxId, cc);
      if (cc.origin() instanceof CallOrigin.Canister k) {
        c.system().outputResponses().add(new Response(k.sender(), c.id(), k.callbackId(), cc.availableCycles(),
            response, k.deadlineNanos()));
        mgr.update(ctxId, cc.withAvailableCycles(Cycles.ZERO));
      }
    }
    if (outstanding == 0) {
      mgr.remove(ctxId);
    }
    return new ExecutionResult(cc.origin(), Optional.ofNullable(response), Optional.ofNullable(error), requests,
        instructions);
  }

  // ------------------------------------------------------------------ responses

  /**
   * Executes the reply or reject callback for {@code r} (the cleanup callback too if it traps).
   * Refunds the response's cycles and the unused prepayment. A response for an unknown callback
   * is ignored; for a deleted call context (uninstalled canister) it only refunds.
   */
  public ExecutionResult executeResponse(CanisterState c, Response r, long timeNanos) {
    SystemState s = c.system();
    CallContextManager mgr = s.callContexts();
    Callback cb = mgr.unregister(r.originatorCallbackId());
    if (cb == null) {
      return ExecutionResult.nothing(null);
    }
    s.credit(r.refund());
    CallContext cc = mgr.context(cb.callContextId());
    long size = r.payload() instanceof Payload.Data d ? d.size() : 0;
    Cycles prepaid = cb.prepaidForResponse().saturatingMinus(costs.responseTransmission(size));
    if (cc == null || cc.deleted() || c.execution() == null) {
      s.credit(prepaid);
      if (cc != null && mgr.outstandingCallbacks(cb.callContextId()) == 0) {
        mgr.remove(cb.callContextId());
      }
      return ExecutionResult.nothing(cc == null ? null : cc.origin());
    }
    ExecutionState es = c.execution();
    CanisterRuntime rt = runtime(c);
    boolean reply = r.payload() instanceof Payload.Data;
    ApiType type = reply ? ApiType.REPLY_CALLBACK : ApiType.REJECT_CALLBACK;
    byte[] arg = reply ? ((Payload.Data) r.payload()).bytes() : new byte[0];
    Payload.Reject reject = reply ? null : (Payload.Reject) r.payload();
    long limit = config.maxInstructionsPerMessage();
    ApiEnvironment env = new ApiEnvironment(type, c.id(), config.subnetId(), cc.origin().caller(), arg, "", timeNanos,
        s.status(), s.version(), s.settings().controllers(), s.settings().environmentVariables(), config.rootKey(),
        null, cb.deadlineNanos(), cc.instructionsExecuted(), cc.responded(), cc.availableCycles(), r.refund(), reject,
        limit, es.wasm64());
    SystemApi api = new SystemApi(env, es.stable(), costs, s.balance(), freezingLimit(c), s.globalTimerNanos());
    return runAndFinish(c, rt, api, cb.callContextId(), null, List.of(), limit, prepaid, timeNanos,
        reply ? cb.onReply() : cb.onReject(), cb.onCleanup().orElse(null));
  }

  // ------------------------------------------------------------------ system tasks

  /**
   * Runs {@code canister_heartbeat} ({@link ApiType#HEARTBEAT}) or {@code canister_global_timer}
   * ({@link ApiType#GLOBAL_TIMER}); the timer is deactivated before it runs and restored if the
   * execution fails. Does nothing if the canister does not export the method.
   */
  public ExecutionResult executeSystemTask(CanisterState c, ApiType task, long timeNanos) {
    String export = switch (task) {
      case HEARTBEAT -> "canister_heartbeat";
      case GLOBAL_TIMER -> "canister_global_timer";
      case ON_LOW_WASM_MEMORY -> "canister_on_low_wasm_memory";
      default -> throw new IllegalArgumentException("not a system task: " + task);
    };
    ExecutionState es = c.execution();
    CallOrigin origin = new CallOrigin.SystemTask();
    if (es == null || !es.exports(export)) {
      return ExecutionResult.nothing(origin);
    }
    SystemState s = c.system();
    long timer = s.globalTimerNanos();
    if (task == ApiType.GLOBAL_TIMER) {
      s.setGlobalTimerNanos(0);
    }
    long limit = config.maxInstructionsPerMessage();
    Cycles prepaid = costs.executionPrepayment(limit, es.wasm64());
    UserError broke = prepay(c, prepaid);
    if (broke != null) {
      s.setGlobalTimerNanos(timer);
      return new ExecutionResult(origin, Optional.empty(), Optional.of(broke), List.of(), 0);
    }
    long ctxId = s.callContexts().newCallContext(origin, Cycles.ZERO);
    CanisterRuntime rt = runtime(c);
    ApiEnvironment env = environment(c, task, PrincipalId.MANAGEMENT_CANISTER, new byte[0], "", timeNanos, 0, false,
        Cycles.ZERO, Cycles.ZERO, null, limit, es.wasm64());
    SystemApi api = new SystemApi(env, es.stable(), costs, s.balance(), freezingLimit(c), s.globalTimerNanos());
    ExecutionResult r = runAndFinish(c, rt, api, ctxId, export, List.of(), limit, prepaid, timeNanos, null, null);
    if (r.error().isPresent() && task == ApiType.GLOBAL_TIMER && s.globalTimerNanos() == 0) {
      s.setGlobalTimerNanos(timer);
    }
    return r;
  }

  // ------------------------------------------------------------------ non-replicated

  /**
   * Runs a query ({@code canister_query} or {@code canister_composite_query}) of {@code c}
   * non-replicated on its current state and discards every change (heap, stable memory, globals,
   * cycles). A composite query's calls can reach only {@code c} itself (other canisters answer
   * "not found"); use {@link #executeQuery(Function, ManagementQueries, CanisterId, PrincipalId,
   * String, byte[], long, byte[])} to let them reach the subnet.
   *
   * @param dataCertificate the certificate {@code ic0.data_certificate_*} returns, or null
   */
  public QueryResult executeQuery(CanisterState c, PrincipalId caller, String method, byte[] arg, long timeNanos,
      byte[] dataCertificate) {
    return executeQuery(id -> id.equals(c.id()) ? c : null, ManagementQueries.NONE, c.id(), caller, method, arg,
        timeNanos, dataCertificate);
  }

  /**
   * Runs a user query to {@code target} non-replicated with every query call it makes to canisters
   * of {@code canisters} (composite queries; limits and semantics in {@link CompositeQuery}) and
   * to the management canister's {@code management} queries. Nothing of any canister changes.
   *
   * @param canisters the subnet's canisters by id (null: no such canister); not modified
   * @param dataCertificate the certificate {@code ic0.data_certificate_*} returns in {@code target}'s
   *     own query executions, or null
   * @return the reply, or a reject with its {@link UserError} ({@code IC0301} unknown canister,
   *     {@code IC0536} no such query, {@code IC0506} no response, {@code IC0525} call graph too
   *     deep, {@code IC0526} call graph instruction limit, execution errors)
   */
  public QueryResult executeQuery(Function<CanisterId, CanisterState> canisters, ManagementQueries management,
      CanisterId target, PrincipalId caller, String method, byte[] arg, long timeNanos, byte[] dataCertificate) {
    // The whole call graph on one engine thread: one hand-off instead of one per execution.
    return ChicoryEngine.onEngineThread(() -> new CompositeQuery(this, canisters, management, timeNanos, target,
        dataCertificate).run(caller, method, arg));
  }

  /**
   * Runs {@code canister_inspect_message} for an ingress call of {@code method}: null if the
   * message is accepted (also when the canister does not export the hook), else why not.
   */
  public UserError inspectMessage(CanisterState c, PrincipalId caller, String method, byte[] arg, long timeNanos) {
    ExecutionState es = c.execution();
    if (es == null) {
      return new HypervisorError.WasmModuleNotFound().toUserError(c.id());
    }
    if (!es.exports("canister_inspect_message")) {
      return null;
    }
    long limit = config.maxInstructionsInspect();
    ApiEnvironment env = environment(c, ApiType.INSPECT_MESSAGE, caller, arg, method, timeNanos, 0, false, Cycles.ZERO,
        Cycles.ZERO, null, limit, es.wasm64());
    SystemState s = c.system();
    SystemApi api = new SystemApi(env, es.stable(), costs, s.balance(), freezingLimit(c), s.globalTimerNanos());
    CanisterRuntime rt = runtime(c);
    GlobalsSnapshot before = rt.captureGlobals();
    Run run = call(rt, api, "canister_inspect_message", List.of(), limit);
    rollback(rt, before, es);
    if (run.error != null) {
      return run.error.toUserError(c.id());
    }
    if (!api.messageAccepted()) {
      return new UserError(ErrorCode.CANISTER_REJECTED_MESSAGE,
          "Error from Canister " + c.id() + ": Canister rejected the message");
    }
    return null;
  }
}
