package dev.jic.replicated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jic.pagemap.PageMap;
import dev.jic.pagemap.StableMemory;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.id.SubnetId;
import dev.jic.types.unit.Cycles;
import dev.jic.types.unit.Height;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@link StateDigest}: equal states (built in any order) give equal digests, and every replicated
 * field changes it (each mutation below is applied to a fresh copy of the same base state).
 */
class StateDigestTest {
  static final PrincipalId USER = PrincipalId.of(new byte[] {1, 2, 3});
  static final CanisterId A = CanisterId.fromU64(1);
  static final CanisterId B = CanisterId.fromU64(2);

  static RequestId id(int n) {
    byte[] b = new byte[32];
    b[0] = (byte) n;
    return RequestId.of(b);
  }

  static CanisterState canister(CanisterId id, boolean withCode) {
    SystemState s = new SystemState(id, CanisterSettings.defaults(List.of(USER)), Cycles.of(1_000_000));
    ExecutionState es = null;
    if (withCode) {
      es = new ExecutionState(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, new byte[32], false,
          List.of("canister_update f"), new TreeMap<>(), PageMap.empty(), 1, new StableMemory(PageMap.empty(), 1, 100),
          new long[] {5}, new long[] {0});
    }
    return new CanisterState(s, es);
  }

  /** A base state; canisters added in the given order. */
  static ReplicatedState base(boolean reversed) {
    ReplicatedState st = new ReplicatedState(new SystemMetadata(SubnetId.of(new byte[] {9}), 13, new Height(5), 1000,
        0, 100, 3));
    List<CanisterState> cs = new ArrayList<>(List.of(canister(A, true), canister(B, false)));
    if (reversed) {
      java.util.Collections.reverse(cs);
    }
    cs.forEach(st::put);
    st.ingressHistory().set(id(2), new IngressStatus.Received(A, USER, 1));
    st.ingressHistory().set(id(1), new IngressStatus.Processing(A, USER, 1));
    st.canister(A).system().callContexts().newCallContext(new CallOrigin.Ingress(USER, id(1)), Cycles.ZERO);
    return st;
  }

  static String hex(ReplicatedState s) {
    return HexFormat.of().formatHex(StateDigest.of(s));
  }

  @Test
  void deterministicAndIndependentOfInsertionOrder() {
    assertArrayEquals(StateDigest.of(base(false)), StateDigest.of(base(false)));
    assertArrayEquals(StateDigest.of(base(false)), StateDigest.of(base(true)));
    assertEquals(32, StateDigest.of(base(false)).length);
  }

  @Test
  void everyReplicatedFieldChangesTheDigest() {
    Map<String, Consumer<ReplicatedState>> mutations = new LinkedHashMap<>();
    mutations.put("batch height", s -> s.setMetadata(s.metadata().atBatch(new Height(6), 1000)));
    mutations.put("batch time", s -> s.setMetadata(s.metadata().atBatch(new Height(5), 1001)));
    mutations.put("canister index", s -> s.setMetadata(s.metadata().allocateCanisterIndex()));
    mutations.put("balance", s -> s.canister(A).system().credit(Cycles.of(1)));
    mutations.put("version", s -> s.canister(A).system().bumpVersion());
    mutations.put("status", s -> s.canister(B).system().setStatus(CanisterStatus.STOPPED));
    mutations.put("certified data", s -> s.canister(A).system().setCertifiedData(new byte[] {1}));
    mutations.put("timer", s -> s.canister(A).system().setGlobalTimerNanos(77));
    mutations.put("priority", s -> s.canister(A).system().setAccumulatedPriority(3));
    mutations.put("controllers", s -> s.canister(A).system().setSettings(s.canister(A).system().settings()
        .withControllers(List.of(USER, PrincipalId.ANONYMOUS))));
    mutations.put("freezing threshold", s -> s.canister(A).system().setSettings(s.canister(A).system().settings()
        .withFreezingThreshold(1)));
    mutations.put("wasm memory limit", s -> s.canister(A).system().setSettings(s.canister(A).system().settings()
        .withWasmMemoryLimit(1)));
    mutations.put("environment variable", s -> s.canister(A).system().setSettings(s.canister(A).system().settings()
        .withEnvironmentVariables(new TreeMap<>(Map.of("K", "v")))));
    mutations.put("log visibility", s -> {
      CanisterSettings c = s.canister(A).system().settings();
      s.canister(A).system().setSettings(new CanisterSettings(c.controllers(), c.computeAllocation(),
          c.memoryAllocation(), c.freezingThreshold(), c.reservedCyclesLimit(), c.wasmMemoryLimit(),
          c.wasmMemoryThreshold(), new LogVisibility.Public(), c.environmentVariables()));
    });
    mutations.put("call context", s -> s.canister(A).system().callContexts().newCallContext(new CallOrigin.SystemTask(),
        Cycles.ZERO));
    mutations.put("callback", s -> s.canister(A).system().callContexts().register(new Callback(1, B, Cycles.ZERO,
        Cycles.ZERO, new WasmClosure(1, 2), new WasmClosure(3, 4), Optional.empty(), 0)));
    mutations.put("ingress queue", s -> s.canister(A).system().ingressQueue().add(new Ingress(id(3), USER, A, "f",
        new byte[0], 5)));
    mutations.put("input request", s -> s.canister(A).system().inputRequests().add(new Request(A, B, "f",
        new byte[0], Cycles.ZERO, 1, 0)));
    mutations.put("output response", s -> s.canister(A).system().outputResponses().add(new Response(B, A, 1,
        Cycles.ZERO, new Payload.Reject(RejectCode.CANISTER_REJECT, "no"), 0)));
    mutations.put("log", s -> s.canister(A).system().appendLog(1, new byte[] {1}));
    mutations.put("history", s -> s.canister(A).system().recordChange(new CanisterChange(1, 1, USER, false,
        CanisterChange.Kind.CREATION, null, null, List.of(USER))));
    mutations.put("chunk store", s -> s.canister(A).system().chunkStore().put("ab", new byte[] {1}));
    mutations.put("heap page", s -> {
      ExecutionState es = s.canister(A).execution();
      es.heap().write(100, new byte[] {1}, 0, 1);
      es.heap().commit();
    });
    mutations.put("stable page", s -> {
      StableMemory st = s.canister(A).execution().stable();
      st.write(5, new byte[] {1});
      st.commit();
    });
    mutations.put("stable size", s -> {
      StableMemory st = s.canister(A).execution().stable();
      st.grow(1);
      st.commit();
    });
    mutations.put("globals", s -> {
      ExecutionState es = s.canister(A).execution();
      es.commitHeap(es.heapPages(), new long[] {6}, new long[] {0});
    });
    mutations.put("heap size", s -> {
      ExecutionState es = s.canister(A).execution();
      es.commitHeap(2, es.globalsLow(), es.globalsHigh());
    });
    mutations.put("uninstall", s -> s.canister(A).setExecution(null));
    mutations.put("ingress status", s -> s.ingressHistory().set(id(2), new IngressStatus.Processing(A, USER, 1)));
    mutations.put("ingress reply", s -> s.ingressHistory().set(id(2), new IngressStatus.Replied(A, USER, 1,
        new byte[0])));
    mutations.put("ingress removed", s -> s.ingressHistory().remove(id(2)));
    mutations.put("subnet queue", s -> s.subnetQueue().add(new Ingress(id(4), USER, CanisterId.MANAGEMENT, "m",
        new byte[0], 5)));
    mutations.put("canister removed", s -> s.remove(B));

    String baseline = hex(base(false));
    Map<String, String> seen = new TreeMap<>();
    for (Map.Entry<String, Consumer<ReplicatedState>> m : mutations.entrySet()) {
      ReplicatedState s = base(false);
      m.getValue().accept(s);
      String h = hex(s);
      assertFalse(h.equals(baseline), m.getKey() + " does not change the digest");
      String clash = seen.put(h, m.getKey());
      assertEquals(null, clash, m.getKey() + " and " + clash + " give the same digest");
    }
  }
}
