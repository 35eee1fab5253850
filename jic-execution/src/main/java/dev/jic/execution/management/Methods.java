package dev.jic.execution.management;

import static dev.jic.execution.management.McCandid.*;

import dev.jic.execution.CanisterManager;
import dev.jic.execution.ErrorCode;
import dev.jic.execution.Executor;
import dev.jic.execution.InstallMode;
import dev.jic.execution.UserError;
import dev.jic.execution.management.ManagementCanister.Call;
import dev.jic.execution.management.ManagementCanister.Outcome;
import dev.jic.replicated.CallOrigin;
import dev.jic.replicated.CanisterChange;
import dev.jic.replicated.CanisterLogRecord;
import dev.jic.replicated.CanisterSettings;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.CanisterStatus;
import dev.jic.replicated.LogVisibility;
import dev.jic.replicated.ReplicatedState;
import dev.jic.replicated.SystemState;
import dev.jic.types.candid.IdlValue;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.Sha;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.unit.Cycles;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** The management canister's methods (see {@link ManagementCanister}). */
final class Methods {
  /** Maximum chunk size (1 MiB) and chunk store entries (replica: 100). */
  static final int MAX_CHUNK = 1 << 20;
  static final int MAX_CHUNKS = 100;
  private final Executor executor;
  private final CanisterManager manager;
  private final ManagementCanister mc;
  private final Snapshots snapshots;

  Methods(Executor executor, CanisterManager manager, ManagementCanister mc) {
    this.executor = executor;
    this.manager = manager;
    this.mc = mc;
    this.snapshots = new Snapshots(executor);
  }

  /** An outcome, instructions used, and the canister whose execution it was (for slicing). */
  record Result(Outcome outcome, long instructions, CanisterId target) {}

  Result execute(ReplicatedState state, Call call, long now) {
    return execute(state, call, now, false);
  }

  Result execute(ReplicatedState state, Call call, long now, boolean query) {
    try {
      return dispatch(state, call, now, query);
    } catch (DecodeException e) {
      return err(ManagementCanister.invalidPayload(e));
    } catch (Failure f) {
      return err(f.error);
    }
  }

  /** A management error, thrown inside a method and caught in {@link #execute}. */
  static final class Failure extends Exception {
    final UserError error;

    Failure(UserError error) {
      super(error.toString(), null, false, false);
      this.error = error;
    }
  }

  private static Result err(UserError e) {
    return new Result(new Outcome.Error(e), 0, null);
  }

  private static Result ok(byte[] data) {
    return new Result(new Outcome.Reply(data, Cycles.ZERO), 0, null);
  }

  private Result okRefund(byte[] data, Call call) {
    return new Result(new Outcome.Reply(data, call.cycles()), 0, null);
  }

  private Result dispatch(ReplicatedState state, Call call, long now, boolean query) throws DecodeException,
      Failure {
    String m = call.method();
    if (!query && (m.equals("fetch_canister_logs"))) {
      throw new Failure(new UserError(ErrorCode.CANISTER_REJECTED_MESSAGE,
          "fetch_canister_logs API is only accessible in non-replicated mode"));
    }
    if (!call.fromCanister() && (m.equals("raw_rand") || m.equals("deposit_cycles") || m.equals("create_canister")
        || m.equals("canister_info"))) {
      // dfinity/ic execution_environment: "<method> cannot be called by a user." (IC0504); the HTTP
      // layer normally filters these ingress messages earlier.
      throw new Failure(new UserError(ErrorCode.CANISTER_CONTRACT_VIOLATION, m + " cannot be called by a user."));
    }
    byte[] a = call.payload();
    switch (m) {
      case "raw_rand" -> {
        return okRefund(encode(dev.jic.types.candid.IdlType.BLOB, new IdlValue.Blob(mc.nextRandom())), call);
      }
      case "create_canister" -> {
        IdlValue.Record r = decodeRecord(a, CREATE);
        Cycles fee = executor.costs().canisterCreation();
        if (call.cycles().compareTo(fee) < 0) {
          throw new Failure(new UserError(ErrorCode.INSUFFICIENT_CYCLES_FOR_CREATE_CANISTER,
              "Creating a canister requires a fee of " + fee + " that is deducted from the canister's initial "
                  + "balance but only " + call.cycles() + " cycles were received with the create_canister request."));
        }
        return ok(create(state, call, opt(r, "settings"), call.cycles().minus(fee), null, now));
      }
      case "provisional_create_canister_with_cycles" -> {
        IdlValue.Record r = decodeRecord(a, PROVISIONAL_CREATE);
        Cycles amount = opt(r, "amount").map(v -> Cycles.of(nat(v))).orElse(ManagementCanister.DEFAULT_PROVISIONAL_CYCLES);
        PrincipalId specified = opt(r, "specified_id").map(v -> ((IdlValue.Principal) v).id()).orElse(null);
        return okRefund(create(state, call, opt(r, "settings"), amount, specified, now), call);
      }
      case "provisional_top_up_canister" -> {
        IdlValue.Record r = decodeRecord(a, TOP_UP);
        CanisterState c = canister(state, principal(r, "canister_id"));
        c.system().credit(Cycles.of(nat(r.get("amount"))));
        return okRefund(empty(), call);
      }
      case "deposit_cycles" -> {
        CanisterState c = canister(state, principal(decodeRecord(a, CANISTER_ID_RECORD), "canister_id"));
        c.system().credit(call.cycles());
        return ok(empty());
      }
      case "update_settings" -> {
        IdlValue.Record r = decodeRecord(a, UPDATE_SETTINGS);
        CanisterState c = controlled(state, principal(r, "canister_id"), call);
        CanisterSettings s = applySettings(c.system().settings(), (IdlValue.Record) r.get("settings"), call.caller());
        boolean controllersChanged = !s.controllers().equals(c.system().settings().controllers());
        c.system().setSettings(s);
        c.system().bumpVersion();
        if (controllersChanged) {
          change(c, call, now, CanisterChange.Kind.CONTROLLERS_CHANGE, null, null, s.controllers());
        }
        return okRefund(empty(), call);
      }
      case "install_code" -> {
        IdlValue.Record r = decodeRecord(a, INSTALL);
        CanisterState c = controlled(state, principal(r, "canister_id"), call);
        return install(c, call, mode(r.get("mode")), blob(r, "wasm_module"), blob(r, "arg"), now);
      }
      case "install_chunked_code" -> {
        IdlValue.Record r = decodeRecord(a, INSTALL_CHUNKED);
        CanisterState c = controlled(state, principal(r, "target_canister"), call);
        CanisterState store = opt(r, "store_canister").map(v -> ((IdlValue.Principal) v).id()).isPresent()
            ? controlled(state, opt(r, "store_canister").map(v -> ((IdlValue.Principal) v).id()).get(), call) : c;
        ByteArrayOutputStream wasm = new ByteArrayOutputStream();
        for (IdlValue h : ((IdlValue.Vec) r.get("chunk_hashes_list")).values()) {
          String hex = HexFormat.of().formatHex(blob((IdlValue.Record) h, "hash"));
          byte[] chunk = store.system().chunkStore().get(hex);
          if (hex.length() != 64) {
            throw chunkStoreError("Chunk hash is invalid. The length is not 32");
          }
          if (chunk == null) {
            throw chunkStoreError("Chunk hash " + debugBytes(HexFormat.of().parseHex(hex)) + " was not found");
          }
          wasm.writeBytes(chunk);
        }
        byte[] module = wasm.toByteArray();
        byte[] given = blob(r, "wasm_module_hash");
        if (given.length != 32) {
          throw new Failure(new UserError(ErrorCode.CANISTER_CONTRACT_VIOLATION,
              "Invalid wasm hash " + debugBytes(given)));
        }
        if (!java.util.Arrays.equals(Sha.sha256(module), given)) {
          throw chunkStoreError("Wasm module hash " + debugBytes(Sha.sha256(module)) + " does not match given hash "
              + debugBytes(given));
        }
        return install(c, call, mode(r.get("mode")), module, blob(r, "arg"), now);
      }
      case "upload_chunk" -> {
        IdlValue.Record r = decodeRecord(a, UPLOAD_CHUNK);
        CanisterState c = controlledOrSelf(state, principal(r, "canister_id"), call);
        byte[] chunk = blob(r, "chunk");
        byte[] hash = Sha.sha256(chunk);
        TreeMap<String, byte[]> store = c.system().chunkStore();
        if (store.containsKey(HexFormat.of().formatHex(hash))) {
          return okRefund(encode(HASH_RECORD, record("hash", new IdlValue.Blob(hash))), call);
        }
        if (chunk.length > MAX_CHUNK) {
          throw chunkStoreError("Wasm chunk size " + chunk.length + " exceeds the maximum chunk size of " + MAX_CHUNK);
        }
        if (store.size() >= MAX_CHUNKS) {
          throw chunkStoreError("Wasm chunk store has already reached maximum capacity of "
              + (long) MAX_CHUNKS * MAX_CHUNK + " bytes or the maximum number of entries, " + MAX_CHUNKS);
        }
        store.put(HexFormat.of().formatHex(hash), chunk);
        return okRefund(encode(HASH_RECORD, record("hash", new IdlValue.Blob(hash))), call);
      }
      case "clear_chunk_store" -> {
        controlledOrSelf(state, principal(decodeRecord(a, CANISTER_ID_RECORD), "canister_id"), call).system()
            .chunkStore().clear();
        return okRefund(empty(), call);
      }
      case "stored_chunks" -> {
        CanisterState c = controlledOrSelf(state, principal(decodeRecord(a, CANISTER_ID_RECORD), "canister_id"), call);
        List<IdlValue> hs = new ArrayList<>();
        for (String h : c.system().chunkStore().keySet()) {
          hs.add(record("hash", new IdlValue.Blob(HexFormat.of().parseHex(h))));
        }
        return okRefund(encode(STORED_CHUNKS_RESULT, new IdlValue.Vec(hs)), call);
      }
      case "uninstall_code" -> {
        CanisterState c = controlled(state, principal(decodeRecord(a, UNINSTALL), "canister_id"), call);
        uninstall(state, c, call.caller(), call.fromCanister(), now);
        return okRefund(empty(), call);
      }
      case "start_canister" -> {
        CanisterState c = controlled(state, principal(decodeRecord(a, CANISTER_ID_RECORD), "canister_id"), call);
        SystemState s = c.system();
        if (s.status() == CanisterStatus.STOPPING) {
          for (SystemState.StopWaiter w : s.stopWaiters()) {
            mc.answerCancelled(state, w, now);
          }
          s.stopWaiters().clear();
        }
        manager.start(c);
        return okRefund(empty(), call);
      }
      case "stop_canister" -> {
        CanisterState c = controlled(state, principal(decodeRecord(a, CANISTER_ID_RECORD), "canister_id"), call);
        if (c.system().status() != CanisterStatus.STOPPED) {
          manager.stop(c);
        }
        c.system().stopWaiters().add(new SystemState.StopWaiter(call.origin(), call.callbackId()));
        return new Result(new Outcome.Pending(), 0, null);
      }
      case "delete_canister" -> {
        CanisterId id = CanisterId.of(principal(decodeRecord(a, CANISTER_ID_RECORD), "canister_id").toBytes());
        CanisterState c = controlled(state, id.principal(), call);
        UserError e = manager.delete(state, id);
        if (e != null) {
          throw new Failure(e);
        }
        Cycles left = c.system().balance();
        if (call.fromCanister()) {
          return new Result(new Outcome.Reply(empty(), call.cycles().saturatingPlus(left)), 0, null);
        }
        return okRefund(empty(), call);
      }
      case "canister_status" -> {
        CanisterState c = visible(state, principal(decodeRecord(a, CANISTER_ID_RECORD), "canister_id"), call,
            CanisterSettings::statusVisibility);
        return okRefund(encode(STATUS_RESULT, Status.of(executor, c)), call);
      }
      case "canister_info" -> {
        IdlValue.Record r = decodeRecord(a, CANISTER_INFO);
        CanisterState c = canister(state, principal(r, "canister_id"));
        long n = opt(r, "num_requested_changes").map(v -> nat(v).longValue()).orElse(0L);
        return okRefund(encode(INFO_RESULT, Status.info(c, n)), call);
      }
      case "fetch_canister_logs" -> {
        CanisterState c = canister(state, principal(decodeRecord(a, CANISTER_ID_RECORD), "canister_id"));
        boolean allowed = switch (c.system().settings().logVisibility()) {
          case LogVisibility.Public p -> true;
          case LogVisibility.Controllers k -> c.system().settings().isController(call.caller());
          case LogVisibility.AllowedViewers v -> v.viewers().contains(call.caller())
              || c.system().settings().isController(call.caller());
        };
        if (!allowed) {
          throw new Failure(new UserError(ErrorCode.CANISTER_REJECTED_MESSAGE,
              "Caller " + call.caller() + " is not allowed to query ic00 method fetch_canister_logs"));
        }
        List<IdlValue> recs = new ArrayList<>();
        for (CanisterLogRecord l : c.system().logRecords()) {
          recs.add(record("idx", new IdlValue.Nat64(l.idx()), "timestamp_nanos", new IdlValue.Nat64(
              l.timestampNanos()), "content", new IdlValue.Blob(l.content())));
        }
        return ok(encode(LOGS_RESULT, record("canister_log_records", new IdlValue.Vec(recs))));
      }
      case "take_canister_snapshot", "load_canister_snapshot", "list_canister_snapshots",
          "delete_canister_snapshot" -> {
        IdlValue.Record r = decodeRecord(a, switch (m) {
          case "take_canister_snapshot" -> TAKE_SNAPSHOT;
          case "load_canister_snapshot" -> LOAD_SNAPSHOT;
          case "delete_canister_snapshot" -> DELETE_SNAPSHOT;
          default -> CANISTER_ID_RECORD;
        });
        CanisterState c = m.equals("list_canister_snapshots")
            ? visible(state, principal(r, "canister_id"), call, CanisterSettings::snapshotVisibility)
            : controlled(state, principal(r, "canister_id"), call);
        byte[] out = snapshots.handle(state, c, m, r, call, now, this);
        return okRefund(out, call);
      }
      default -> throw new Failure(new UserError(ErrorCode.CANISTER_METHOD_NOT_FOUND,
          "Management canister has no method '" + m + "'"));
    }
  }

  private byte[] create(ReplicatedState state, Call call, Optional<IdlValue> settings, Cycles cycles,
      PrincipalId specified, long now) throws Failure {
    CanisterSettings s = CanisterSettings.defaults(List.of(call.caller()));
    if (settings.isPresent()) {
      s = applySettings(s, (IdlValue.Record) settings.get(), call.caller());
    }
    CanisterId id;
    if (specified != null) {
      id = CanisterId.of(specified.toBytes());
      if (state.canister(id) != null) {
        throw new Failure(new UserError(ErrorCode.CANISTER_ID_ALREADY_EXISTS,
            "Canister " + id + " is already installed."));
      }
      state.put(new CanisterState(new SystemState(id, s, cycles), null));
    } else {
      id = manager.createCanister(state, s, cycles);
    }
    CanisterState c = state.canister(id);
    change(c, call, now, CanisterChange.Kind.CREATION, null, null, s.controllers());
    return encode(CREATE_RESULT, record("canister_id", new IdlValue.Principal(id.principal())));
  }

  void change(CanisterState c, Call call, long now, CanisterChange.Kind kind, String mode, byte[] hash,
      List<PrincipalId> controllers) {
    c.system().recordChange(new CanisterChange(now, c.system().version(), call.caller(), call.fromCanister(), kind,
        mode, hash, controllers));
  }

  private Result install(CanisterState c, Call call, InstallMode mode, byte[] wasm, byte[] arg, long now)
      throws Failure {
    UserError e = manager.installCode(c, mode, wasm, arg, call.caller(), now);
    long used = manager.lastInstallInstructions();
    if (e != null) {
      return new Result(new Outcome.Error(e), used, c.id());
    }
    change(c, call, now, CanisterChange.Kind.CODE_DEPLOYMENT, ManagementCanister.modeName(mode), Sha.sha256(wasm),
        List.of());
    return new Result(new Outcome.Reply(empty(), call.cycles()), used, c.id());
  }

  void uninstall(ReplicatedState state, CanisterState c, PrincipalId caller, boolean fromCanister, long now) {
    for (CallOrigin o : manager.uninstallCode(c)) {
      if (o instanceof CallOrigin.Ingress in) {
        state.ingressHistory().set(in.messageId(), new dev.jic.replicated.IngressStatus.Rejected(c.id(), in.user(),
            now, dev.jic.replicated.RejectCode.CANISTER_REJECT, "Canister has been uninstalled.", ""));
      }
    }
    c.system().chunkStore().clear();
    c.system().recordChange(new CanisterChange(now, c.system().version(), caller, fromCanister,
        CanisterChange.Kind.CODE_UNINSTALL, null, null, List.of()));
  }

  static InstallMode mode(IdlValue v) {
    IdlValue.Variant var = (IdlValue.Variant) v;
    String name = var.label().name();
    if ("install".equals(name)) {
      return new InstallMode.Install();
    }
    if ("reinstall".equals(name)) {
      return new InstallMode.Reinstall();
    }
    Optional<IdlValue> opts = ((IdlValue.Opt) var.value()).value();
    boolean skip = false;
    Boolean keep = null;
    if (opts.isPresent()) {
      IdlValue.Record r = (IdlValue.Record) opts.get();
      skip = opt(r, "skip_pre_upgrade").map(b -> ((IdlValue.Bool) b).value()).orElse(false);
      keep = opt(r, "wasm_memory_persistence").map(p -> "keep".equals(((IdlValue.Variant) p).label().name()))
          .orElse(null);
    }
    return new InstallMode.Upgrade(skip, keep);
  }

  static CanisterState canister(ReplicatedState state, PrincipalId p) throws Failure {
    CanisterState c = p.toBytes().length <= 29 ? state.canister(CanisterId.of(p.toBytes())) : null;
    if (c == null) {
      throw new Failure(new UserError(ErrorCode.CANISTER_NOT_FOUND, "Canister " + p + " not found."));
    }
    return c;
  }

  static CanisterState controlled(ReplicatedState state, PrincipalId p, Call call) throws Failure {
    CanisterState c = canister(state, p);
    if (!c.system().settings().isController(call.caller())) {
      StringBuilder cs = new StringBuilder();
      for (PrincipalId k : c.system().settings().controllers()) {
        cs.append(cs.isEmpty() ? "" : " ").append(k);
      }
      throw new Failure(new UserError(ErrorCode.CANISTER_INVALID_CONTROLLER, "Only the controllers of the canister "
          + c.id() + " can control it.\nCanister's controllers: " + cs + "\nSender's ID: " + call.caller()
          + "\nExecute this call from a controller of the target canister or add the current caller as a controller. "
          + "See documentation: " + dev.jic.execution.HypervisorError.DOC + "invalid-controller"));
    }
    return c;
  }

  private static CanisterState controlledOrSelf(ReplicatedState state, PrincipalId p, Call call) throws Failure {
    CanisterState c = canister(state, p);
    return c.id().principal().equals(call.caller()) ? c : controlled(state, p, call);
  }

  static CanisterSettings applySettings(CanisterSettings s, IdlValue.Record r, PrincipalId caller) throws Failure {
    Optional<IdlValue> ctl = opt(r, "controllers");
    if (ctl.isPresent()) {
      List<PrincipalId> ps = new ArrayList<>();
      for (PrincipalId p : principals(ctl.get())) {
        if (!ps.contains(p)) {
          ps.add(p);
        }
      }
      if (ps.size() > 10) {
        throw new Failure(new UserError(ErrorCode.INVALID_MANAGEMENT_PAYLOAD,
            "Invalid settings: 'controllers' length exceeds maximum size allowed of 10."));
      }
      s = s.withControllers(ps);
    }
    int compute = s.computeAllocation();
    Optional<IdlValue> ca = opt(r, "compute_allocation");
    if (ca.isPresent()) {
      BigInteger v = nat(ca.get());
      if (v.compareTo(BigInteger.valueOf(100)) > 0) {
        throw new Failure(new UserError(ErrorCode.INVALID_MANAGEMENT_PAYLOAD,
            "Invalid settings: 'compute_allocation' must be in the range [0..100], got " + v + "."));
      }
      compute = v.intValue();
    }
    long memory = opt(r, "memory_allocation").map(v -> nat(v).longValue()).orElse(s.memoryAllocation());
    long freezing = opt(r, "freezing_threshold").map(v -> nat(v).longValue()).orElse(s.freezingThreshold());
    Cycles reserved = opt(r, "reserved_cycles_limit").map(v -> Cycles.of(nat(v))).orElse(s.reservedCyclesLimit());
    long wasmLimit = opt(r, "wasm_memory_limit").map(v -> nat(v).longValue()).orElse(s.wasmMemoryLimit());
    long wasmThreshold = opt(r, "wasm_memory_threshold").map(v -> nat(v).longValue()).orElse(s.wasmMemoryThreshold());
    LogVisibility vis = visibility(r, "log_visibility", s.logVisibility());
    LogVisibility snapshotVis = visibility(r, "snapshot_visibility", s.snapshotVisibility());
    LogVisibility statusVis = visibility(r, "status_visibility", s.statusVisibility());
    Cycles minCycles = opt(r, "minimum_incoming_canister_call_cycles").map(v -> Cycles.of(nat(v)))
        .orElse(s.minimumIncomingCallCycles());
    java.util.SortedMap<String, String> env = s.environmentVariables();
    Optional<IdlValue> ev = opt(r, "environment_variables");
    if (ev.isPresent()) {
      env = new TreeMap<>();
      for (IdlValue e : ((IdlValue.Vec) ev.get()).values()) {
        IdlValue.Record kv = (IdlValue.Record) e;
        env.put(((IdlValue.Text) kv.get("name")).value(), ((IdlValue.Text) kv.get("value")).value());
      }
    }
    return new CanisterSettings(s.controllers(), compute, memory, freezing, reserved, wasmLimit, wasmThreshold, vis,
        env, minCycles, snapshotVis, statusVis);
  }

  /** An optional {@code variant { controllers; public; allowed_viewers }} setting, or {@code current}. */
  private static LogVisibility visibility(IdlValue.Record r, String field, LogVisibility current) {
    Optional<IdlValue> lv = opt(r, field);
    if (lv.isEmpty()) {
      return current;
    }
    IdlValue.Variant v = (IdlValue.Variant) lv.get();
    return switch (v.label().name()) {
      case "public" -> new LogVisibility.Public();
      case "allowed_viewers" -> new LogVisibility.AllowedViewers(principals(v.value()));
      default -> new LogVisibility.Controllers();
    };
  }

  /** The canister if {@code call}'s caller may see it under visibility {@code v} (else IC0512 as for controllers). */
  private static CanisterState visible(ReplicatedState state, PrincipalId p, Call call,
      java.util.function.Function<CanisterSettings, LogVisibility> v) throws Failure {
    CanisterState c = canister(state, p);
    CanisterSettings s = c.system().settings();
    return s.visibleTo(v.apply(s), call.caller()) ? c : controlled(state, p, call);
  }

  /**
   * The replica's {@code WasmChunkStoreError} (canister_manager/types.rs): IC0504, "Error from Wasm
   * chunk store: <message>." and the chunk-store help.
   */
  static Failure chunkStoreError(String message) {
    return new Failure(new UserError(ErrorCode.CANISTER_CONTRACT_VIOLATION, "Error from Wasm chunk store: " + message
        + ".\nUse the `stored_chunks` API to check which hashes are present or top up the canister if it is low on "
        + "cycles. See documentation: " + dev.jic.execution.HypervisorError.DOC + "wasm-chunk-store-error"));
  }

  /** Bytes as Rust's {@code {:?}} prints a byte slice: {@code [1, 2, 255]}. */
  static String debugBytes(byte[] b) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < b.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(b[i] & 0xff);
    }
    return sb.append(']').toString();
  }
}
