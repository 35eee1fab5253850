package dev.jic.execution.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.execution.ExecutionResult;
import dev.jic.execution.InstallMode;
import dev.jic.execution.QueryResult;
import dev.jic.execution.UserError;
import dev.jic.execution.scheduler.SchedulerConfig;
import dev.jic.execution.systemapi.ApiType;
import dev.jic.execution.systemapi.Permissions;
import dev.jic.replicated.CallOrigin;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.IngressStatus;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.unit.Cycles;
import dev.jic.wasm.engine.ChicoryEngine;
import dev.jic.wasm.engine.EngineConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ic0} function called through Wasm from every kind of entry point (ctx.wat, generated
 * by ctx_gen.py): init, pre_upgrade, update, replicated and non-replicated query, composite query,
 * reply / reject / cleanup callbacks and their composite-query forms, inspect_message, heartbeat and
 * global timer. Where {@link Permissions} (the spec's table) allows the function, the execution must
 * not fail with a context error (it may still reply, reject, trap or violate the contract for its
 * zero arguments); where it forbids it, the execution fails with the replica's {@code IC0504}
 * "{@code "ic0_<fn>" cannot be executed in <mode> mode}". The (start) function is not covered (it
 * would need one module per function).
 */
class SystemApiContextMatrixTest {
  static final ChicoryEngine ENGINE = new ChicoryEngine(EngineConfig.defaults());
  static final byte[] CTX = Tiny.read("src/test/resources/wat/ctx.wasm");
  static final List<String> FUNCTIONS = List.of(new String(Tiny.read("src/test/resources/wat/ctx-functions.txt"),
      java.nio.charset.StandardCharsets.US_ASCII).strip().split("\n"));

  private static byte[] le(int... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int x : v) {
      b.putInt(x);
    }
    return b.array();
  }

  private static String text(IngressStatus st) {
    return st instanceof IngressStatus.Rejected r ? r.errorCode() + ": " + r.message() : null;
  }

  private static String text(QueryResult r) {
    return r.error() == null ? null : r.error().toString();
  }

  private static String text(UserError e) {
    return e == null ? null : e.toString();
  }

  private static void update(InProcessSubnet s, CanisterId id, String method, byte[] arg) {
    ExecutionResult r = s.executor().executeUpdate(s.state().canister(id), new CallOrigin.Ingress(Tiny.USER,
        RequestId.of(new byte[32])), method, arg, Cycles.ZERO, s.time());
    assertTrue(r.error().isEmpty(), () -> r.error().toString());
  }

  @Test
  void everyFunctionFromEveryContext() {
    assertEquals(74, FUNCTIONS.size(), "the spec's wasm32 ic0 import list");
    for (String f : FUNCTIONS) {
      assertTrue(Permissions.known(f), f);
    }
    try (InProcessSubnet s = InProcessSubnet.application(ENGINE, SchedulerConfig.defaults(1))) {
      CanisterId m = Tiny.install(s, CTX, Cycles.of(1_000_000_000_000_000L));
      CanisterId x = Tiny.install(s, CTX, Cycles.of(1_000_000_000_000_000L));
      List<String> failures = new ArrayList<>();
      record Ctx(ApiType type, IntFunction<String> run) {}
      List<Ctx> contexts = List.of(
          new Ctx(ApiType.INIT, k -> text(s.manager().installCode(s.state().canister(x), new InstallMode.Reinstall(),
              CTX, le(k), Tiny.USER, s.time()))),
          new Ctx(ApiType.PRE_UPGRADE, k -> {
            update(s, x, "set_k", le(k));
            return text(s.manager().installCode(s.state().canister(x), new InstallMode.Upgrade(false, null), CTX,
                new byte[0], Tiny.USER, s.time()));
          }),
          new Ctx(ApiType.UPDATE, k -> text(s.call(Tiny.USER, m, "probe_u", le(k)))),
          new Ctx(ApiType.REPLICATED_QUERY, k -> text(s.call(Tiny.USER, m, "probe_q", le(k)))),
          new Ctx(ApiType.NON_REPLICATED_QUERY, k -> text(s.query(Tiny.USER, m, "probe_q", le(k)))),
          new Ctx(ApiType.COMPOSITE_QUERY, k -> text(s.query(Tiny.USER, m, "probe_cq", le(k)))),
          new Ctx(ApiType.REPLY_CALLBACK, k -> text(s.call(Tiny.USER, m, "via_call", le(k, 0)))),
          new Ctx(ApiType.REJECT_CALLBACK, k -> text(s.call(Tiny.USER, m, "via_call", le(k, 1)))),
          new Ctx(ApiType.CLEANUP, k -> text(s.call(Tiny.USER, m, "via_call", le(k, 2)))),
          new Ctx(ApiType.COMPOSITE_REPLY_CALLBACK, k -> text(s.query(Tiny.USER, m, "via_cq", le(k, 0)))),
          new Ctx(ApiType.COMPOSITE_REJECT_CALLBACK, k -> text(s.query(Tiny.USER, m, "via_cq", le(k, 1)))),
          new Ctx(ApiType.COMPOSITE_CLEANUP, k -> text(s.query(Tiny.USER, m, "via_cq", le(k, 2)))),
          new Ctx(ApiType.INSPECT_MESSAGE, k -> text(s.executor().inspectMessage(s.state().canister(m), Tiny.USER,
              "probe_u", le(k), s.time()))),
          new Ctx(ApiType.HEARTBEAT, k -> systemTask(s, m, ApiType.HEARTBEAT, k)),
          new Ctx(ApiType.GLOBAL_TIMER, k -> systemTask(s, m, ApiType.GLOBAL_TIMER, k)));
      int allowed = 0;
      int forbidden = 0;
      for (Ctx ctx : contexts) {
        for (int k = 0; k < FUNCTIONS.size(); k++) {
          String f = FUNCTIONS.get(k);
          String out = ctx.run.apply(k);
          String contextError = "\"ic0_" + f + "\" cannot be executed in ";
          if (Permissions.allowed(f, ctx.type)) {
            allowed++;
            if (out != null && out.contains(contextError)) {
              failures.add(f + " in " + ctx.type + ": allowed but " + out);
            }
          } else {
            forbidden++;
            String expected = contextError + ctx.type + " mode";
            boolean ok = out != null && out.contains(expected) && (out.startsWith("IC0504")
                || ctx.type == ApiType.CLEANUP || ctx.type == ApiType.COMPOSITE_CLEANUP); // code of the callback
            if (!ok) {
              failures.add(f + " in " + ctx.type + ": forbidden but " + out);
            }
          }
        }
      }
      assertTrue(failures.isEmpty(), failures.size() + " mismatches:\n" + String.join("\n", failures));
      assertTrue(allowed > 400 && forbidden > 300, allowed + " allowed / " + forbidden + " forbidden");
    }
  }

  private static String systemTask(InProcessSubnet s, CanisterId id, ApiType task, int k) {
    update(s, id, "set_t", le(k));
    CanisterState c = s.state().canister(id);
    ExecutionResult r = s.executor().executeSystemTask(c, task, s.time());
    update(s, id, "set_t", le(-1));
    return r.error().map(UserError::toString).orElse(null);
  }

  /** Hand-checked facts of the spec's import table (IC-INTERFACE-DIGEST §5.3), independent of its transcription. */
  @Test
  void permissionsAgreeWithTheSpecOnSpotChecks() {
    assertFalse(Permissions.allowed("msg_reply", ApiType.INIT));
    assertFalse(Permissions.allowed("msg_reply", ApiType.CLEANUP));
    assertFalse(Permissions.allowed("msg_reply", ApiType.INSPECT_MESSAGE));
    assertTrue(Permissions.allowed("msg_reply", ApiType.REPLY_CALLBACK));
    assertTrue(Permissions.allowed("accept_message", ApiType.INSPECT_MESSAGE));
    assertFalse(Permissions.allowed("accept_message", ApiType.UPDATE));
    assertFalse(Permissions.allowed("call_cycles_add128", ApiType.COMPOSITE_QUERY));
    assertTrue(Permissions.allowed("call_new", ApiType.COMPOSITE_REPLY_CALLBACK));
    assertFalse(Permissions.allowed("call_new", ApiType.NON_REPLICATED_QUERY));
    assertTrue(Permissions.allowed("data_certificate_copy", ApiType.NON_REPLICATED_QUERY));
    assertFalse(Permissions.allowed("data_certificate_copy", ApiType.UPDATE));
    assertTrue(Permissions.allowed("msg_reject_msg_size", ApiType.COMPOSITE_REJECT_CALLBACK));
    assertFalse(Permissions.allowed("msg_reject_msg_size", ApiType.REPLY_CALLBACK));
    assertFalse(Permissions.allowed("msg_arg_data_size", ApiType.REJECT_CALLBACK));
    assertTrue(Permissions.allowed("stable64_read", ApiType.START));
    assertFalse(Permissions.allowed("time", ApiType.START));
    assertFalse(Permissions.allowed("certified_data_set", ApiType.NON_REPLICATED_QUERY));
  }
}
