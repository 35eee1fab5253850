package dev.jic.execution.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.execution.scheduler.SchedulerConfig;
import dev.jic.replicated.IngressStatus;
import dev.jic.replicated.Payload;
import dev.jic.types.candid.Candid;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.wasm.engine.ChicoryEngine;
import dev.jic.wasm.engine.EngineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole-subnet scenarios through message routing, the scheduler and the management canister,
 * with the real Motoko counter (mo:core): ingress install, updates, inter-canister calls
 * ({@code fetchFrom}), the recurring timer (needs self-calls), controllers, and determinism
 * across thread counts.
 */
class SubnetTest {
  static final ChicoryEngine ENGINE = new ChicoryEngine(EngineConfig.defaults());
  static final PrincipalId USER = PrincipalId.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 2});
  static final PrincipalId OTHER = PrincipalId.of(new byte[] {7, 7, 7, 2});
  static final byte[] EMPTY = Candid.encode(List.of(), List.of());

  static byte[] fixture(String name) throws Exception {
    return Files.readAllBytes(Path.of("../jic-wasm/src/test/resources/canisters", name));
  }

  static byte[] reply(IngressStatus s) {
    return assertInstanceOf(IngressStatus.Replied.class, s, () -> String.valueOf(s)).reply();
  }

  static String candid(byte[] b) throws Exception {
    return Candid.render(Candid.decodeUntyped(b).values());
  }

  static CanisterId install(InProcessSubnet s, String wasm) throws Exception {
    CanisterId id = Mgmt.created(reply(s.call(USER, CanisterId.MANAGEMENT, "provisional_create_canister_with_cycles",
        Mgmt.provisionalCreate())));
    reply(s.call(USER, CanisterId.MANAGEMENT, "install_code", Mgmt.install("install", id, fixture(wasm), EMPTY)));
    return id;
  }

  @ParameterizedTest
  @ValueSource(strings = {"motoko-counter-wasm32.wasm", "motoko-counter-wasm64.wasm"})
  void motokoUpdatesInterCanisterCallsAndTimers(String wasm) throws Exception {
    try (InProcessSubnet s = InProcessSubnet.application(ENGINE, SchedulerConfig.defaults(2))) {
      CanisterId a = install(s, wasm);
      CanisterId b = install(s, wasm);
      assertEquals("(1 : nat)", candid(reply(s.call(USER, a, "inc", EMPTY))));
      assertEquals("(2 : nat)", candid(reply(s.call(USER, a, "inc", EMPTY))));
      assertEquals("(1 : nat)", candid(reply(s.call(USER, b, "inc", EMPTY))));
      // b asks a for its count (2) through an inter-canister call: 1 + 2.
      byte[] arg = Candid.encode(List.of(Mgmt.type("principal")), List.of(new dev.jic.types.candid.IdlValue.Principal(
          a.principal())));
      RequestId id = s.submit(USER, b, "fetchFrom", arg);
      s.executeBatch();
      assertEquals("(3 : nat)", candid(reply(s.state().ingressHistory().get(id))), "call and response in one batch");
      // Calling a canister that does not exist: the Motoko await traps/rejects; the ingress fails.
      byte[] ghost = Candid.encode(List.of(Mgmt.type("principal")), List.of(new dev.jic.types.candid.IdlValue
          .Principal(CanisterId.fromU64(4242).principal())));
      assertInstanceOf(IngressStatus.Rejected.class, s.call(USER, b, "fetchFrom", ghost));
      // The recurring 60 s timer fires through canister_global_timer and a self-call.
      assertEquals("(0 : nat)", candid(((Payload.Data) s.query(USER, a, "timerTicks", EMPTY).payload()).bytes()));
      s.advanceTime(61_000_000_000L);
      for (int i = 0; i < 5; i++) {
        s.executeBatch();
      }
      assertEquals("(1 : nat)", candid(((Payload.Data) s.query(USER, a, "timerTicks", EMPTY).payload()).bytes()));
      assertTrue(s.state().canister(a).system().logRecords().stream().anyMatch(r -> new String(r.content())
          .contains("tick 1")), "debug.print of the timer job is in the canister log");
    }
  }

  @Test
  void controllersAreEnforcedAndStatusLifecycleWorks() throws Exception {
    try (InProcessSubnet s = InProcessSubnet.application(ENGINE, SchedulerConfig.defaults(1))) {
      CanisterId a = install(s, "motoko-counter-wasm32.wasm");
      IngressStatus.Rejected r = assertInstanceOf(IngressStatus.Rejected.class, s.call(OTHER, CanisterId.MANAGEMENT,
          "stop_canister", Mgmt.canisterId(a)));
      assertEquals("IC0512", r.errorCode());
      assertTrue(r.message().startsWith("Only the controllers of the canister " + a + " can control it."));
      reply(s.call(USER, CanisterId.MANAGEMENT, "stop_canister", Mgmt.canisterId(a)));
      IngressStatus.Rejected stopped = assertInstanceOf(IngressStatus.Rejected.class, s.call(USER, a, "inc", EMPTY));
      assertEquals("IC0508", stopped.errorCode());
      reply(s.call(USER, CanisterId.MANAGEMENT, "start_canister", Mgmt.canisterId(a)));
      assertEquals("(1 : nat)", candid(reply(s.call(USER, a, "inc", EMPTY))));
      var q = s.query(USER, CanisterId.MANAGEMENT, "canister_status", Mgmt.canisterId(a));
      var st = (dev.jic.types.candid.IdlValue.Record) Candid.decode(((Payload.Data) q.payload()).bytes(), List.of(
          Mgmt.type("record { status : variant { running; stopping; stopped }; cycles : nat }"))).get(0);
      assertEquals("running", ((dev.jic.types.candid.IdlValue.Variant) st.get("status")).label().name());
      reply(s.call(USER, CanisterId.MANAGEMENT, "uninstall_code", Mgmt.canisterId(a)));
      assertEquals("IC0537", assertInstanceOf(IngressStatus.Rejected.class, s.call(USER, a, "inc", EMPTY))
          .errorCode());
      reply(s.call(USER, CanisterId.MANAGEMENT, "stop_canister", Mgmt.canisterId(a)));
      reply(s.call(USER, CanisterId.MANAGEMENT, "delete_canister", Mgmt.canisterId(a)));
      assertEquals("IC0301", assertInstanceOf(IngressStatus.Rejected.class, s.call(USER, a, "inc", EMPTY))
          .errorCode());
      assertFalse(s.state().canisters().containsKey(a));
    }
  }

  /** Same batches, 1 vs 4 threads and two runs: identical state digests. */
  @Test
  void determinismAcrossThreadCounts() throws Exception {
    String d1 = run(1);
    String d4 = run(4);
    assertEquals(d1, d4);
    assertEquals(d1, run(4));
  }

  private String run(int threads) throws Exception {
    try (InProcessSubnet s = InProcessSubnet.application(ENGINE, SchedulerConfig.defaults(threads))) {
      CanisterId[] ids = new CanisterId[6];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = install(s, "motoko-counter-wasm32.wasm");
      }
      for (int round = 0; round < 3; round++) {
        for (int i = 0; i < ids.length; i++) {
          s.submit(USER, ids[i], "inc", EMPTY);
          byte[] arg = Candid.encode(List.of(Mgmt.type("principal")), List.of(new dev.jic.types.candid.IdlValue
              .Principal(ids[(i + 1) % ids.length].principal())));
          s.submit(USER, ids[i], "fetchFrom", arg);
        }
        s.executeBatch();
        s.executeBatch();
      }
      return HexFormat.of().formatHex(s.digest());
    }
  }
}
