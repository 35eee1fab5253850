package dev.jic.execution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.execution.systemapi.ApiType;
import dev.jic.replicated.CallOrigin;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.Payload;
import dev.jic.replicated.RejectCode;
import dev.jic.replicated.Request;
import dev.jic.replicated.Response;
import dev.jic.types.hash.RequestId;
import dev.jic.types.unit.Cycles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hand-written edge.wat canister through the real System API and executor. */
class SystemApiEdgeCaseTest {
  private Harness h;
  private CanisterState c;

  @BeforeEach
  void install() {
    h = new Harness();
    c = h.create(Cycles.of(100_000_000_000_000L));
    assertNull(h.manager.installCode(c, new InstallMode.Install(), Harness.resource("wat/edge.wasm"), new byte[0],
        Harness.USER, Harness.TIME));
    assertEquals(1, c.system().version());
  }

  private ExecutionResult update(String m, byte[] arg) {
    return h.executor.executeUpdate(c, new CallOrigin.Ingress(Harness.USER, RequestId.of(new byte[32])), m, arg,
        Cycles.ZERO, Harness.TIME);
  }

  private ExecutionResult update(String m) {
    return update(m, new byte[0]);
  }

  private static byte[] reply(ExecutionResult r) {
    return assertInstanceOf(Payload.Data.class, r.response().orElseThrow(), () -> r.toString()).bytes();
  }

  private static UserError error(ExecutionResult r) {
    return r.error().orElseThrow(() -> new AssertionError("expected an error: " + r));
  }

  /** counter (memory), global, stable pages, as the canister replies them. */
  private static long[] state(byte[] b) {
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    return new long[] {bb.getInt(), bb.getInt(), bb.getLong()};
  }

  @Test
  void updatesPersistMemoryGlobalsAndStableMemory() {
    assertArrayEquals(new long[] {1, 1, 1}, state(reply(update("inc"))));
    assertArrayEquals(new long[] {2, 2, 2}, state(reply(update("inc"))));
    assertEquals(3, c.system().version());
  }

  @Test
  void trapsRollBackEverything() {
    update("inc");
    UserError e = error(update("inc_trap"));
    assertEquals(ErrorCode.CANISTER_CALLED_TRAP, e.code());
    assertEquals(RejectCode.CANISTER_ERROR, e.rejectCode());
    assertEquals("Error from Canister " + c.id() + ": Canister called `ic0.trap` with message: 'boom'.\n"
        + "Consider gracefully handling failures from this canister or altering the canister to handle exceptions. "
        + "See documentation: https://internetcomputer.org/docs/current/references/execution-errors#trapped-explicitly",
        e.description());
    assertEquals(ErrorCode.CANISTER_TRAPPED, error(update("inc_unreachable")).code());
    assertArrayEquals(new long[] {1, 1, 1}, state(reply(h.executor.executeQuery(c, Harness.USER, "read", new byte[0],
        Harness.TIME, null).payload() instanceof Payload.Data d ? new ExecutionResult(null,
            java.util.Optional.of(d), java.util.Optional.empty(), java.util.List.of(), 0) : null)));
    assertEquals(2, c.system().version(), "failed executions do not bump the version");
  }

  @Test
  void queriesDiscardAllChanges() {
    update("inc");
    for (int i = 0; i < 3; i++) {
      QueryResult q = h.executor.executeQuery(c, Harness.USER, "inc_query", new byte[0], Harness.TIME, null);
      assertArrayEquals(new long[] {2, 2, 2}, state(((Payload.Data) q.payload()).bytes()));
    }
    QueryResult q = h.executor.executeQuery(c, Harness.USER, "read", new byte[0], Harness.TIME, null);
    assertArrayEquals(new long[] {1, 1, 1}, state(((Payload.Data) q.payload()).bytes()));
  }

  @Test
  void replyTwiceIsAContractViolation() {
    UserError e = error(update("reply_twice"));
    assertEquals(ErrorCode.CANISTER_CONTRACT_VIOLATION, e.code());
    assertTrue(e.description().contains("ic0.msg_reply: the call is already replied"), e.description());
  }

  @Test
  void replyInInitIsRejectedWithTheReplicaMessage() {
    CanisterState d = h.create(Cycles.of(100_000_000_000_000L));
    UserError e = h.manager.installCode(d, new InstallMode.Install(), Harness.resource("wat/edge.wasm"),
        new byte[] {1}, Harness.USER, Harness.TIME);
    assertEquals(ErrorCode.CANISTER_CONTRACT_VIOLATION, e.code());
    assertTrue(e.description().startsWith("Error from Canister " + d.id()
        + ": Canister violated contract: \"ic0_msg_reply\" cannot be executed in init mode.\n"), e.description());
    assertNull(d.execution(), "a failed install leaves the canister empty");
  }

  @Test
  void certifiedDataIsAtMost32Bytes() {
    reply(update("certify32"));
    assertEquals(32, c.system().certifiedData().length);
    assertEquals(ErrorCode.CANISTER_CONTRACT_VIOLATION, error(update("certify33")).code());
  }

  @Test
  void boundsAreChecked() {
    assertTrue(error(update("stable_oob")).description().contains("stable memory out of bounds"));
    assertTrue(error(update("arg_oob")).description().contains("exceeds the slice size=0"));
    assertTrue(error(update("perform_without_new")).description().contains("call_new"));
  }

  @Test
  void cyclesAre128BitLittleEndian() {
    c.system().setBalance(Cycles.of(100_000_000_000_000L));
    byte[] arg = new byte[16];
    ByteBuffer.wrap(arg).order(ByteOrder.LITTLE_ENDIAN).putLong(1L).putLong(5L); // high = 1, low = 5
    Cycles attached = new Cycles(1, 7);
    ExecutionResult r = h.executor.executeUpdate(c, new CallOrigin.Ingress(Harness.USER, RequestId.of(new byte[32])),
        "accept", arg, attached, Harness.TIME);
    byte[] b = reply(r);
    assertEquals("05000000000000000100000000000000" + "02000000000000000000000000000000",
        HexFormat.of().formatHex(b), "accepted 2^64+5, 2 left available");
  }

  @Test
  void timerAndDebugPrint() {
    assertEquals(0L, ByteBuffer.wrap(reply(update("set_timer"))).order(ByteOrder.LITTLE_ENDIAN).getLong());
    assertEquals(42L, c.system().globalTimerNanos());
    reply(update("print"));
    assertEquals("boom", new String(c.system().logRecords().getLast().content()));
    assertEquals(ExecutionResult.nothing(new CallOrigin.SystemTask()),
        h.executor.executeSystemTask(c, ApiType.HEARTBEAT, Harness.TIME));
  }

  @Test
  void selfCallRunsTheReplyCallback() {
    update("inc");
    ExecutionResult r = update("call_self");
    assertTrue(r.response().isEmpty());
    Request req = r.requests().getFirst();
    assertEquals(c.id(), req.receiver());
    ExecutionResult callee = h.executor.executeUpdate(c, new CallOrigin.Canister(c.id(), req.senderCallbackId(), 0),
        req.method(), req.payload(), req.cycles(), Harness.TIME);
    byte[] data = reply(callee);
    Response resp = c.system().outputResponses().getLast();
    ExecutionResult cb = h.executor.executeResponse(c, resp, Harness.TIME);
    assertArrayEquals(data, reply(cb));
    assertTrue(c.system().callContexts().contexts().isEmpty(), "contexts closed");
  }
}
