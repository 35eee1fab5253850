package dev.jic.execution.management;

import dev.jic.types.candid.Candid;
import dev.jic.types.candid.CandidSyntaxException;
import dev.jic.types.candid.IdlType;
import dev.jic.types.candid.IdlValue;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.id.PrincipalId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The management canister's Candid types (IC-INTERFACE-DIGEST §6.2, from {@code ic.did}) and
 * small accessors over decoded values. Arguments are decoded at these types with Candid
 * subtyping (missing {@code opt} fields are {@code null}), so any well-typed client encoding works.
 */
final class McCandid {
  private McCandid() {}

  static final String SETTINGS = "record { controllers : opt vec principal; compute_allocation : opt nat; "
      + "memory_allocation : opt nat; freezing_threshold : opt nat; reserved_cycles_limit : opt nat; "
      + "log_visibility : opt variant { controllers; public; allowed_viewers : vec principal }; "
      + "wasm_memory_limit : opt nat; wasm_memory_threshold : opt nat; "
      + "environment_variables : opt vec record { name : text; value : text }; "
      + "minimum_incoming_canister_call_cycles : opt nat; "
      + "snapshot_visibility : opt variant { controllers; public; allowed_viewers : vec principal }; "
      + "status_visibility : opt variant { controllers; public; allowed_viewers : vec principal } }";
  static final String MODE = "variant { install; reinstall; upgrade : opt record { skip_pre_upgrade : opt bool; "
      + "wasm_memory_persistence : opt variant { keep; replace } } }";
  static final IdlType CANISTER_ID_RECORD = type("record { canister_id : principal }");
  static final IdlType CREATE = type("record { settings : opt " + SETTINGS + "; sender_canister_version : opt nat64 }");
  static final IdlType PROVISIONAL_CREATE = type("record { amount : opt nat; settings : opt " + SETTINGS
      + "; specified_id : opt principal; sender_canister_version : opt nat64 }");
  static final IdlType TOP_UP = type("record { canister_id : principal; amount : nat }");
  static final IdlType UPDATE_SETTINGS = type("record { canister_id : principal; settings : " + SETTINGS
      + "; sender_canister_version : opt nat64 }");
  static final IdlType INSTALL = type("record { mode : " + MODE + "; canister_id : principal; wasm_module : blob; "
      + "arg : blob; sender_canister_version : opt nat64 }");
  static final IdlType INSTALL_CHUNKED = type("record { mode : " + MODE + "; target_canister : principal; "
      + "store_canister : opt principal; chunk_hashes_list : vec record { hash : blob }; wasm_module_hash : blob; "
      + "arg : blob; sender_canister_version : opt nat64 }");
  static final IdlType UPLOAD_CHUNK = type("record { canister_id : principal; chunk : blob }");
  static final IdlType HASH_RECORD = type("record { hash : blob }");
  static final IdlType STORED_CHUNKS_RESULT = type("vec record { hash : blob }");
  static final IdlType UNINSTALL = type("record { canister_id : principal; sender_canister_version : opt nat64 }");
  static final IdlType CANISTER_INFO = type("record { canister_id : principal; num_requested_changes : opt nat64 }");
  static final IdlType TAKE_SNAPSHOT = type("record { canister_id : principal; replace_snapshot : opt blob; "
      + "uninstall_code : opt bool; sender_canister_version : opt nat64 }");
  static final IdlType SNAPSHOT = type("record { id : blob; taken_at_timestamp : nat64; total_size : nat64 }");
  static final IdlType LOAD_SNAPSHOT = type("record { canister_id : principal; snapshot_id : blob; "
      + "sender_canister_version : opt nat64 }");
  static final IdlType DELETE_SNAPSHOT = type("record { canister_id : principal; snapshot_id : blob }");
  static final IdlType CREATE_RESULT = CANISTER_ID_RECORD;
  static final IdlType DEFINITE_SETTINGS = type("record { controllers : vec principal; compute_allocation : nat; "
      + "memory_allocation : nat; freezing_threshold : nat; reserved_cycles_limit : nat; "
      + "log_visibility : variant { controllers; public; allowed_viewers : vec principal }; "
      + "wasm_memory_limit : nat; wasm_memory_threshold : nat; "
      + "environment_variables : vec record { name : text; value : text }; "
      + "minimum_incoming_canister_call_cycles : nat; "
      + "snapshot_visibility : variant { controllers; public; allowed_viewers : vec principal }; "
      + "status_visibility : variant { controllers; public; allowed_viewers : vec principal } }");
  static final IdlType STATUS_RESULT = type("record { status : variant { running; stopping; stopped }; "
      + "ready_for_migration : bool; version : nat64; settings : " + render(DEFINITE_SETTINGS) + "; "
      + "module_hash : opt blob; memory_size : nat; memory_metrics : record { wasm_memory_size : nat; "
      + "stable_memory_size : nat; global_memory_size : nat; wasm_binary_size : nat; custom_sections_size : nat; "
      + "canister_history_size : nat; wasm_chunk_store_size : nat; snapshots_size : nat }; cycles : nat; "
      + "reserved_cycles : nat; idle_cycles_burned_per_day : nat; query_stats : record { num_calls_total : nat; "
      + "num_instructions_total : nat; request_payload_bytes_total : nat; response_payload_bytes_total : nat } }");
  static final IdlType CHANGE = type("record { timestamp_nanos : nat64; canister_version : nat64; "
      + "origin : variant { from_user : record { user_id : principal }; from_canister : record { "
      + "canister_id : principal; canister_version : opt nat64 } }; details : variant { "
      + "creation : record { controllers : vec principal }; code_uninstall; code_deployment : record { "
      + "mode : variant { install; reinstall; upgrade }; module_hash : blob }; load_snapshot : record { "
      + "canister_version : nat64; snapshot_id : blob; taken_at_timestamp : nat64 }; "
      + "controllers_change : record { controllers : vec principal } } }");
  static final IdlType INFO_RESULT = type("record { total_num_changes : nat64; recent_changes : vec "
      + render(CHANGE) + "; module_hash : opt blob; controllers : vec principal }");
  static final IdlType LOGS_RESULT = type("record { canister_log_records : vec record { idx : nat64; "
      + "timestamp_nanos : nat64; content : blob } }");

  private static IdlType type(String text) {
    try {
      return Candid.parseType(text);
    } catch (CandidSyntaxException e) {
      throw new IllegalStateException("bad built-in type " + text, e);
    }
  }

  private static String render(IdlType t) {
    return Candid.renderType(t);
  }

  /** Decodes a one-argument payload at {@code t}. */
  static IdlValue.Record decodeRecord(byte[] payload, IdlType t) throws DecodeException {
    List<IdlValue> vs = Candid.decode(payload, List.of(t));
    if (vs.isEmpty() || !(vs.get(0) instanceof IdlValue.Record r)) {
      throw new DecodeException("expected a record argument");
    }
    return r;
  }

  static byte[] encode(IdlType t, IdlValue v) {
    return Candid.encode(List.of(t), List.of(v));
  }

  static byte[] empty() {
    return Candid.encode(List.of(), List.of());
  }

  static PrincipalId principal(IdlValue.Record r, String field) {
    return ((IdlValue.Principal) r.get(field)).id();
  }

  static byte[] blob(IdlValue.Record r, String field) {
    return blob(r.get(field));
  }

  static byte[] blob(IdlValue v) {
    return switch (v) {
      case IdlValue.Blob b -> b.bytes();
      case IdlValue.Vec vec -> {
        byte[] out = new byte[vec.values().size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = (byte) ((IdlValue.Nat8) vec.values().get(i)).value();
        }
        yield out;
      }
      default -> throw new IllegalArgumentException("not a blob: " + v);
    };
  }

  /** The content of an {@code opt} field, or empty (also when the field is absent). */
  static Optional<IdlValue> opt(IdlValue.Record r, String field) {
    IdlValue v = r.get(field);
    if (v instanceof IdlValue.Opt o) {
      return o.value();
    }
    return Optional.empty();
  }

  static BigInteger nat(IdlValue v) {
    return switch (v) {
      case IdlValue.Nat n -> n.value();
      case IdlValue.Nat64 n -> new BigInteger(Long.toUnsignedString(n.value()));
      default -> throw new IllegalArgumentException("not a nat: " + v);
    };
  }

  static List<PrincipalId> principals(IdlValue v) {
    List<PrincipalId> out = new ArrayList<>();
    for (IdlValue p : ((IdlValue.Vec) v).values()) {
      out.add(((IdlValue.Principal) p).id());
    }
    return out;
  }

  static IdlValue.Nat nat(long v) {
    return IdlValue.Nat.of(v);
  }

  static IdlValue.Nat nat(BigInteger v) {
    return new IdlValue.Nat(v);
  }

  static IdlValue.Vec principalVec(List<PrincipalId> ps) {
    List<IdlValue> out = new ArrayList<>();
    for (PrincipalId p : ps) {
      out.add(new IdlValue.Principal(p));
    }
    return new IdlValue.Vec(out);
  }

  static IdlValue.Record record(Object... namesAndValues) {
    List<IdlValue.FieldValue> fs = new ArrayList<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      fs.add(new IdlValue.FieldValue(IdlValue.Label.named((String) namesAndValues[i]), (IdlValue) namesAndValues[i
          + 1]));
    }
    return new IdlValue.Record(fs);
  }

  static IdlValue.Variant variant(String name, IdlValue v) {
    return new IdlValue.Variant(IdlValue.Label.named(name), v);
  }

  static IdlValue.Variant variant(String name) {
    return variant(name, IdlValue.NULL);
  }
}
