package dev.jic.replicated;

import dev.jic.pagemap.PageMap;
import dev.jic.pagemap.Pages;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.unit.Cycles;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * A deterministic SHA-256 digest of everything replicated in a {@link ReplicatedState}: metadata,
 * every canister (system state, queues, call contexts, callbacks, logs, scheduler fields, chunk
 * store, snapshots ids, heap and stable memory pages, globals) and the ingress history, each in
 * ascending key order. Not the certified state-tree root hash (that is the state manager's): a
 * test and debugging aid ("same inputs, same state"). Reads committed memory only; call between
 * rounds.
 */
public final class StateDigest {
  private final MessageDigest md;

  private StateDigest() {
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The digest of {@code s}. */
  public static byte[] of(ReplicatedState s) {
    StateDigest d = new StateDigest();
    SystemMetadata m = s.metadata();
    d.bytes(m.subnetId().principal().toBytes()).u64(m.batchHeight().value()).u64(m.batchTimeNanos())
        .u64(m.nextCanisterIndex());
    d.u64(s.canisters().size());
    for (CanisterState c : s.canisters().values()) {
      d.canister(c);
    }
    d.u64(s.subnetQueue().size());
    for (SubnetMessage sm : s.subnetQueue()) {
      switch (sm) {
        case Ingress i -> d.str("ingress").ingress(i);
        case Request r -> d.str("request").request(r);
      }
    }
    d.u64(s.ingressHistory().size());
    for (Map.Entry<RequestId, IngressStatus> e : s.ingressHistory().entries().entrySet()) {
      d.bytes(e.getKey().toBytes()).status(e.getValue());
    }
    return d.md.digest();
  }

  private void canister(CanisterState c) {
    SystemState s = c.system();
    bytes(c.id().principal().toBytes()).str(s.status().name()).cycles(s.balance()).u64(s.version())
        .bytes(s.certifiedData()).u64(s.globalTimerNanos()).u64(s.accumulatedPriority()).u64(s.pausedRounds())
        .u64(s.storageChargedUntilNanos()).u64(s.totalChanges());
    CanisterSettings st = s.settings();
    u64(st.controllers().size());
    for (PrincipalId p : st.controllers()) {
      bytes(p.toBytes());
    }
    u64(st.computeAllocation()).u64(st.memoryAllocation()).u64(st.freezingThreshold()).u64(st.wasmMemoryLimit())
        .cycles(st.reservedCyclesLimit()).u64(st.wasmMemoryThreshold()).str(st.logVisibility().toString())
        .cycles(st.minimumIncomingCallCycles()).str(st.snapshotVisibility().toString())
        .str(st.statusVisibility().toString())
        .u64(st.environmentVariables().size());
    for (Map.Entry<String, String> e : st.environmentVariables().entrySet()) {
      str(e.getKey()).str(e.getValue());
    }
    cycles(s.reservedBalance()).u64(s.nextLogIdx()).u64(s.peekNextSnapshotIdx()).u64(s.stopWaiters().size());
    for (SystemState.StopWaiter w : s.stopWaiters()) {
      str(w.origin().toString()).u64(w.callbackId());
    }
    u64(s.deferredStatuses().size());
    for (SystemState.DeferredStatus d : s.deferredStatuses()) {
      bytes(d.messageId().toBytes()).status(d.status());
    }
    u64(s.history().size());
    for (CanisterChange ch : s.history()) {
      u64(ch.timeNanos()).u64(ch.canisterVersion()).bytes(ch.originUser().toBytes()).u64(ch.originIsCanister() ? 1 : 0)
          .str(ch.kind().name()).str(String.valueOf(ch.mode()))
          .bytes(ch.moduleHash() == null ? new byte[0] : ch.moduleHash()).u64(ch.controllers().size());
      for (PrincipalId p : ch.controllers()) {
        bytes(p.toBytes());
      }
    }
    CallContextManager m = s.callContexts();
    u64(m.nextCallContextId()).u64(m.nextCallbackId());
    for (Map.Entry<Long, CallContext> e : m.contexts().entrySet()) {
      CallContext cc = e.getValue();
      u64(e.getKey()).str(cc.origin().toString()).u64(cc.responded() ? 1 : 0).u64(cc.deleted() ? 1 : 0)
          .cycles(cc.availableCycles()).u64(cc.instructionsExecuted());
    }
    for (Map.Entry<Long, Callback> e : m.callbacks().entrySet()) {
      Callback cb = e.getValue();
      u64(e.getKey()).u64(cb.callContextId()).bytes(cb.respondent().principal().toBytes()).cycles(cb.cyclesSent())
          .cycles(cb.prepaidForResponse()).u64(cb.deadlineNanos()).closure(cb.onReply()).closure(cb.onReject())
          .u64(cb.onCleanup().isPresent() ? 1 : 0);
      cb.onCleanup().ifPresent(this::closure);
    }
    u64(s.ingressQueue().size());
    for (Ingress i : s.ingressQueue()) {
      ingress(i);
    }
    u64(s.inputRequests().size());
    for (Request r : s.inputRequests()) {
      request(r);
    }
    u64(s.inputResponses().size());
    for (Response r : s.inputResponses()) {
      response(r);
    }
    u64(s.outputRequests().size());
    for (Request r : s.outputRequests()) {
      request(r);
    }
    u64(s.outputResponses().size());
    for (Response r : s.outputResponses()) {
      response(r);
    }
    u64(s.logRecords().size());
    for (CanisterLogRecord r : s.logRecords()) {
      u64(r.idx()).u64(r.timestampNanos()).bytes(r.content());
    }
    u64(s.chunkStore().size());
    for (Map.Entry<String, byte[]> e : s.chunkStore().entrySet()) {
      str(e.getKey()); // the key is the SHA-256 of the chunk
    }
    u64(s.snapshots().size());
    for (String id : s.snapshots().keySet()) {
      str(id);
    }
    ExecutionState es = c.execution();
    if (es == null) {
      str("empty");
      return;
    }
    bytes(es.moduleHash()).u64(es.heapPages()).u64(es.stable().sizeInWasmPages());
    for (long g : es.globalsLow()) {
      u64(g);
    }
    for (long g : es.globalsHigh()) {
      u64(g);
    }
    pages(es.heap(), (long) es.heapPages() * Pages.PAGES_PER_WASM_PAGE);
    pages(es.stable().pageMap(), es.stable().sizeInWasmPages() * Pages.PAGES_PER_WASM_PAGE);
  }

  private void pages(PageMap pm, long count) {
    long bound = Math.min(count, pm.snapshot().pageBound());
    for (long i = 0; i < bound; i++) {
      byte[] p = pm.pageForRead(i);
      if (!Pages.isSharedZeroPage(p)) {
        u64(i);
        md.update(p);
      }
    }
  }

  private StateDigest closure(WasmClosure c) {
    return u64(c.tableIndex()).u64(c.env());
  }

  private StateDigest ingress(Ingress i) {
    return bytes(i.messageId().toBytes()).bytes(i.source().toBytes()).bytes(i.receiver().principal().toBytes())
        .str(i.method()).bytes(i.payload()).u64(i.expiryNanos());
  }

  private StateDigest request(Request r) {
    return bytes(r.receiver().principal().toBytes()).bytes(r.sender().principal().toBytes()).str(r.method())
        .bytes(r.payload()).cycles(r.cycles()).u64(r.senderCallbackId()).u64(r.deadlineNanos());
  }

  private StateDigest response(Response r) {
    bytes(r.originator().principal().toBytes()).bytes(r.respondent().principal().toBytes())
        .u64(r.originatorCallbackId()).cycles(r.refund()).u64(r.deadlineNanos());
    return switch (r.payload()) {
      case Payload.Data d -> str("reply").bytes(d.bytes());
      case Payload.Reject j -> str("reject").u64(j.code().code()).str(j.message());
    };
  }

  private StateDigest status(IngressStatus st) {
    bytes(st.receiver().principal().toBytes()).bytes(st.user().toBytes()).u64(st.timeNanos());
    return switch (st) {
      case IngressStatus.Received r -> str("received");
      case IngressStatus.Processing p -> str("processing");
      case IngressStatus.Replied r -> str("replied").bytes(r.reply());
      case IngressStatus.Rejected r -> str("rejected").u64(r.code().code()).str(r.message()).str(r.errorCode());
      case IngressStatus.Done d -> str("done");
    };
  }

  private StateDigest u64(long v) {
    for (int i = 0; i < 8; i++) {
      md.update((byte) (v >>> (8 * i)));
    }
    return this;
  }

  private StateDigest bytes(byte[] b) {
    u64(b.length);
    md.update(b);
    return this;
  }

  private StateDigest str(String s) {
    return bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  private StateDigest cycles(Cycles c) {
    return u64(c.high()).u64(c.low());
  }
}
