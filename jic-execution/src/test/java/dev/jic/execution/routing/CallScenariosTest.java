package dev.jic.execution.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.execution.ErrorCode;
import dev.jic.execution.UserError;
import dev.jic.execution.scheduler.SchedulerConfig;
import dev.jic.replicated.IngressStatus;
import dev.jic.replicated.Payload;
import dev.jic.replicated.RejectCode;
import dev.jic.replicated.SystemState;
import dev.jic.types.candid.Candid;
import dev.jic.types.candid.IdlValue;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.unit.Cycles;
import dev.jic.wasm.engine.ChicoryEngine;
import dev.jic.wasm.engine.EngineConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Inter-canister scenarios with the hand-written calls.wat and tiny.wat canisters through message
 * routing and the scheduler: canister -> management canister calls, cycles attached / accepted /
 * refunded, cleanup after a trapping callback, best-effort deadline expiry, inspect_message,
 * environment variables, and the lifecycle (reinstall, uninstall, out of cycles).
 */
class CallScenariosTest {
  static final ChicoryEngine ENGINE = new ChicoryEngine(EngineConfig.defaults());
  static final byte[] CALLS = Tiny.read("src/test/resources/wat/calls.wasm");

  private static InProcessSubnet subnet() {
    return InProcessSubnet.application(ENGINE, SchedulerConfig.defaults(1));
  }

  private static byte[] principal(CanisterId c) {
    return c.principal().toBytes();
  }

  @Test
  void canisterCallsTheManagementCanister() throws Exception {
    try (InProcessSubnet s = subnet()) {
      CanisterId a = Tiny.install(s, CALLS, Cycles.of(100_000_000_000_000L));
      byte[] reply = Tiny.replied(s.call(Tiny.USER, a, "mgmt_rand", new byte[0]));
      // raw_rand replies (blob) with 32 random bytes (ic.did).
      List<IdlValue> v = Candid.decode(reply, List.of(Mgmt.type("blob")));
      assertEquals(32, ((IdlValue.Blob) v.getFirst()).bytes().length);
      byte[] again = Tiny.replied(s.call(Tiny.USER, a, "mgmt_rand", new byte[0]));
      assertTrue(!java.util.Arrays.equals(reply, again), "fresh randomness per call");
    }
  }

  @Test
  void attachedCyclesAreAcceptedAndTheRestRefunded() {
    try (InProcessSubnet s = subnet()) {
      CanisterId a = Tiny.install(s, CALLS, Cycles.of(100_000_000_000_000L));
      CanisterId b = Tiny.install(s, CALLS, Cycles.of(100_000_000_000_000L));
      Cycles bBefore = s.state().canister(b).system().balance();
      byte[] refunded = Tiny.replied(s.call(Tiny.USER, a, "send_cycles", principal(b)));
      assertEquals(500_000L, le(refunded), "1,000,000 attached, half accepted by the callee");
      assertEquals(0L, ByteBuffer.wrap(refunded, 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
      Cycles bAfter = s.state().canister(b).system().balance();
      // b gained the 500,000 it accepted and paid one execution: the base fee (5 M) and its few
      // instructions; the rest of the 40 B instruction prepayment came back.
      assertTrue(bAfter.compareTo(bBefore.minus(Cycles.of(5_000_000L + 10_000L))) > 0, bBefore + " -> " + bAfter);
      assertTrue(bAfter.compareTo(bBefore.minus(Cycles.of(5_000_000L - 500_000L))) < 0, bBefore + " -> " + bAfter);
      assertTrue(s.state().canister(a).system().callContexts().callbacks().isEmpty(), "callback consumed");
    }
  }

  @Test
  void cleanupRunsAfterATrappingCallbackAndItsChangesPersist() {
    try (InProcessSubnet s = subnet()) {
      CanisterId a = Tiny.install(s, CALLS, Cycles.of(100_000_000_000_000L));
      CanisterId b = Tiny.install(s, CALLS, Cycles.of(100_000_000_000_000L));
      IngressStatus st = s.call(Tiny.USER, a, "call_then_trap", principal(b));
      IngressStatus.Rejected r = assertInstanceOf(IngressStatus.Rejected.class, st);
      assertEquals(ErrorCode.CANISTER_TRAPPED.text(), r.errorCode(), r.message());
      byte[] flag = ((Payload.Data) s.query(Tiny.USER, a, "flag", new byte[0]).payload()).bytes();
      assertEquals(0x77, le(flag) & 0xffffffffL, "the cleanup callback's store was committed");
      assertTrue(s.state().canister(a).system().callContexts().callbacks().isEmpty());
    }
  }

  @Test
  void bestEffortCallsExpireWithSysUnknown() {
    // Slices of 100,000 instructions: the callee's spin(50000) keeps it busy for several rounds.
    try (InProcessSubnet s = InProcessSubnet.application(ENGINE, SchedulerConfig.defaults(1).withLimits(
        7_000_000_000L, 100_000L))) {
      CanisterId a = Tiny.install(s, CALLS, Cycles.of(100_000_000_000_000L));
      CanisterId busy = Tiny.install(s);
      RequestId id = s.submit(Tiny.USER, a, "best_effort", principal(busy));
      s.executeBatch();
      assertInstanceOf(IngressStatus.Processing.class, s.state().ingressHistory().get(id));
      assertTrue(s.state().canister(busy).system().pausedRounds() > 2, "the callee is sliced");
      s.advanceTime(5_000_000_000L); // past the 1 s timeout
      s.executeBatch();
      byte[] reply = Tiny.replied(s.state().ingressHistory().get(id));
      assertEquals(RejectCode.SYS_UNKNOWN.code(), (int) le(reply), "the reject callback saw SYS_UNKNOWN (6)");
      for (int i = 0; i < 10; i++) {
        s.executeBatch(); // the late real response finds no callback and is dropped
      }
      assertTrue(s.state().canister(a).system().callContexts().callbacks().isEmpty());
      assertEquals(1, Tiny.counter(s, busy), "the callee did run the call");
    }
  }

  @Test
  void inspectMessageAndEnvironmentVariables() {
    try (InProcessSubnet s = subnet()) {
      CanisterId a = Tiny.install(s, CALLS, Cycles.of(100_000_000_000_000L));
      var c = s.state().canister(a);
      assertNull(s.executor().inspectMessage(c, Tiny.USER, "ok", new byte[0], s.time()));
      UserError no = s.executor().inspectMessage(c, Tiny.USER, "no", new byte[0], s.time());
      assertEquals(ErrorCode.CANISTER_REJECTED_MESSAGE, no.code());
      assertEquals("Error from Canister " + a + ": Canister rejected the message", no.description());
      byte[] none = ((Payload.Data) s.query(Tiny.USER, a, "env", new byte[0]).payload()).bytes();
      assertArrayEquals(new byte[] {0, 0, 0, 0}, none);
      TreeMap<String, String> env = new TreeMap<>();
      env.put("A", "1");
      env.put("K", "value");
      SystemState sys = c.system();
      sys.setSettings(sys.settings().withEnvironmentVariables(env));
      byte[] two = ((Payload.Data) s.query(Tiny.USER, a, "env", new byte[0]).payload()).bytes();
      assertEquals(2, le(java.util.Arrays.copyOf(two, 4)));
      assertEquals("value", new String(two, 4, two.length - 4, StandardCharsets.UTF_8));
    }
  }

  @Test
  void reinstallUninstallAndOutOfCycles() throws Exception {
    try (InProcessSubnet s = subnet()) {
      CanisterId t = Tiny.install(s);
      for (int i = 1; i <= 3; i++) {
        assertEquals(i, Tiny.counter(Tiny.replied(s.call(Tiny.USER, t, "ping", new byte[0]))));
      }
      Tiny.replied(s.call(Tiny.USER, CanisterId.MANAGEMENT, "install_code", Mgmt.install("reinstall", t, Tiny.WASM,
          new byte[0])));
      assertEquals(0, Tiny.counter(s, t), "reinstall wipes the heap");
      assertEquals(1, Tiny.counter(Tiny.replied(s.call(Tiny.USER, t, "ping", new byte[0]))));
      Tiny.replied(s.call(Tiny.USER, CanisterId.MANAGEMENT, "uninstall_code", Mgmt.canisterId(t)));
      IngressStatus.Rejected gone = assertInstanceOf(IngressStatus.Rejected.class, s.call(Tiny.USER, t, "ping",
          new byte[0]));
      assertEquals("IC0537", gone.errorCode(), gone.message());
      Tiny.replied(s.call(Tiny.USER, CanisterId.MANAGEMENT, "install_code", Mgmt.install("install", t, Tiny.WASM,
          new byte[0])));
      assertEquals(1, Tiny.counter(Tiny.replied(s.call(Tiny.USER, t, "ping", new byte[0]))));

      CanisterId poor = Tiny.install(s);
      s.state().canister(poor).system().setBalance(Cycles.of(1_000_000L));
      IngressStatus.Rejected broke = assertInstanceOf(IngressStatus.Rejected.class, s.call(Tiny.USER, poor, "ping",
          new byte[0]));
      assertEquals("IC0207", broke.errorCode(), broke.message());
      assertTrue(broke.message().startsWith("Canister " + poor + " is out of cycles"), broke.message());
    }
  }

  private static long le(byte[] b) {
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    return b.length >= 8 ? bb.getLong(0) : bb.getInt(0) & 0xffffffffL;
  }
}
