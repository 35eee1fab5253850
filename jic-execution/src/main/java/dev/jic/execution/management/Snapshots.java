package dev.jic.execution.management;

import static dev.jic.execution.management.McCandid.*;

import dev.jic.execution.ErrorCode;
import dev.jic.execution.Executor;
import dev.jic.execution.UserError;
import dev.jic.execution.management.ManagementCanister.Call;
import dev.jic.execution.systemapi.SystemApi;
import dev.jic.pagemap.PageMap;
import dev.jic.pagemap.StableMemory;
import dev.jic.replicated.CanisterChange;
import dev.jic.replicated.CanisterSnapshot;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.ExecutionState;
import dev.jic.replicated.ReplicatedState;
import dev.jic.types.candid.IdlType;
import dev.jic.types.candid.IdlValue;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Canister snapshots: take (O(1): immutable page-map snapshots of heap and stable memory, plus
 * module, globals and certified data), load (replaces the execution state; the live runtime is
 * rebuilt on next use), list and delete. At most {@link #MAX_SNAPSHOTS} per canister.
 */
final class Snapshots {
  /** Snapshots kept per canister (replica: 10). */
  static final int MAX_SNAPSHOTS = 10;
  private final Executor executor;

  Snapshots(Executor executor) {
    this.executor = executor;
  }

  byte[] handle(ReplicatedState state, CanisterState c, String method, IdlValue.Record r, Call call, long now,
      Methods methods) throws Methods.Failure {
    var snaps = c.system().snapshots();
    switch (method) {
      case "take_canister_snapshot" -> {
        ExecutionState es = c.execution();
        if (es == null) {
          throw new Methods.Failure(new UserError(ErrorCode.CANISTER_REJECTED_MESSAGE,
              "Failed to create snapshot for empty canister " + c.id() + ":"));
        }
        var replace = opt(r, "replace_snapshot").map(McCandid::blob);
        if (replace.isPresent()) {
          if (snaps.remove(HexFormat.of().formatHex(replace.get())) == null) {
            throw notFound(replace.get(), c);
          }
        } else if (snaps.size() >= MAX_SNAPSHOTS) {
          throw new Methods.Failure(new UserError(ErrorCode.CANISTER_REJECTED_MESSAGE, "Canister " + c.id()
              + " has reached the maximum number of snapshots allowed: " + MAX_SNAPSHOTS + ".\nConsider deleting an "
              + "unnecessary snapshot of the specified canister before creating a new one. See documentation: "
              + "canister-snapshot-limit-exceeded"));
        }
        byte[] id = new byte[c.id().principal().toBytes().length + 8];
        byte[] cid = c.id().principal().toBytes();
        System.arraycopy(cid, 0, id, 0, cid.length);
        long idx = c.system().nextSnapshotIdx();
        for (int i = 0; i < 8; i++) {
          id[cid.length + i] = (byte) (idx >>> (56 - 8 * i));
        }
        CanisterSnapshot s = new CanisterSnapshot(id, now, c.system().version(), es.wasmBinaryUnsafe(),
            es.moduleHash(), es.wasm64(), es.exports(), es.metadata(), es.heap().snapshot(), es.heapPages(),
            es.stable().pageMap().snapshot(), es.stable().sizeInWasmPages(), es.globalsLow(), es.globalsHigh(),
            c.system().certifiedData());
        snaps.put(HexFormat.of().formatHex(id), s);
        if (opt(r, "uninstall_code").map(b -> ((IdlValue.Bool) b).value()).orElse(false)) {
          methods.uninstall(state, c, call.caller(), call.fromCanister(), now);
        }
        return encode(SNAPSHOT, describe(s));
      }
      case "load_canister_snapshot" -> {
        byte[] id = blob(r, "snapshot_id");
        CanisterSnapshot s = snaps.get(HexFormat.of().formatHex(id));
        if (s == null) {
          throw notFound(id, c);
        }
        StableMemory stable = new StableMemory(PageMap.fromSnapshot(s.stable()), s.stablePages(),
            SystemApi.MAX_STABLE_PAGES);
        c.setExecution(new ExecutionState(s.wasmBinary(), s.moduleHash(), s.wasm64(), s.exports(), s.metadata(),
            PageMap.fromSnapshot(s.heap()), s.heapPages(), stable, s.globalsLow(), s.globalsHigh()));
        c.system().setCertifiedData(s.certifiedData());
        executor.evict(c.id());
        c.system().bumpVersion();
        c.system().recordChange(new CanisterChange(now, c.system().version(), call.caller(), call.fromCanister(),
            CanisterChange.Kind.LOAD_SNAPSHOT, null, id, List.of()));
        return empty();
      }
      case "delete_canister_snapshot" -> {
        byte[] id = blob(r, "snapshot_id");
        if (snaps.remove(HexFormat.of().formatHex(id)) == null) {
          throw notFound(id, c);
        }
        return empty();
      }
      default -> {
        List<IdlValue> out = new ArrayList<>();
        for (CanisterSnapshot s : snaps.values()) {
          out.add(describe(s));
        }
        return encode(new IdlType.Vec(SNAPSHOT), new IdlValue.Vec(out));
      }
    }
  }

  private static IdlValue describe(CanisterSnapshot s) {
    return record("id", new IdlValue.Blob(s.id()), "taken_at_timestamp", new IdlValue.Nat64(s.takenAtNanos()),
        "total_size", new IdlValue.Nat64(s.totalSize()));
  }

  private static Methods.Failure notFound(byte[] id, CanisterState c) {
    return new Methods.Failure(new UserError(ErrorCode.CANISTER_SNAPSHOT_NOT_FOUND, "Could not find the snapshot ID "
        + HexFormat.of().formatHex(id) + " for canister " + c.id() + ".\nUse the `list_canister_snapshot` API to see "
        + "which snapshots are present. See documentation: " + dev.jic.execution.HypervisorError.DOC
        + "canister-snapshot-not-found"));
  }
}
