package dev.jic.replicated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.unit.Cycles;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Ingress history, call context bookkeeping, queues, logs and history of the replicated state model. */
class StateModelTest {
  static final PrincipalId USER = PrincipalId.of(new byte[] {1, 2, 3});
  static final CanisterId C = CanisterId.fromU64(7);

  static RequestId id(int first) {
    byte[] b = new byte[32];
    b[0] = (byte) first;
    b[31] = 1;
    return RequestId.of(b);
  }

  @Test
  void ingressHistoryIsOrderedByUnsignedIdAndReplaceable() {
    IngressHistory h = new IngressHistory();
    h.set(id(0xff), new IngressStatus.Received(C, USER, 1));
    h.set(id(0x01), new IngressStatus.Received(C, USER, 1));
    h.set(id(0x80), new IngressStatus.Received(C, USER, 1));
    assertEquals(List.of(id(0x01), id(0x80), id(0xff)), new ArrayList<>(h.entries().keySet()),
        "0x80 and 0xff sort after 0x01 (unsigned)");
    // received -> processing -> replied -> done: each set replaces the entry, size unchanged.
    h.set(id(0x80), new IngressStatus.Processing(C, USER, 2));
    h.set(id(0x80), new IngressStatus.Replied(C, USER, 3, new byte[] {9}));
    assertEquals(3, h.size());
    IngressStatus.Replied r = (IngressStatus.Replied) h.get(id(0x80));
    assertArrayEquals(new byte[] {9}, r.reply());
    assertEquals(3, r.timeNanos());
    h.set(id(0x80), new IngressStatus.Done(C, USER, 4));
    assertEquals(new IngressStatus.Done(C, USER, 4), h.get(id(0x80)));
    h.remove(id(0x80));
    assertNull(h.get(id(0x80)), "removed = unknown");
    assertEquals(2, h.size());
    assertThrows(UnsupportedOperationException.class, () -> h.entries().clear());
  }

  @Test
  void repliedStatusCopiesItsBytes() {
    byte[] data = {1, 2};
    IngressStatus.Replied r = new IngressStatus.Replied(C, USER, 0, data);
    data[0] = 9;
    assertArrayEquals(new byte[] {1, 2}, r.reply());
    r.reply()[1] = 9;
    assertArrayEquals(new byte[] {1, 2}, r.reply());
    assertEquals(r, new IngressStatus.Replied(C, USER, 0, new byte[] {1, 2}));
    assertFalse(r.equals(new IngressStatus.Replied(C, USER, 1, new byte[] {1, 2})));
  }

  static Callback callback(long ctx) {
    return new Callback(ctx, C, Cycles.of(5), Cycles.of(6), new WasmClosure(1, 2), new WasmClosure(3, 4),
        Optional.empty(), 0);
  }

  @Test
  void callContextsAndCallbacksHaveFreshIdsAndCountOutstandingCalls() {
    CallContextManager m = new CallContextManager();
    long a = m.newCallContext(new CallOrigin.Ingress(USER, id(1)), Cycles.of(100));
    long b = m.newCallContext(new CallOrigin.SystemTask(), Cycles.ZERO);
    assertEquals(1, a);
    assertEquals(2, b);
    long cb1 = m.register(callback(a));
    long cb2 = m.register(callback(a));
    long cb3 = m.register(callback(b));
    assertEquals(List.of(1L, 2L, 3L), List.of(cb1, cb2, cb3));
    assertEquals(2, m.outstandingCallbacks(a));
    assertEquals(1, m.outstandingCallbacks(b));
    assertEquals(callback(a), m.unregister(cb1));
    assertNull(m.unregister(cb1), "a callback is consumed once");
    assertEquals(1, m.outstandingCallbacks(a));

    CallContext cc = m.context(a);
    assertFalse(cc.responded());
    m.update(a, cc.markResponded().plusInstructions(10).plusInstructions(5).withAvailableCycles(Cycles.of(40)));
    assertTrue(m.context(a).responded());
    assertEquals(15, m.context(a).instructionsExecuted());
    assertEquals(Cycles.of(40), m.context(a).availableCycles());
    CallContext deleted = m.context(b).markDeleted();
    assertTrue(deleted.deleted() && deleted.responded(), "deleting a context also answers it");

    m.remove(a);
    assertNull(m.context(a));
    assertThrows(IllegalArgumentException.class, () -> m.update(a, cc));
    assertEquals(3, m.newCallContext(new CallOrigin.Query(USER), Cycles.ZERO), "ids are never reused");
    assertEquals(4, m.nextCallContextId());
    assertEquals(4, m.nextCallbackId());
    assertThrows(UnsupportedOperationException.class, () -> m.contexts().clear());
    assertThrows(UnsupportedOperationException.class, () -> m.callbacks().clear());

    TreeMap<Long, CallContext> ctxs = new TreeMap<>();
    ctxs.put(9L, cc);
    m.restore(ctxs, new TreeMap<>(), 10, 20);
    assertEquals(List.of(9L), new ArrayList<>(m.contexts().keySet()));
    assertTrue(m.callbacks().isEmpty());
    assertEquals(10, m.newCallContext(new CallOrigin.SystemTask(), Cycles.ZERO));
    assertEquals(20, m.register(callback(10)));
  }

  static SystemState system() {
    return new SystemState(C, CanisterSettings.defaults(List.of(USER)), Cycles.of(1000));
  }

  @Test
  void queuesAreFifoAndCountAsInput() {
    SystemState s = system();
    assertFalse(s.hasInput());
    Ingress i1 = new Ingress(id(1), USER, C, "a", new byte[] {1}, 10);
    Ingress i2 = new Ingress(id(2), USER, C, "b", new byte[0], 10);
    s.ingressQueue().addLast(i1);
    s.ingressQueue().addLast(i2);
    assertTrue(s.hasInput());
    assertEquals(i1, s.ingressQueue().pollFirst());
    assertEquals(i2, s.ingressQueue().pollFirst());
    assertFalse(s.hasInput());
    Request r = new Request(C, CanisterId.fromU64(8), "m", new byte[] {4}, Cycles.of(3), 1, 0);
    s.inputRequests().addLast(r);
    assertTrue(s.hasInput());
    assertEquals(r, s.inputRequests().pollFirst());
    s.inputResponses().addLast(new Response(C, CanisterId.fromU64(8), 1, Cycles.ZERO, new Payload.Data(new byte[0]),
        0));
    assertTrue(s.hasInput());
  }

  @Test
  void cyclesLogAndHistoryBookkeeping() {
    SystemState s = system();
    s.debit(Cycles.of(300));
    s.credit(Cycles.of(50));
    assertEquals(Cycles.of(750), s.balance());
    long v = s.version();
    s.bumpVersion();
    assertEquals(v + 1, s.version());

    // The log keeps the newest records within 4 KiB; indexes keep counting across drops and clears.
    for (int i = 0; i < 10; i++) {
      s.appendLog(i, new byte[1000]);
    }
    List<CanisterLogRecord> log = s.logRecords();
    assertEquals(4, log.size(), "4 x 1000 bytes fit in 4096");
    assertEquals(6, log.getFirst().idx());
    assertEquals(9, log.getLast().idx());
    s.clearLog();
    assertTrue(s.logRecords().isEmpty());
    s.appendLog(11, new byte[] {1});
    assertEquals(10, s.logRecords().getFirst().idx());

    for (int i = 0; i < 25; i++) {
      s.recordChange(new CanisterChange(i, i, USER, false, CanisterChange.Kind.CONTROLLERS_CHANGE, null, null,
          List.of(USER)));
    }
    assertEquals(SystemState.MAX_HISTORY, s.history().size());
    assertEquals(25, s.totalChanges());
    assertEquals(5, s.history().getFirst().timeNanos(), "the oldest entries are dropped");
  }
}
