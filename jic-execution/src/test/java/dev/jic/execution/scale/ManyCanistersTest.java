package dev.jic.execution.scale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.execution.routing.IdleFootprint;
import dev.jic.execution.routing.InProcessSubnet;
import dev.jic.execution.scheduler.SchedulerConfig;
import dev.jic.replicated.IngressStatus;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.wasm.engine.ChicoryEngine;
import dev.jic.wasm.engine.EngineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 4 scale requirement: 10,000 canisters installed on one subnet; an idle canister costs
 * little heap (its Wasm pages live in its page map, its live instance is evicted from the bounded
 * runtime cache). Prints the retained heap per idle canister; asserts only a generous bound
 * (never time: STYLE.md rule 15).
 */
class ManyCanistersTest {
  static final PrincipalId USER = PrincipalId.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 2});

  @Test
  void tenThousandCanistersOnOneSubnet() throws Exception {
    byte[] wasm = Files.readAllBytes(Path.of("src/test/resources/wat/tiny.wasm"));
    int n = 10_000;
    try (InProcessSubnet s = InProcessSubnet.application(new ChicoryEngine(EngineConfig.defaults()),
        SchedulerConfig.defaults(2))) {
      IdleFootprint.Measurement m = IdleFootprint.measure(s, wasm, n, USER);
      System.out.println("idle canisters=" + n + " retained_heap_bytes=" + m.retainedBytes()
          + " per_canister_bytes=" + m.perCanisterBytes() + " live_runtimes=" + s.executor().cachedRuntimes());
      assertEquals(n, s.state().canisters().size());
      assertTrue(m.perCanisterBytes() < 1 << 20, "heap per idle canister " + m.perCanisterBytes() + " >= 1 MiB");
      // Every canister still answers after idle rounds over the whole subnet (first, middle, last).
      List<CanisterId> ids = new ArrayList<>(s.state().canisters().keySet());
      List<RequestId> calls = new ArrayList<>();
      for (CanisterId id : List.of(ids.getFirst(), ids.get(n / 2), ids.getLast())) {
        calls.add(s.submit(USER, id, "ping", new byte[0]));
      }
      s.executeBatch();
      for (RequestId r : calls) {
        IngressStatus st = s.state().ingressHistory().get(r);
        assertArrayEquals(new byte[] {1, 0, 0, 0}, assertInstanceOf(IngressStatus.Replied.class, st, () -> "" + st)
            .reply(), "the canister's heap (counter 0) came back from its page map");
      }
      assertTrue(s.executor().cachedRuntimes() <= dev.jic.execution.Executor.MAX_RUNTIMES);
    }
  }
}
