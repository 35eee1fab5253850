package dev.jic.execution.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.execution.ErrorCode;
import dev.jic.execution.QueryResult;
import dev.jic.execution.scheduler.SchedulerConfig;
import dev.jic.replicated.IngressStatus;
import dev.jic.replicated.Payload;
import dev.jic.replicated.RejectCode;
import dev.jic.types.id.CanisterId;
import dev.jic.types.unit.Cycles;
import dev.jic.wasm.engine.ChicoryEngine;
import dev.jic.wasm.engine.EngineConfig;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Composite queries (cq.wat) calling other canisters' queries non-replicated: replies through the
 * reply callback with the call context's pending changes kept, re-entrant calls seeing the
 * replicated state, the call-graph depth limit (IC0525) and instruction limit (IC0526), rejects
 * for unknown canisters / update methods / management methods, trapping callbacks with cleanup,
 * composite queries called in replicated mode (IC0527), and that nothing persists.
 * Expected texts: dfinity/ic query_call_graph.rs / query_context.rs / replicated state
 * {@code get_active_canister}.
 */
class CompositeQueryTest {
  static final ChicoryEngine ENGINE = new ChicoryEngine(EngineConfig.defaults());
  static final byte[] CQ = Tiny.read("src/test/resources/wat/cq.wasm");

  private static InProcessSubnet subnet() {
    return InProcessSubnet.application(ENGINE, SchedulerConfig.defaults(1));
  }

  private static byte[] i32(int v) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
  }

  private static int le(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
  }

  private static byte[] data(QueryResult r) {
    assertNull(r.error(), () -> String.valueOf(r.error()));
    return assertInstanceOf(Payload.Data.class, r.payload()).bytes();
  }

  private static byte[] relayArg(String method, CanisterId callee) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] m = method.getBytes(StandardCharsets.UTF_8);
    out.write(m.length);
    out.writeBytes(m);
    out.writeBytes(callee.principal().toBytes());
    return out.toByteArray();
  }

  @Test
  void chainOfSelfCallsUpToTheDepthLimit() {
    try (InProcessSubnet s = subnet()) {
      CanisterId a = Tiny.install(s, CQ, Cycles.of(100_000_000_000_000L));
      assertEquals(0, le(data(s.query(Tiny.USER, a, "chain", i32(0)))));
      assertEquals(3, le(data(s.query(Tiny.USER, a, "chain", i32(3)))),
          "each callback saw its own context's heap and global changes; nested calls saw none");
      // Depth 6 = the deepest node (stack of 6 below it) replies without calling: allowed.
      assertEquals(6, le(data(s.query(Tiny.USER, a, "chain", i32(6)))));
      QueryResult tooDeep = s.query(Tiny.USER, a, "chain", i32(7));
      assertNotNull(tooDeep.error());
      assertEquals(ErrorCode.QUERY_CALL_GRAPH_TOO_DEEP, tooDeep.error().code());
      assertEquals("IC0525", tooDeep.error().code().text());
      assertEquals("Composite query calls exceeded the maximum call depth.", tooDeep.error().description());
      assertEquals(RejectCode.CANISTER_ERROR, ((Payload.Reject) tooDeep.payload()).code());
    }
  }

  @Test
  void manyCallsShareOneInstructionBudget() {
    try (InProcessSubnet s = subnet()) {
      CanisterId a = Tiny.install(s, CQ, Cycles.of(100_000_000_000_000L));
      assertEquals(20, le(data(s.query(Tiny.USER, a, "wide", i32(20)))),
          "20 callbacks of one context accumulate their pending counter");
      assertEquals(99, le(data(s.query(Tiny.USER, a, "wide", i32(99)))));
      // 5e9 / 50e6 overhead per call = 100 calls: the 101st node visit finds the budget spent.
      QueryResult spent = s.query(Tiny.USER, a, "wide", i32(150));
      assertNotNull(spent.error());
      assertEquals("IC0526", spent.error().code().text());
      assertEquals("Composite query calls exceeded the instruction limit.", spent.error().description());
      QueryResult none = s.query(Tiny.USER, a, "wide", i32(0));
      assertEquals("IC0506", none.error().code().text());
      assertEquals("Canister " + a + " did not produce a response", none.error().description());
    }
  }

  @Test
  void callsToOtherCanistersAndTheirRejects() {
    try (InProcessSubnet s = subnet()) {
      CanisterId a = Tiny.install(s, CQ, Cycles.of(100_000_000_000_000L));
      CanisterId b = Tiny.install(s, CQ, Cycles.of(100_000_000_000_000L));
      CanisterId t = Tiny.install(s);
      assertArrayEquals("leaf".getBytes(StandardCharsets.US_ASCII), data(s.query(Tiny.USER, a, "relay",
          relayArg("leaf", b))));
      // b.chain with an empty argument fails (4-byte arg_data_copy out of range): its error comes
      // back to a's reject callback as a reject (code 5 and the error's full text).
      byte[] failed = data(s.query(Tiny.USER, a, "relay", relayArg("chain", b)));
      assertEquals(RejectCode.CANISTER_ERROR.code(), le(failed));
      assertTrue(new String(failed, 4, failed.length - 4, StandardCharsets.UTF_8).startsWith("Error from Canister "
          + b + ": Canister violated contract: ic0.msg_arg_data_copy"), new String(failed, StandardCharsets.UTF_8));
      // A counter canister's query (tiny.wat get) answers through the same path.
      assertEquals(0, le(data(s.query(Tiny.USER, a, "relay", relayArg("get", t)))));

      byte[] noUpdate = data(s.query(Tiny.USER, a, "relay", relayArg("ping", t)));
      assertEquals(RejectCode.CANISTER_ERROR.code(), le(noUpdate));
      assertEquals("Error from Canister " + t + ": Canister has no query method 'ping'..\nCheck that the method being "
          + "called is exported by the target canister. See documentation: "
          + "https://internetcomputer.org/docs/current/references/execution-errors#method-not-found",
          new String(noUpdate, 4, noUpdate.length - 4, StandardCharsets.UTF_8));

      CanisterId ghost = CanisterId.fromU64(4242);
      byte[] missing = data(s.query(Tiny.USER, a, "relay", relayArg("leaf", ghost)));
      assertEquals(RejectCode.DESTINATION_INVALID.code(), le(missing));
      assertEquals("Canister " + ghost + " not found", new String(missing, 4, missing.length - 4,
          StandardCharsets.UTF_8));

      byte[] mgmt = data(s.query(Tiny.USER, a, "relay", relayArg("raw_rand", CanisterId.MANAGEMENT)));
      assertEquals(RejectCode.CANISTER_ERROR.code(), le(mgmt), "raw_rand is not a management query");
    }
  }

  @Test
  void trappingCallbackAndCleanupFailTheQuery() {
    try (InProcessSubnet s = subnet()) {
      CanisterId a = Tiny.install(s, CQ, Cycles.of(100_000_000_000_000L));
      QueryResult r = s.query(Tiny.USER, a, "trap_cb", new byte[0]);
      assertNotNull(r.error());
      assertEquals(ErrorCode.CANISTER_TRAPPED, r.error().code(), r.error().description());
      assertTrue(r.error().description().startsWith("Error from Canister " + a + ": Canister trapped: unreachable"
          + "\n\ncall_on_cleanup also failed:\n\nCanister called `ic0.trap` with message: 'cleanup'"),
          r.error().description());

      QueryResult wrong = s.query(Tiny.USER, a, "query_calls", new byte[0]);
      assertEquals("IC0504", wrong.error().code().text());
      assertTrue(wrong.error().description().contains("\"ic0_call_new\" cannot be executed in non replicated query "
          + "mode"), wrong.error().description());
    }
  }

  @Test
  void compositeQueriesCannotRunReplicatedAndChangeNothing() {
    try (InProcessSubnet s = subnet()) {
      CanisterId a = Tiny.install(s, CQ, Cycles.of(100_000_000_000_000L));
      byte[] before = s.digest();
      data(s.query(Tiny.USER, a, "chain", i32(4)));
      data(s.query(Tiny.USER, a, "wide", i32(5)));
      assertArrayEquals(before, s.digest(), "queries leave the replicated state untouched");
      assertEquals(0, le(data(s.query(Tiny.USER, a, "chain", i32(0)))), "no pending change leaked into the heap");

      IngressStatus.Rejected r = assertInstanceOf(IngressStatus.Rejected.class, s.call(Tiny.USER, a, "chain",
          i32(1)));
      assertEquals("IC0527", r.errorCode());
      assertEquals("Composite query cannot be called in replicated mode", r.message());
    }
  }
}
