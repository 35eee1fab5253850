package dev.jic.state.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jic.interfaces.consensus.Batch;
import dev.jic.pagemap.PageMapSnapshot;
import dev.jic.replicated.CallOrigin;
import dev.jic.replicated.Callback;
import dev.jic.replicated.CanisterChange;
import dev.jic.replicated.CanisterSettings;
import dev.jic.replicated.CanisterSnapshot;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.Ingress;
import dev.jic.replicated.LogVisibility;
import dev.jic.replicated.IngressStatus;
import dev.jic.replicated.Payload;
import dev.jic.replicated.RejectCode;
import dev.jic.replicated.ReplicatedState;
import dev.jic.replicated.Request;
import dev.jic.replicated.Response;
import dev.jic.replicated.StateDigest;
import dev.jic.replicated.SystemState;
import dev.jic.replicated.WasmClosure;
import dev.jic.state.FakeExecutor;
import dev.jic.state.log.BatchCodec;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.unit.Cycles;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Round trips of the checkpoint codecs; mutated bytes fail only with {@link DecodeException}. */
class CanisterCodecTest {
  private static final CanisterState RICH = rich();

  /** A canister with every part of the system state populated. */
  static CanisterState rich() {
    ReplicatedState s = FakeExecutor.genesis();
    for (long h = 1; h <= 6; h++) {
      FakeExecutor.execute(s, FakeExecutor.batch(4, h));
    }
    CanisterState c = s.canisters().firstEntry().getValue();
    SystemState sys = c.system();
    CanisterId other = CanisterId.fromU64(77);
    RequestId rid = RequestId.of(new byte[32]);
    long ctx = sys.callContexts().newCallContext(new CallOrigin.Ingress(PrincipalId.ANONYMOUS, rid), Cycles.of(5));
    sys.callContexts().newCallContext(new CallOrigin.Canister(other, 3, 99), Cycles.ZERO);
    sys.callContexts().register(new Callback(ctx, other, Cycles.of(1), Cycles.of(2), new WasmClosure(1, 2),
        new WasmClosure(3, 4), Optional.of(new WasmClosure(5, 6)), 0));
    sys.inputRequests().add(new Request(c.id(), other, "m", new byte[] {1}, Cycles.of(9), 4, 0));
    sys.outputResponses().add(
        new Response(other, c.id(), 4, Cycles.ZERO, new Payload.Reject(RejectCode.CANISTER_ERROR, "x"), 7));
    sys.inputResponses().add(new Response(c.id(), other, 1, Cycles.of(3), new Payload.Data(new byte[] {2}), 0));
    sys.ingressQueue().add(new Ingress(rid, PrincipalId.ANONYMOUS, c.id(), "go", new byte[] {3}, 1000));
    sys.stopWaiters().add(new SystemState.StopWaiter(new CallOrigin.SystemTask(), 0));
    sys.chunkStore().put("ab", new byte[] {4, 5});
    sys.recordChange(new CanisterChange(1, 2, PrincipalId.ANONYMOUS, false, CanisterChange.Kind.CODE_DEPLOYMENT,
        "install", new byte[32], List.of()));
    sys.deferredStatuses().add(
        new SystemState.DeferredStatus(rid, new IngressStatus.Processing(c.id(), PrincipalId.ANONYMOUS, 5)));
    var e = c.execution();
    sys.snapshots().put("0001", new CanisterSnapshot(new byte[] {0, 1}, 5, 6, new byte[] {0, 'a'}, new byte[32],
        false, List.of(), new TreeMap<>(), e.heap().snapshot(), 3, e.stable().pageMap().snapshot(), 1,
        new long[] {1}, new long[] {0}, new byte[] {7}));
    sys.nextSnapshotIdx();
    var st = sys.settings();
    TreeMap<String, String> env = new TreeMap<>();
    env.put("MODE", "test");
    sys.setSettings(new CanisterSettings(st.controllers(), 7, 1 << 20, 3600, Cycles.of(11), 1L << 30, 4096,
        new LogVisibility.Public(), env, Cycles.of(123), new LogVisibility.AllowedViewers(List.of(PrincipalId.ANONYMOUS)),
        new LogVisibility.Public()));
    return c;
  }

  @Test
  void everySettingSurvivesTheRoundTrip() throws Exception {
    CanisterState c = rich();
    CanisterState back = CanisterCodec.decode(CanisterCodec.encode(c), CanisterCodec.pageMaps(c)::get);
    assertEquals(c.system().settings(), back.system().settings());
    assertEquals(Cycles.of(123), back.system().settings().minimumIncomingCallCycles());
  }

  @Test
  void canisterRoundTripIsExact() throws Exception {
    CanisterState c = rich();
    var maps = CanisterCodec.pageMaps(c);
    assertEquals(List.of("snapshots/0001/stable_memory", "snapshots/0001/vmemory_0", "stable_memory", "vmemory_0"),
        List.copyOf(maps.keySet()));
    byte[] bytes = CanisterCodec.encode(c);
    CanisterState back = CanisterCodec.decode(bytes, maps::get);
    assertArrayEquals(bytes, CanisterCodec.encode(back));
    ReplicatedState a = FakeExecutor.genesis();
    a.put(c);
    ReplicatedState b = FakeExecutor.genesis();
    b.put(back);
    assertArrayEquals(StateDigest.of(a), StateDigest.of(b));
  }

  @Property(tries = 300)
  void mutatedCanisterBytesFailOnlyWithDecodeException(@ForAll("seeds") long seed) throws IOException {
    byte[] bytes = CanisterCodec.encode(RICH);
    Random r = new Random(seed);
    byte[] m = bytes.clone();
    int k = 1 + r.nextInt(4);
    for (int i = 0; i < k; i++) {
      m[r.nextInt(m.length)] ^= (byte) (1 + r.nextInt(255));
    }
    if (r.nextBoolean()) {
      m = Arrays.copyOf(m, r.nextInt(m.length));
    }
    try {
      CanisterCodec.decode(m, name -> PageMapSnapshot.empty());
    } catch (DecodeException expected) {
      // the declared failure
    }
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }

  @Test
  void batchRoundTrip() throws Exception {
    Batch b = FakeExecutor.batch(9, 42);
    byte[] bytes = BatchCodec.encode(b);
    assertEquals(b, BatchCodec.decode(bytes));
    assertArrayEquals(bytes, BatchCodec.encode(BatchCodec.decode(bytes)));
  }

  @Test
  void subnetRoundTrip() throws Exception {
    ReplicatedState s = FakeExecutor.genesis();
    for (long h = 1; h <= 4; h++) {
      FakeExecutor.execute(s, FakeExecutor.batch(2, h));
    }
    s.subnetQueue().add(
        new Request(CanisterId.MANAGEMENT, CanisterId.fromU64(1), "raw_rand", new byte[0], Cycles.ZERO, 1, 0));
    ReplicatedState back = SubnetCodec.decodeSystem(SubnetCodec.encodeSystem(s));
    SubnetCodec.decodeIngress(SubnetCodec.encodeIngress(s.ingressHistory()), back.ingressHistory());
    assertArrayEquals(SubnetCodec.encodeSystem(s), SubnetCodec.encodeSystem(back));
    assertArrayEquals(SubnetCodec.encodeIngress(s.ingressHistory()), SubnetCodec.encodeIngress(back.ingressHistory()));
    assertEquals(s.ingressHistory().entries(), back.ingressHistory().entries());
  }
}
