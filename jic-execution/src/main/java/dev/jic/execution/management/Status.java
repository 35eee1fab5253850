package dev.jic.execution.management;

import static dev.jic.execution.management.McCandid.*;

import dev.jic.execution.Executor;
import dev.jic.replicated.CanisterChange;
import dev.jic.replicated.CanisterSettings;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.ExecutionState;
import dev.jic.replicated.LogVisibility;
import dev.jic.types.candid.IdlValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Encodes {@code canister_status} and {@code canister_info} results. */
final class Status {
  private Status() {}

  static IdlValue of(Executor executor, CanisterState c) {
    ExecutionState es = c.execution();
    long heap = es == null ? 0 : (long) es.heapPages() << 16;
    long stable = es == null ? 0 : es.stable().sizeInBytes();
    long binary = es == null ? 0 : es.wasmBinarySize();
    long chunks = c.system().chunkStore().values().stream().mapToLong(b -> b.length).sum();
    long snaps = c.system().snapshots().values().stream().mapToLong(s -> s.totalSize()).sum();
    long memory = heap + stable + binary + chunks + snaps;
    String status = switch (c.system().status()) {
      case RUNNING -> "running";
      case STOPPING -> "stopping";
      case STOPPED -> "stopped";
    };
    return record("status", variant(status), "ready_for_migration", new IdlValue.Bool(false), "version",
        new IdlValue.Nat64(c.system().version()), "settings", settings(c.system().settings()), "module_hash",
        es == null ? IdlValue.Opt.none() : IdlValue.Opt.some(new IdlValue.Blob(es.moduleHash())), "memory_size",
        nat(memory), "memory_metrics", record("wasm_memory_size", nat(heap), "stable_memory_size", nat(stable),
            "global_memory_size", nat(es == null ? 0 : es.globalsLow().length * 8L), "wasm_binary_size", nat(binary),
            "custom_sections_size", nat(0), "canister_history_size", nat(0), "wasm_chunk_store_size", nat(chunks),
            "snapshots_size", nat(snaps)), "cycles", nat(c.system().balance().toBigInteger()), "reserved_cycles",
        nat(c.system().reservedBalance().toBigInteger()), "idle_cycles_burned_per_day", nat(executor.costs()
            .idleBurnPerDay(memory, c.system().settings().computeAllocation()).toBigInteger()), "query_stats",
        record("num_calls_total", nat(0), "num_instructions_total", nat(0), "request_payload_bytes_total", nat(0),
            "response_payload_bytes_total", nat(0)));
  }

  private static IdlValue visibility(LogVisibility v) {
    return switch (v) {
      case LogVisibility.Controllers k -> variant("controllers");
      case LogVisibility.Public p -> variant("public");
      case LogVisibility.AllowedViewers a -> variant("allowed_viewers", principalVec(a.viewers()));
    };
  }

  static IdlValue settings(CanisterSettings s) {
    IdlValue vis = visibility(s.logVisibility());
    List<IdlValue> env = new ArrayList<>();
    for (Map.Entry<String, String> e : s.environmentVariables().entrySet()) {
      env.add(record("name", new IdlValue.Text(e.getKey()), "value", new IdlValue.Text(e.getValue())));
    }
    return record("controllers", principalVec(s.controllers()), "compute_allocation", nat(s.computeAllocation()),
        "memory_allocation", nat(new java.math.BigInteger(Long.toUnsignedString(s.memoryAllocation()))),
        "freezing_threshold", nat(new java.math.BigInteger(Long.toUnsignedString(s.freezingThreshold()))),
        "reserved_cycles_limit", nat(s.reservedCyclesLimit().toBigInteger()), "log_visibility", vis,
        "wasm_memory_limit", nat(s.wasmMemoryLimit()), "wasm_memory_threshold", nat(s.wasmMemoryThreshold()),
        "environment_variables", new IdlValue.Vec(env), "minimum_incoming_canister_call_cycles",
        nat(s.minimumIncomingCallCycles().toBigInteger()), "snapshot_visibility", visibility(s.snapshotVisibility()),
        "status_visibility", visibility(s.statusVisibility()));
  }

  static IdlValue info(CanisterState c, long requested) {
    List<CanisterChange> h = c.system().history();
    List<IdlValue> changes = new ArrayList<>();
    for (CanisterChange ch : h.subList((int) Math.max(0, h.size() - Math.min(requested, h.size())), h.size())) {
      IdlValue origin = ch.originIsCanister()
          ? variant("from_canister", record("canister_id", new IdlValue.Principal(ch.originUser()),
              "canister_version", IdlValue.Opt.none()))
          : variant("from_user", record("user_id", new IdlValue.Principal(ch.originUser())));
      IdlValue details = switch (ch.kind()) {
        case CREATION -> variant("creation", record("controllers", principalVec(ch.controllers())));
        case CODE_UNINSTALL -> variant("code_uninstall");
        case CODE_DEPLOYMENT -> variant("code_deployment", record("mode", variant(ch.mode()), "module_hash",
            new IdlValue.Blob(ch.moduleHash())));
        case CONTROLLERS_CHANGE -> variant("controllers_change", record("controllers",
            principalVec(ch.controllers())));
        case LOAD_SNAPSHOT -> variant("load_snapshot", record("canister_version", new IdlValue.Nat64(
            ch.canisterVersion()), "snapshot_id", new IdlValue.Blob(ch.moduleHash() == null ? new byte[0]
                : ch.moduleHash()), "taken_at_timestamp", new IdlValue.Nat64(0)));
      };
      changes.add(record("timestamp_nanos", new IdlValue.Nat64(ch.timeNanos()), "canister_version",
          new IdlValue.Nat64(ch.canisterVersion()), "origin", origin, "details", details));
    }
    ExecutionState es = c.execution();
    return record("total_num_changes", new IdlValue.Nat64(c.system().totalChanges()), "recent_changes",
        new IdlValue.Vec(changes), "module_hash", es == null ? IdlValue.Opt.none()
            : IdlValue.Opt.some(new IdlValue.Blob(es.moduleHash())), "controllers",
        principalVec(c.system().settings().controllers()));
  }

  static Optional<Void> none() {
    return Optional.empty();
  }
}
