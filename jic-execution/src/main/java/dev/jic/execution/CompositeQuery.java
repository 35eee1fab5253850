package dev.jic.execution;

import dev.jic.execution.systemapi.ApiEnvironment;
import dev.jic.execution.systemapi.ApiType;
import dev.jic.execution.systemapi.OutgoingCall;
import dev.jic.execution.systemapi.SystemApi;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.CanisterStatus;
import dev.jic.replicated.ExecutionState;
import dev.jic.replicated.Payload;
import dev.jic.replicated.RejectCode;
import dev.jic.replicated.SystemState;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.unit.Cycles;
import dev.jic.wasm.memory.GlobalsSnapshot;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One user query with the query calls it makes (composite queries), evaluated non-replicated on
 * a fixed state as the replica's query handler does ({@code query_context.rs},
 * {@code query_call_graph.rs} in dfinity/ic): a depth-first walk of the call graph whose nodes are
 * query call contexts and whose edges are the calls they make, executed one at a time in order.
 * A node that answers ends its sub-graph; a node whose calls are all answered without it replying
 * answers "did not produce a response" ({@code IC0506}).
 *
 * <p><b>Limits</b> (the replica's defaults): call-graph depth {@value #MAX_DEPTH} (a deeper node
 * that makes calls ends the whole query with {@code IC0525}); {@value #MAX_GRAPH_INSTRUCTIONS}
 * instructions in all executions together plus {@value #OVERHEAD_PER_CALL} per query call
 * ({@code IC0526} once spent; each execution's limit is the smaller of the per-query limit and
 * what is left). Re-entrant calls are allowed (the current replica no longer emits
 * {@code IC0517}); they see the replicated state, not the caller's pending changes.
 *
 * <p><b>State.</b> Nothing is ever committed: each execution's changes are kept as a
 * {@link QueryDelta} for the callbacks of the same call context, and the live runtime is rolled
 * back after every execution. No cycles move. Wall-clock limits are not applied (determinism).
 * Not thread-safe; one query at a time per executor's canister runtimes.
 */
final class CompositeQuery {
  /** Most nested query calls ({@code MAX_QUERY_CALL_DEPTH} in dfinity/ic). */
  static final int MAX_DEPTH = 6;
  /** Instructions for the whole call graph ({@code MAX_INSTRUCTIONS_PER_COMPOSITE_QUERY_CALL}). */
  static final long MAX_GRAPH_INSTRUCTIONS = 5_000_000_000L;
  /** Instructions charged per query call ({@code INSTRUCTION_OVERHEAD_PER_QUERY_CALL}). */
  static final long OVERHEAD_PER_CALL = 50_000_000L;

  private final Executor ex;
  private final Function<CanisterId, CanisterState> canisters;
  private final ManagementQueries management;
  private final long timeNanos;
  private final CanisterId root;
  private final byte[] certificate;
  private long budget = MAX_GRAPH_INSTRUCTIONS;
  private long executed;

  /** A query call context that made calls and waits for their responses. */
  private static final class Node {
    final CanisterState canister;
    final PrincipalId caller;
    /** The caller's callback this context answers; -1 for the user. */
    final long originCallback;
    final Map<Long, OutgoingCall> callbacks = new TreeMap<>();
    final ArrayDeque<Long> unsent = new ArrayDeque<>();
    long nextCallback = 1;
    long instructions;
    QueryDelta delta;

    Node(CanisterState canister, PrincipalId caller, long originCallback) {
      this.canister = canister;
      this.caller = caller;
      this.originCallback = originCallback;
    }
  }

  /** The answer of a call context to its caller's callback (error set if it failed). */
  private record Answer(long callback, Payload payload, UserError error) {
    static Answer of(long callback, UserError e) {
      return new Answer(callback, e.toReject(), e);
    }
  }

  CompositeQuery(Executor ex, Function<CanisterId, CanisterState> canisters, ManagementQueries management,
      long timeNanos, CanisterId root, byte[] certificate) {
    this.ex = ex;
    this.canisters = canisters;
    this.management = management;
    this.timeNanos = timeNanos;
    this.root = root;
    this.certificate = certificate;
  }

  /** Runs {@code method} of the root canister for {@code caller} and every query call it makes. */
  QueryResult run(PrincipalId caller, String method, byte[] arg) {
    CanisterState c = canisters.apply(root);
    if (c == null) {
      return result(Answer.of(-1, new UserError(ErrorCode.CANISTER_NOT_FOUND, "Canister " + root + " not found")));
    }
    Object step = execute(c, caller, -1, method, arg, true);
    ArrayDeque<Node> stack = new ArrayDeque<>();
    Answer callee = null;
    if (step instanceof Answer a) {
      return result(a);
    }
    stack.push((Node) step);
    while (!stack.isEmpty()) {
      Node n = stack.pop();
      if (stack.size() >= MAX_DEPTH) {
        return result(Answer.of(-1, new UserError(ErrorCode.QUERY_CALL_GRAPH_TOO_DEEP,
            "Composite query calls exceeded the maximum call depth.")));
      }
      if (budget <= 0) {
        return result(Answer.of(-1, new UserError(ErrorCode.QUERY_CALL_GRAPH_TOTAL_INSTRUCTION_LIMIT_EXCEEDED,
            "Composite query calls exceeded the instruction limit.")));
      }
      if (callee != null) {
        step = respond(n, callee);
        callee = null;
      } else if (!n.unsent.isEmpty()) {
        long cb = n.unsent.poll();
        stack.push(n);
        step = request(n, cb, n.callbacks.get(cb));
      } else {
        step = Answer.of(n.originCallback, didNotRespond(n.canister.id()));
      }
      if (step instanceof Node m) {
        stack.push(m);
      } else {
        callee = (Answer) step;
      }
    }
    return result(callee);
  }

  private QueryResult result(Answer a) {
    return new QueryResult(a.payload, a.error, executed);
  }

  private static UserError didNotRespond(CanisterId id) {
    return new UserError(ErrorCode.CANISTER_DID_NOT_REPLY, "Canister " + id + " did not produce a response");
  }

  /** Sends call {@code cb} of {@code n}: executes the callee (or the management query). */
  private Object request(Node n, long cb, OutgoingCall call) {
    PrincipalId sender = n.canister.id().principal();
    if (call.callee().equals(CanisterId.MANAGEMENT)) {
      QueryResult r = management.query(sender, call.method(), call.payload());
      if (r.error() == null || r.error().code() != ErrorCode.CANISTER_METHOD_NOT_FOUND) {
        charge(OVERHEAD_PER_CALL + r.instructions());
      }
      return new Answer(cb, r.payload(), r.error());
    }
    CanisterState c = canisters.apply(call.callee());
    if (c == null) {
      return Answer.of(cb, new UserError(ErrorCode.CANISTER_NOT_FOUND, "Canister " + call.callee() + " not found"));
    }
    Object out = execute(c, sender, cb, call.method(), call.payload(), false);
    charge(OVERHEAD_PER_CALL);
    return out;
  }

  private void charge(long instructions) {
    budget -= instructions;
  }

  private long limit() {
    return Math.max(0, Math.min(ex.config.maxInstructionsPerQuery(), budget));
  }

  private ApiEnvironment env(CanisterState c, ApiType type, PrincipalId caller, byte[] arg, String method,
      byte[] cert, long contextInstructions, Payload.Reject reject, long limit) {
    SystemState s = c.system();
    return new ApiEnvironment(type, c.id(), ex.config.subnetId(), caller, arg, method, timeNanos, s.status(),
        s.version(), s.settings().controllers(), s.settings().environmentVariables(), ex.config.rootKey(), cert, 0,
        contextInstructions, false, Cycles.ZERO, Cycles.ZERO, reject, limit, c.execution().wasm64());
  }

  private SystemApi api(CanisterState c, ApiEnvironment env) {
    SystemState s = c.system();
    return new SystemApi(env, c.execution().stable(), ex.costs, s.balance(), ex.freezingLimit(c),
        s.globalTimerNanos());
  }

  /** Executes {@code method} of {@code c} in a new call context answering {@code originCallback}. */
  private Object execute(CanisterState c, PrincipalId caller, long originCallback, String method, byte[] arg,
      boolean isRoot) {
    if (c.system().status() == CanisterStatus.STOPPED) {
      return Answer.of(originCallback, new UserError(ErrorCode.CANISTER_STOPPED,
          "Canister " + c.id() + " is stopped and therefore does not have a CallContextManager"));
    }
    ExecutionState es = c.execution();
    if (es == null) {
      return Answer.of(originCallback, new HypervisorError.WasmModuleNotFound().toUserError(c.id()));
    }
    ApiType type;
    String export;
    if (es.exports("canister_composite_query " + method)) {
      type = ApiType.COMPOSITE_QUERY;
      export = "canister_composite_query " + method;
    } else if (es.exports("canister_query " + method)) {
      type = ApiType.NON_REPLICATED_QUERY;
      export = "canister_query " + method;
    } else {
      return Answer.of(originCallback, new HypervisorError.MethodNotFound("query", method).toUserError(c.id()));
    }
    if (c.system().balance().compareTo(ex.freezingLimit(c)) < 0) {
      return Answer.of(originCallback, new UserError(ErrorCode.CANISTER_OUT_OF_CYCLES, "Canister " + c.id()
          + " is unable to process query calls because it's frozen. Please top up the canister with cycles and try "
          + "again."));
    }
    long limit = limit();
    byte[] cert = c.id().equals(root) ? certificate : null;
    SystemApi api = api(c, env(c, type, caller, arg, method, cert, 0, null, limit));
    CanisterRuntime rt = ex.runtime(c);
    GlobalsSnapshot base = rt.captureGlobals();
    Executor.Run run = ex.call(rt, api, export, List.of(), limit);
    account(run);
    Node n = new Node(c, caller, originCallback);
    n.instructions = run.instructions();
    return conclude(n, rt, base, api, run.error());
  }

  /** Executes the reply or reject callback of {@code n} for {@code a} (and its cleanup if it fails). */
  private Object respond(Node n, Answer a) {
    OutgoingCall call = n.callbacks.remove(a.callback);
    CanisterState c = n.canister;
    ExecutionState es = c.execution();
    boolean reply = a.payload instanceof Payload.Data;
    Payload.Reject reject = reply ? null : (Payload.Reject) a.payload;
    byte[] arg = reply ? ((Payload.Data) a.payload).bytes() : new byte[0];
    long limit = limit();
    ApiEnvironment env = env(c, reply ? ApiType.COMPOSITE_REPLY_CALLBACK : ApiType.COMPOSITE_REJECT_CALLBACK,
        n.caller, arg, "", null, n.instructions, reject, limit);
    SystemApi api = api(c, env);
    CanisterRuntime rt = ex.runtime(c);
    GlobalsSnapshot base = rt.captureGlobals();
    restore(n, rt, es);
    Executor.Run run = ex.callClosure(rt, api, reply ? call.onReply() : call.onReject(), limit);
    account(run);
    n.instructions += run.instructions();
    HypervisorError err = run.error();
    if (err != null && call.onCleanup() != null) {
      Executor.rollback(rt, base, es);
      restore(n, rt, es);
      SystemApi capi = api(c, env.withType(ApiType.COMPOSITE_CLEANUP));
      Executor.Run cr = ex.callClosure(rt, capi, call.onCleanup(), limit());
      account(cr);
      n.instructions += cr.instructions();
      if (cr.error() != null) {
        err = new HypervisorError.Cleanup(err, cr.error());
      } else {
        n.delta = QueryDelta.capture(rt, es);
      }
    }
    return conclude(n, rt, base, api, err);
  }

  private void restore(Node n, CanisterRuntime rt, ExecutionState es) {
    if (n.delta != null) {
      n.delta.applyTo(rt, es);
    }
  }

  private void account(Executor.Run run) {
    budget -= run.instructions();
    executed += run.instructions();
  }

  /**
   * After an execution for {@code n}: its answer if it replied, rejected, or has nothing left to
   * wait for; else {@code n} itself with its new calls queued and its changes saved. The runtime
   * is rolled back in every case.
   */
  private Object conclude(Node n, CanisterRuntime rt, GlobalsSnapshot base, SystemApi api, HypervisorError err) {
    ExecutionState es = n.canister.execution();
    try {
      if (err == null) {
        if (api.reply() != null) {
          return new Answer(n.originCallback, new Payload.Data(api.reply()), null);
        }
        if (api.rejectMessage() != null) {
          return new Answer(n.originCallback, new Payload.Reject(RejectCode.CANISTER_REJECT, api.rejectMessage()),
              null);
        }
        for (OutgoingCall call : api.calls()) {
          long cb = n.nextCallback++;
          n.callbacks.put(cb, call);
          n.unsent.add(cb);
        }
      }
      if (n.callbacks.isEmpty()) {
        return Answer.of(n.originCallback, err != null ? err.toUserError(n.canister.id())
            : didNotRespond(n.canister.id()));
      }
      if (err == null) {
        n.delta = QueryDelta.capture(rt, es);
      }
      return n;
    } finally {
      Executor.rollback(rt, base, es);
    }
  }
}
