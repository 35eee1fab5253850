package dev.jic.state.codec;

import dev.jic.pagemap.PageMap;
import dev.jic.pagemap.PageMapSnapshot;
import dev.jic.pagemap.StableMemory;
import dev.jic.replicated.CallContext;
import dev.jic.replicated.Callback;
import dev.jic.replicated.CanisterChange;
import dev.jic.replicated.CanisterLogRecord;
import dev.jic.replicated.CanisterSettings;
import dev.jic.replicated.CanisterSnapshot;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.CanisterStatus;
import dev.jic.replicated.ExecutionState;
import dev.jic.replicated.IcpSection;
import dev.jic.replicated.Ingress;
import dev.jic.replicated.LogVisibility;
import dev.jic.replicated.Request;
import dev.jic.replicated.Response;
import dev.jic.replicated.SystemState;
import dev.jic.replicated.WasmClosure;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.id.PrincipalId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The checkpoint encoding of one canister ({@code canister.bin}): its whole system state, its
 * execution state without the memories, and its snapshots without their memories. Memories are
 * page maps stored beside it under the names of {@link #pageMaps}. Version 2 added the settings
 * {@code minimum_incoming_canister_call_cycles}, {@code snapshot_visibility} and
 * {@code status_visibility}; version 1 encodings still decode, with those at their defaults.
 */
public final class CanisterCodec {
  /** Format version written first. */
  public static final int VERSION = 2;
  /** Page map name of the Wasm heap. */
  public static final String HEAP = "vmemory_0";
  /** Page map name of stable memory. */
  public static final String STABLE = "stable_memory";

  private CanisterCodec() {}

  /** Opens a page map stored beside the canister (relative name, e.g. {@code vmemory_0}). */
  @FunctionalInterface
  public interface PageMapSource {
    /** The committed content of page map {@code name}. */
    PageMapSnapshot open(String name) throws IOException, DecodeException;
  }

  /** The page maps of {@code c} by relative name (heap, stable, snapshots' memories), ascending. */
  public static SortedMap<String, PageMapSnapshot> pageMaps(CanisterState c) {
    TreeMap<String, PageMapSnapshot> out = new TreeMap<>();
    ExecutionState e = c.execution();
    if (e != null) {
      out.put(HEAP, e.heap().snapshot());
      out.put(STABLE, e.stable().pageMap().snapshot());
    }
    for (CanisterSnapshot s : c.system().snapshots().values()) {
      String dir = snapshotDir(s);
      out.put(dir + HEAP, s.heap());
      out.put(dir + STABLE, s.stable());
    }
    return out;
  }

  private static String snapshotDir(CanisterSnapshot s) {
    return "snapshots/" + HexFormat.of().formatHex(s.id()) + "/";
  }

  /** The encoding of {@code c} (memories excluded). Reads committed state only. */
  public static byte[] encode(CanisterState c) {
    BinWriter w = new BinWriter().u32(VERSION);
    SystemState s = c.system();
    w.canister(s.id());
    settings(w, s.settings());
    w.u8(s.status().code()).cycles(s.balance()).cycles(s.reservedBalance()).bytes(s.certifiedData())
        .u64(s.globalTimerNanos()).u64(s.version());
    var cc = s.callContexts();
    w.u64(cc.nextCallContextId()).u64(cc.nextCallbackId()).u32(cc.contexts().size());
    for (Map.Entry<Long, CallContext> e : cc.contexts().entrySet()) {
      CallContext x = e.getValue();
      w.u64(e.getKey());
      MessageCodec.origin(w, x.origin());
      w.bool(x.responded()).bool(x.deleted()).cycles(x.availableCycles()).u64(x.instructionsExecuted());
    }
    w.u32(cc.callbacks().size());
    for (Map.Entry<Long, Callback> e : cc.callbacks().entrySet()) {
      Callback b = e.getValue();
      w.u64(e.getKey()).u64(b.callContextId()).canister(b.respondent()).cycles(b.cyclesSent())
          .cycles(b.prepaidForResponse());
      closure(w, b.onReply());
      closure(w, b.onReject());
      w.bool(b.onCleanup().isPresent());
      b.onCleanup().ifPresent(x -> closure(w, x));
      w.u64(b.deadlineNanos());
    }
    requests(w, s.inputRequests());
    responses(w, s.inputResponses());
    requests(w, s.outputRequests());
    responses(w, s.outputResponses());
    List<CanisterLogRecord> log = s.logRecords();
    w.u64(s.nextLogIdx()).u32(log.size());
    for (CanisterLogRecord r : log) {
      w.u64(r.idx()).u64(r.timestampNanos()).bytes(r.content());
    }
    w.u32(s.ingressQueue().size());
    for (Ingress i : s.ingressQueue()) {
      MessageCodec.ingress(w, i);
    }
    w.u32(s.stopWaiters().size());
    for (SystemState.StopWaiter x : s.stopWaiters()) {
      MessageCodec.origin(w, x.origin());
      w.u64(x.callbackId());
    }
    w.u32(s.chunkStore().size());
    for (Map.Entry<String, byte[]> e : s.chunkStore().entrySet()) {
      w.str(e.getKey()).bytes(e.getValue());
    }
    w.u64(s.peekNextSnapshotIdx()).u32(s.snapshots().size());
    for (Map.Entry<String, CanisterSnapshot> e : s.snapshots().entrySet()) {
      w.str(e.getKey());
      snapshot(w, e.getValue());
    }
    w.u64(s.totalChanges()).u32(s.history().size());
    for (CanisterChange ch : s.history()) {
      change(w, ch);
    }
    w.u64(s.accumulatedPriority()).u64(s.storageChargedUntilNanos()).u64(s.pausedRounds());
    w.u32(s.deferredStatuses().size());
    for (SystemState.DeferredStatus d : s.deferredStatuses()) {
      MessageCodec.requestId(w, d.messageId());
      MessageCodec.status(w, d.status());
    }
    ExecutionState e = c.execution();
    w.bool(e != null);
    if (e != null) {
      w.bytes(e.wasmBinaryUnsafe()).raw(e.moduleHash()).bool(e.wasm64());
      strings(w, e.exports());
      sections(w, e.metadata());
      w.u32(e.heapPages()).u64(e.stable().sizeInWasmPages()).u64(e.stable().maxWasmPages());
      longs(w, e.globalsLow());
      longs(w, e.globalsHigh());
    }
    return w.toBytes();
  }

  /**
   * Decodes a canister whose memories come from {@code pages}.
   *
   * @throws DecodeException if the bytes are not a valid version-1 or version-2 canister encoding
   * @throws IOException if a page map cannot be opened
   */
  public static CanisterState decode(byte[] bytes, PageMapSource pages) throws DecodeException, IOException {
    try {
      return decodeUnchecked(new BinReader(bytes), pages);
    } catch (IllegalArgumentException | NullPointerException | ArithmeticException e) {
      throw new DecodeException("invalid canister state: " + e.getMessage());
    }
  }

  private static CanisterState decodeUnchecked(BinReader r, PageMapSource pages)
      throws DecodeException, IOException {
    int v = r.u32();
    if (v != 1 && v != VERSION) {
      throw new DecodeException("unsupported canister encoding version " + v);
    }
    var id = r.canister();
    CanisterSettings settings = settings(r, v);
    int statusCode = r.u8();
    CanisterStatus status = null;
    for (CanisterStatus x : CanisterStatus.values()) {
      if (x.code() == statusCode) {
        status = x;
      }
    }
    if (status == null) {
      throw new DecodeException("bad canister status " + statusCode);
    }
    SystemState s = new SystemState(id, settings, r.cycles());
    s.setStatus(status);
    s.restoreReservedBalance(r.cycles());
    s.setCertifiedData(r.bytes());
    s.setGlobalTimerNanos(r.u64());
    s.restoreVersion(r.u64());
    long nextCtx = r.u64();
    long nextCb = r.u64();
    TreeMap<Long, CallContext> ctxs = new TreeMap<>();
    for (int i = r.count(8); i > 0; i--) {
      long k = r.u64();
      ctxs.put(k, new CallContext(MessageCodec.origin(r), r.bool(), r.bool(), r.cycles(), r.u64()));
    }
    TreeMap<Long, Callback> cbs = new TreeMap<>();
    for (int i = r.count(8); i > 0; i--) {
      long k = r.u64();
      long ctx = r.u64();
      var respondent = r.canister();
      var sent = r.cycles();
      var prepaid = r.cycles();
      WasmClosure onReply = closure(r);
      WasmClosure onReject = closure(r);
      Optional<WasmClosure> cleanup = r.bool() ? Optional.of(closure(r)) : Optional.empty();
      cbs.put(k, new Callback(ctx, respondent, sent, prepaid, onReply, onReject, cleanup, r.u64()));
    }
    s.callContexts().restore(ctxs, cbs, nextCtx, nextCb);
    s.inputRequests().addAll(requests(r));
    s.inputResponses().addAll(responses(r));
    s.outputRequests().addAll(requests(r));
    s.outputResponses().addAll(responses(r));
    long nextLog = r.u64();
    List<CanisterLogRecord> log = new ArrayList<>();
    for (int i = r.count(16); i > 0; i--) {
      log.add(new CanisterLogRecord(r.u64(), r.u64(), r.bytes()));
    }
    s.restoreLog(log, nextLog);
    for (int i = r.count(32); i > 0; i--) {
      s.ingressQueue().addLast(MessageCodec.ingress(r));
    }
    for (int i = r.count(1); i > 0; i--) {
      s.stopWaiters().add(new SystemState.StopWaiter(MessageCodec.origin(r), r.u64()));
    }
    for (int i = r.count(8); i > 0; i--) {
      s.chunkStore().put(r.str(), r.bytes());
    }
    s.restoreNextSnapshotIdx(r.u64());
    for (int i = r.count(8); i > 0; i--) {
      String key = r.str();
      s.snapshots().put(key, snapshot(r, pages));
    }
    long total = r.u64();
    List<CanisterChange> history = new ArrayList<>();
    for (int i = r.count(8); i > 0; i--) {
      history.add(change(r));
    }
    s.restoreHistory(history, total);
    s.setAccumulatedPriority(r.u64());
    s.setStorageChargedUntilNanos(r.u64());
    s.setPausedRounds(r.u64());
    for (int i = r.count(32); i > 0; i--) {
      s.deferredStatuses().add(new SystemState.DeferredStatus(MessageCodec.requestId(r), MessageCodec.status(r)));
    }
    ExecutionState e = null;
    if (r.bool()) {
      byte[] wasm = r.bytes();
      byte[] hash = r.raw(32);
      boolean wasm64 = r.bool();
      List<String> exports = strings(r);
      SortedMap<String, IcpSection> meta = sections(r);
      int heapPages = r.u32();
      long stablePages = r.u64();
      long stableMax = r.u64();
      long[] lo = longs(r);
      long[] hi = longs(r);
      PageMap heap = PageMap.fromSnapshot(pages.open(HEAP));
      StableMemory stable = new StableMemory(PageMap.fromSnapshot(pages.open(STABLE)), stablePages, stableMax);
      e = new ExecutionState(wasm, hash, wasm64, exports, meta, heap, heapPages, stable, lo, hi);
    }
    r.end();
    return new CanisterState(s, e);
  }

  private static void snapshot(BinWriter w, CanisterSnapshot s) {
    w.bytes(s.id()).u64(s.takenAtNanos()).u64(s.canisterVersion()).bytes(s.wasmBinary()).bytes(s.moduleHash())
        .bool(s.wasm64());
    strings(w, s.exports());
    sections(w, s.metadata());
    w.u32(s.heapPages()).u64(s.stablePages());
    longs(w, s.globalsLow());
    longs(w, s.globalsHigh());
    w.bytes(s.certifiedData());
  }

  private static CanisterSnapshot snapshot(BinReader r, PageMapSource pages) throws DecodeException, IOException {
    byte[] id = r.bytes();
    long taken = r.u64();
    long version = r.u64();
    byte[] wasm = r.bytes();
    byte[] hash = r.bytes();
    boolean wasm64 = r.bool();
    List<String> exports = strings(r);
    SortedMap<String, IcpSection> meta = sections(r);
    int heapPages = r.u32();
    long stablePages = r.u64();
    long[] lo = longs(r);
    long[] hi = longs(r);
    byte[] certified = r.bytes();
    String dir = "snapshots/" + HexFormat.of().formatHex(id) + "/";
    return new CanisterSnapshot(id, taken, version, wasm, hash, wasm64, exports, meta, pages.open(dir + HEAP),
        heapPages, pages.open(dir + STABLE), stablePages, lo, hi, certified);
  }

  private static void settings(BinWriter w, CanisterSettings s) {
    principals(w, s.controllers());
    w.u32(s.computeAllocation()).u64(s.memoryAllocation()).u64(s.freezingThreshold()).cycles(s.reservedCyclesLimit())
        .u64(s.wasmMemoryLimit()).u64(s.wasmMemoryThreshold());
    visibility(w, s.logVisibility());
    w.u32(s.environmentVariables().size());
    s.environmentVariables().forEach((k, v) -> w.str(k).str(v));
    // Since format version 2.
    w.cycles(s.minimumIncomingCallCycles());
    visibility(w, s.snapshotVisibility());
    visibility(w, s.statusVisibility());
  }

  private static void visibility(BinWriter w, LogVisibility v) {
    switch (v) {
      case LogVisibility.Controllers c -> w.u8(0);
      case LogVisibility.Public p -> w.u8(1);
      case LogVisibility.AllowedViewers a -> {
        w.u8(2);
        principals(w, a.viewers());
      }
    }
  }

  private static LogVisibility visibility(BinReader r) throws DecodeException {
    int tag = r.u8();
    return switch (tag) {
      case 0 -> new LogVisibility.Controllers();
      case 1 -> new LogVisibility.Public();
      case 2 -> new LogVisibility.AllowedViewers(principals(r));
      default -> throw new DecodeException("bad visibility tag " + tag);
    };
  }

  private static CanisterSettings settings(BinReader r, int formatVersion) throws DecodeException {
    List<PrincipalId> controllers = principals(r);
    int compute = r.u32();
    long mem = r.u64();
    long freezing = r.u64();
    var reserved = r.cycles();
    long limit = r.u64();
    long threshold = r.u64();
    LogVisibility vis = visibility(r);
    TreeMap<String, String> env = new TreeMap<>();
    for (int i = r.count(8); i > 0; i--) {
      env.put(r.str(), r.str());
    }
    if (formatVersion < 2) {
      return new CanisterSettings(controllers, compute, mem, freezing, reserved, limit, threshold, vis, env);
    }
    var minimumIncoming = r.cycles();
    LogVisibility snapshots = visibility(r);
    LogVisibility status = visibility(r);
    return new CanisterSettings(controllers, compute, mem, freezing, reserved, limit, threshold, vis, env,
        minimumIncoming, snapshots, status);
  }

  private static void change(BinWriter w, CanisterChange c) {
    int kind =
        switch (c.kind()) {
          case CREATION -> 0;
          case CODE_UNINSTALL -> 1;
          case CODE_DEPLOYMENT -> 2;
          case CONTROLLERS_CHANGE -> 3;
          case LOAD_SNAPSHOT -> 4;
        };
    w.u64(c.timeNanos()).u64(c.canisterVersion()).principal(c.originUser()).bool(c.originIsCanister()).u8(kind)
        .optStr(c.mode()).optBytes(c.moduleHash());
    principals(w, c.controllers());
  }

  private static CanisterChange change(BinReader r) throws DecodeException {
    long t = r.u64();
    long v = r.u64();
    PrincipalId origin = r.principal();
    boolean isCanister = r.bool();
    int k = r.u8();
    CanisterChange.Kind kind =
        switch (k) {
          case 0 -> CanisterChange.Kind.CREATION;
          case 1 -> CanisterChange.Kind.CODE_UNINSTALL;
          case 2 -> CanisterChange.Kind.CODE_DEPLOYMENT;
          case 3 -> CanisterChange.Kind.CONTROLLERS_CHANGE;
          case 4 -> CanisterChange.Kind.LOAD_SNAPSHOT;
          default -> throw new DecodeException("bad change kind " + k);
        };
    return new CanisterChange(t, v, origin, isCanister, kind, r.optStr(), r.optBytes(), principals(r));
  }

  private static void requests(BinWriter w, java.util.Collection<Request> qs) {
    w.u32(qs.size());
    for (Request q : qs) {
      MessageCodec.request(w, q);
    }
  }

  private static List<Request> requests(BinReader r) throws DecodeException {
    List<Request> out = new ArrayList<>();
    for (int i = r.count(8); i > 0; i--) {
      out.add(MessageCodec.request(r));
    }
    return out;
  }

  private static void responses(BinWriter w, java.util.Collection<Response> ps) {
    w.u32(ps.size());
    for (Response p : ps) {
      MessageCodec.response(w, p);
    }
  }

  private static List<Response> responses(BinReader r) throws DecodeException {
    List<Response> out = new ArrayList<>();
    for (int i = r.count(8); i > 0; i--) {
      out.add(MessageCodec.response(r));
    }
    return out;
  }

  private static void closure(BinWriter w, WasmClosure c) {
    w.u64(c.tableIndex()).u64(c.env());
  }

  private static WasmClosure closure(BinReader r) throws DecodeException {
    return new WasmClosure(r.u64(), r.u64());
  }

  private static void principals(BinWriter w, List<PrincipalId> ps) {
    w.u32(ps.size());
    for (PrincipalId p : ps) {
      w.principal(p);
    }
  }

  private static List<PrincipalId> principals(BinReader r) throws DecodeException {
    List<PrincipalId> out = new ArrayList<>();
    for (int i = r.count(4); i > 0; i--) {
      out.add(r.principal());
    }
    return out;
  }

  private static void strings(BinWriter w, List<String> ss) {
    w.u32(ss.size());
    for (String s : ss) {
      w.str(s);
    }
  }

  private static List<String> strings(BinReader r) throws DecodeException {
    List<String> out = new ArrayList<>();
    for (int i = r.count(4); i > 0; i--) {
      out.add(r.str());
    }
    return out;
  }

  private static void sections(BinWriter w, SortedMap<String, IcpSection> m) {
    w.u32(m.size());
    for (Map.Entry<String, IcpSection> e : m.entrySet()) {
      w.str(e.getKey()).str(e.getValue().name()).bool(e.getValue().isPublic()).bytes(e.getValue().content());
    }
  }

  private static SortedMap<String, IcpSection> sections(BinReader r) throws DecodeException {
    TreeMap<String, IcpSection> out = new TreeMap<>();
    for (int i = r.count(4); i > 0; i--) {
      out.put(r.str(), new IcpSection(r.str(), r.bool(), r.bytes()));
    }
    return out;
  }

  private static void longs(BinWriter w, long[] a) {
    w.u32(a.length);
    for (long x : a) {
      w.u64(x);
    }
  }

  private static long[] longs(BinReader r) throws DecodeException {
    long[] a = new long[r.count(8)];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.u64();
    }
    return a;
  }
}
