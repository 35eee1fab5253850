package dev.jic.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jic.replicated.CallOrigin;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.Payload;
import dev.jic.types.candid.Candid;
import dev.jic.types.hash.RequestId;
import dev.jic.types.unit.Cycles;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real Motoko counter (mo:core, persistent actor) through jic's System API: init (arms a
 * timer), updates, queries, and an upgrade that keeps the stable variables (wasm64: enhanced
 * orthogonal persistence with {@code wasm_memory_persistence = keep}; wasm32: classic stable
 * memory serialisation through pre/post_upgrade).
 */
class MotokoCanisterTest {
  private static String candid(byte[] b) throws Exception {
    return Candid.render(Candid.decodeUntyped(b).values());
  }

  @ParameterizedTest
  @ValueSource(strings = {"motoko-counter-wasm32.wasm", "motoko-counter-wasm64.wasm"})
  void initUpdateQueryUpgrade(String fixture) throws Exception {
    Harness h = new Harness();
    CanisterState c = h.create(Cycles.of(100_000_000_000_000L));
    byte[] wasm = Harness.fixture(fixture);
    byte[] empty = Candid.encode(List.of(), List.of());
    assertNull(h.manager.installCode(c, new InstallMode.Install(), wasm, empty, Harness.USER, Harness.TIME));
    assertEquals(Harness.TIME + 60_000_000_000L, c.system().globalTimerNanos(), "recurring timer armed in init");
    for (int i = 1; i <= 3; i++) {
      ExecutionResult r = h.executor.executeUpdate(c, new CallOrigin.Ingress(Harness.USER, RequestId.of(new byte[32])),
          "inc", empty, Cycles.ZERO, Harness.TIME);
      assertEquals("(" + i + " : nat)", candid(assertInstanceOf(Payload.Data.class, r.response().orElseThrow(),
          () -> r.toString()).bytes()));
    }
    QueryResult q = h.executor.executeQuery(c, Harness.USER, "get", empty, Harness.TIME, null);
    assertEquals("(3 : nat)", candid(((Payload.Data) q.payload()).bytes()));
    boolean wasm64 = fixture.contains("wasm64");
    UserError up = h.manager.installCode(c, new InstallMode.Upgrade(false, wasm64 ? Boolean.TRUE : null), wasm, empty,
        Harness.USER, Harness.TIME);
    assertNull(up, () -> "upgrade failed: " + up);
    q = h.executor.executeQuery(c, Harness.USER, "get", empty, Harness.TIME, null);
    assertEquals("(3 : nat)", candid(((Payload.Data) q.payload()).bytes()), "stable variable kept across upgrade");
    if (wasm64) {
      UserError missing = h.manager.installCode(c, new InstallMode.Upgrade(false, null), wasm, empty, Harness.USER,
          Harness.TIME);
      assertEquals(ErrorCode.CANISTER_CONTRACT_VIOLATION, missing.code(), "EOP needs wasm_memory_persistence");
    }
  }
}
