package dev.jic.execution.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.replicated.IngressStatus;
import dev.jic.replicated.Payload;
import dev.jic.types.candid.Candid;
import dev.jic.types.candid.IdlValue;
import dev.jic.types.candid.IdlValue.FieldValue;
import dev.jic.types.candid.IdlValue.Label;
import dev.jic.types.hash.Sha;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.unit.Cycles;
import dev.jic.wasm.engine.ChicoryEngine;
import dev.jic.wasm.engine.EngineConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Management-canister scenarios through ingress: chunked install (upload_chunk / stored_chunks /
 * clear_chunk_store / install_chunked_code with hash checks, a separate store canister, size and
 * controller checks) and snapshots (take / list / load / delete with heap, globals and stable
 * memory restored, limit, not-found). Expected error texts: dfinity/ic
 * {@code canister_manager/types.rs} ({@code WasmChunkStoreError}, {@code CanisterSnapshotNotFound},
 * {@code CanisterSnapshotLimitExceeded}) and {@code wasm_chunk_store.rs}.
 */
class ChunksAndSnapshotsTest {
  static final ChicoryEngine ENGINE = new ChicoryEngine(EngineConfig.defaults());
  static final byte[] EDGE = Tiny.read("src/test/resources/wat/edge.wasm");
  static final String CHUNK_HELP = ".\nUse the `stored_chunks` API to check which hashes are present or top up the "
      + "canister if it is low on cycles. See documentation: "
      + "https://internetcomputer.org/docs/current/references/execution-errors#wasm-chunk-store-error";

  private static InProcessSubnet subnet() {
    return InProcessSubnet.application(ENGINE, dev.jic.execution.scheduler.SchedulerConfig.defaults(1));
  }

  private static IdlValue.Record rec(Object... kv) {
    List<FieldValue> fs = new ArrayList<>();
    for (int i = 0; i < kv.length; i += 2) {
      fs.add(new FieldValue(Label.named((String) kv[i]), (IdlValue) kv[i + 1]));
    }
    return new IdlValue.Record(fs);
  }

  private static IdlValue p(CanisterId c) {
    return new IdlValue.Principal(c.principal());
  }

  private static byte[] enc(String type, IdlValue v) {
    return Candid.encode(List.of(Mgmt.type(type)), List.of(v));
  }

  private static IdlValue dec(byte[] reply, String type) throws Exception {
    return Candid.decode(reply, List.of(Mgmt.type(type))).get(0);
  }

  private static IngressStatus mgmt(InProcessSubnet s, PrincipalId user, String method, byte[] arg) {
    return s.call(user, CanisterId.MANAGEMENT, method, arg);
  }

  private static IngressStatus.Rejected rejected(IngressStatus st) {
    return assertInstanceOf(IngressStatus.Rejected.class, st);
  }

  private static byte[] upload(InProcessSubnet s, CanisterId c, byte[] chunk) throws Exception {
    byte[] reply = Tiny.replied(mgmt(s, Tiny.USER, "upload_chunk", enc("record { canister_id : principal; chunk : "
        + "blob }", rec("canister_id", p(c), "chunk", new IdlValue.Blob(chunk)))));
    return ((IdlValue.Blob) ((IdlValue.Record) dec(reply, "record { hash : blob }")).get("hash")).bytes();
  }

  private static List<String> stored(InProcessSubnet s, CanisterId c) throws Exception {
    byte[] reply = Tiny.replied(mgmt(s, Tiny.USER, "stored_chunks", Mgmt.canisterId(c)));
    List<String> out = new ArrayList<>();
    for (IdlValue v : ((IdlValue.Vec) dec(reply, "vec record { hash : blob }")).values()) {
      out.add(java.util.HexFormat.of().formatHex(((IdlValue.Blob) ((IdlValue.Record) v).get("hash")).bytes()));
    }
    return out;
  }

  private static byte[] installChunked(CanisterId target, CanisterId store, List<byte[]> hashes, byte[] moduleHash) {
    List<IdlValue> hs = new ArrayList<>();
    for (byte[] h : hashes) {
      hs.add(rec("hash", new IdlValue.Blob(h)));
    }
    String type = "record { mode : variant { install; reinstall; upgrade : opt record { wasm_memory_persistence : "
        + "opt variant { keep; replace } } }; target_canister : principal; store_canister : opt principal; "
        + "chunk_hashes_list : vec record { hash : blob }; wasm_module_hash : blob; arg : blob }";
    return enc(type, rec("mode", new IdlValue.Variant(Label.named("install"), IdlValue.NULL), "target_canister",
        p(target), "store_canister", store == null ? IdlValue.Opt.none() : new IdlValue.Opt(java.util.Optional.of(p(store))),
        "chunk_hashes_list", new IdlValue.Vec(hs), "wasm_module_hash", new IdlValue.Blob(moduleHash), "arg",
        new IdlValue.Blob(new byte[0])));
  }

  private static String debug(byte[] b) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < b.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(b[i] & 0xff);
    }
    return sb.append(']').toString();
  }

  private static CanisterId empty(InProcessSubnet s) {
    return s.management().provisionalCreate(s.state(), List.of(Tiny.USER), Cycles.of(100_000_000_000_000L), s.time());
  }

  @Test
  void chunkedInstallWithHashChecks() throws Exception {
    try (InProcessSubnet s = subnet()) {
      CanisterId target = empty(s);
      CanisterId store = empty(s);
      int third = EDGE.length / 3;
      List<byte[]> chunks = List.of(Arrays.copyOfRange(EDGE, 0, third), Arrays.copyOfRange(EDGE, third, 2 * third),
          Arrays.copyOfRange(EDGE, 2 * third, EDGE.length));
      List<byte[]> hashes = new ArrayList<>();
      for (byte[] c : chunks) {
        byte[] h = upload(s, store, c);
        assertArrayEquals(Sha.sha256(c), h, "upload_chunk replies the chunk's SHA-256");
        hashes.add(h);
      }
      assertArrayEquals(hashes.get(1), upload(s, store, chunks.get(1)), "re-uploading is idempotent");
      List<String> expected = new ArrayList<>(hashes.stream().map(java.util.HexFormat.of()::formatHex).toList());
      expected.sort(null);
      assertEquals(expected, stored(s, store), "stored_chunks: each hash once, in hash order");
      assertEquals(List.of(), stored(s, target));

      // Wrong module hash: the replica's WasmChunkStoreError with Debug-printed byte arrays.
      byte[] bad = new byte[32];
      IngressStatus.Rejected r = rejected(mgmt(s, Tiny.USER, "install_chunked_code", installChunked(target, store,
          hashes, bad)));
      assertEquals("IC0504", r.errorCode());
      assertEquals("Error from Wasm chunk store: Wasm module hash " + debug(Sha.sha256(EDGE))
          + " does not match given hash " + debug(bad) + CHUNK_HELP, r.message());
      // A chunk that is not in the store (it is in the target's, empty, store).
      r = rejected(mgmt(s, Tiny.USER, "install_chunked_code", installChunked(target, null, hashes,
          Sha.sha256(EDGE))));
      assertEquals("Error from Wasm chunk store: Chunk hash " + debug(hashes.get(0)) + " was not found" + CHUNK_HELP,
          r.message());
      // Chunks in the wrong order give another module.
      r = rejected(mgmt(s, Tiny.USER, "install_chunked_code", installChunked(target, store, List.of(hashes.get(1),
          hashes.get(0), hashes.get(2)), Sha.sha256(EDGE))));
      assertTrue(r.message().startsWith("Error from Wasm chunk store: Wasm module hash "), r.message());

      Tiny.replied(mgmt(s, Tiny.USER, "install_chunked_code", installChunked(target, store, hashes,
          Sha.sha256(EDGE))));
      byte[] state = ((Payload.Data) s.query(Tiny.USER, target, "read", new byte[0]).payload()).bytes();
      assertEquals(16, state.length, "the chunked module runs (edge.wat read)");
      assertArrayEquals(Sha.sha256(EDGE), s.state().canister(target).execution().moduleHash());

      r = rejected(mgmt(s, Tiny.USER, "upload_chunk", enc("record { canister_id : principal; chunk : blob }",
          rec("canister_id", p(store), "chunk", new IdlValue.Blob(new byte[(1 << 20) + 1])))));
      assertEquals("IC0504", r.errorCode());
      assertEquals("Error from Wasm chunk store: Wasm chunk size 1048577 exceeds the maximum chunk size of 1048576"
          + CHUNK_HELP, r.message());

      PrincipalId stranger = PrincipalId.of(new byte[] {7, 7, 7, 1});
      r = rejected(mgmt(s, stranger, "upload_chunk", enc("record { canister_id : principal; chunk : blob }",
          rec("canister_id", p(store), "chunk", new IdlValue.Blob(new byte[] {1})))));
      assertEquals("IC0512", r.errorCode(), r.message());

      Tiny.replied(mgmt(s, Tiny.USER, "clear_chunk_store", Mgmt.canisterId(store)));
      assertEquals(List.of(), stored(s, store));
    }
  }

  private static byte[] take(InProcessSubnet s, CanisterId c) throws Exception {
    byte[] reply = Tiny.replied(mgmt(s, Tiny.USER, "take_canister_snapshot", enc("record { canister_id : principal; "
        + "replace_snapshot : opt blob; uninstall_code : opt bool }", rec("canister_id", p(c), "replace_snapshot",
        IdlValue.Opt.none(), "uninstall_code", IdlValue.Opt.none()))));
    IdlValue.Record snap = (IdlValue.Record) dec(reply, "record { id : blob; taken_at_timestamp : nat64; "
        + "total_size : nat64 }");
    assertEquals(s.time(), ((IdlValue.Nat64) snap.get("taken_at_timestamp")).value(), "taken at the batch time");
    return ((IdlValue.Blob) snap.get("id")).bytes();
  }

  private static byte[] snapshotArg(CanisterId c, byte[] id) {
    return enc("record { canister_id : principal; snapshot_id : blob }", rec("canister_id", p(c), "snapshot_id",
        new IdlValue.Blob(id)));
  }

  /** edge.wat read: heap counter, global, stable size in pages. */
  private static long[] state(InProcessSubnet s, CanisterId c) {
    byte[] b = ((Payload.Data) s.query(Tiny.USER, c, "read", new byte[0]).payload()).bytes();
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    return new long[] {bb.getInt(0), bb.getInt(4), bb.getLong(8)};
  }

  private static int snapshotCount(InProcessSubnet s, CanisterId c) throws Exception {
    byte[] reply = Tiny.replied(mgmt(s, Tiny.USER, "list_canister_snapshots", Mgmt.canisterId(c)));
    return ((IdlValue.Vec) dec(reply, "vec record { id : blob; taken_at_timestamp : nat64; total_size : nat64 }"))
        .values().size();
  }

  @Test
  void snapshotsRestoreHeapGlobalsAndStableMemory() throws Exception {
    try (InProcessSubnet s = subnet()) {
      CanisterId c = Tiny.install(s, EDGE, Cycles.of(100_000_000_000_000L));
      long[] initial = state(s, c);
      for (int i = 0; i < 2; i++) {
        Tiny.replied(s.call(Tiny.USER, c, "inc", new byte[0]));
      }
      long[] atSnapshot = state(s, c);
      assertEquals(initial[0] + 2, atSnapshot[0]);
      byte[] id = take(s, c);
      assertEquals(1, snapshotCount(s, c));
      for (int i = 0; i < 3; i++) {
        Tiny.replied(s.call(Tiny.USER, c, "inc", new byte[0]));
      }
      assertEquals(atSnapshot[0] + 3, state(s, c)[0]);
      Tiny.replied(mgmt(s, Tiny.USER, "load_canister_snapshot", snapshotArg(c, id)));
      assertArrayEquals(atSnapshot, state(s, c), "heap counter, mutable global and stable size as at the snapshot");
      Tiny.replied(s.call(Tiny.USER, c, "inc", new byte[0]));
      assertEquals(atSnapshot[0] + 1, state(s, c)[0], "the loaded state keeps running");

      Tiny.replied(mgmt(s, Tiny.USER, "delete_canister_snapshot", snapshotArg(c, id)));
      assertEquals(0, snapshotCount(s, c));
      IngressStatus.Rejected r = rejected(mgmt(s, Tiny.USER, "load_canister_snapshot", snapshotArg(c, id)));
      assertEquals("IC0305", r.errorCode());
      assertEquals("Could not find the snapshot ID " + java.util.HexFormat.of().formatHex(id) + " for canister " + c
          + ".\nUse the `list_canister_snapshot` API to see which snapshots are present. See documentation: "
          + "https://internetcomputer.org/docs/current/references/execution-errors#canister-snapshot-not-found",
          r.message());

      for (int i = 0; i < 10; i++) {
        take(s, c);
      }
      r = rejected(mgmt(s, Tiny.USER, "take_canister_snapshot", enc("record { canister_id : principal }",
          rec("canister_id", p(c)))));
      assertEquals("IC0406", r.errorCode());
      assertTrue(r.message().startsWith("Canister " + c + " has reached the maximum number of snapshots allowed: 10."),
          r.message());

      CanisterId none = empty(s);
      r = rejected(mgmt(s, Tiny.USER, "take_canister_snapshot", enc("record { canister_id : principal }",
          rec("canister_id", p(none)))));
      assertEquals("IC0406", r.errorCode());
      assertEquals("Failed to create snapshot for empty canister " + none + ":", r.message());
    }
  }
}
