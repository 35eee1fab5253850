package dev.jic.wasm.validation;

import dev.jic.wasm.binary.Types.FuncType;
import dev.jic.wasm.binary.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The exact signatures of the {@code ic0} System API imports (IC-INTERFACE-DIGEST.md §5.3,
 * interface spec 0.66), for 32-bit and 64-bit modules. {@code I} is the pointer type: i32 for
 * wasm32, i64 for wasm64. The deprecated / 64-bit-cycle variants exist only for wasm32.
 */
public final class SystemApiSignatures {
  private SystemApiSignatures() {}

  // name: parameters -> results, with I = pointer width. Source: digest §5.3.
  private static final String COMMON = """
      msg_arg_data_size: -> I
      msg_arg_data_copy: I I I ->
      msg_caller_size: -> I
      msg_caller_copy: I I I ->
      msg_caller_info_data_size: -> I
      msg_caller_info_data_copy: I I I ->
      msg_caller_info_signer_size: -> I
      msg_caller_info_signer_copy: I I I ->
      msg_reject_code: -> i32
      msg_reject_msg_size: -> I
      msg_reject_msg_copy: I I I ->
      msg_deadline: -> i64
      msg_reply_data_append: I I ->
      msg_reply: ->
      msg_reject: I I ->
      msg_cycles_available128: I ->
      msg_cycles_refunded128: I ->
      msg_cycles_accept128: i64 i64 I ->
      cycles_burn128: i64 i64 I ->
      canister_self_size: -> I
      canister_self_copy: I I I ->
      canister_cycle_balance128: I ->
      canister_liquid_cycle_balance128: I ->
      canister_status: -> i32
      canister_version: -> i64
      subnet_self_size: -> I
      subnet_self_copy: I I I ->
      msg_method_name_size: -> I
      msg_method_name_copy: I I I ->
      accept_message: ->
      call_new: I I I I I I I I ->
      call_on_cleanup: I I ->
      call_data_append: I I ->
      call_with_best_effort_response: i32 ->
      call_cycles_add128: i64 i64 ->
      call_perform: -> i32
      stable64_size: -> i64
      stable64_grow: i64 -> i64
      stable64_write: i64 i64 i64 ->
      stable64_read: i64 i64 i64 ->
      root_key_size: -> I
      root_key_copy: I I I ->
      certified_data_set: I I ->
      data_certificate_present: -> i32
      data_certificate_size: -> I
      data_certificate_copy: I I I ->
      time: -> i64
      global_timer_set: i64 -> i64
      performance_counter: i32 -> i64
      is_controller: I I -> i32
      in_replicated_execution: -> i32
      cost_call: i64 i64 I ->
      cost_create_canister: I ->
      cost_http_request: i64 i64 I ->
      cost_sign_with_ecdsa: I I i32 I -> i32
      cost_sign_with_schnorr: I I i32 I -> i32
      cost_vetkd_derive_key: I I i32 I -> i32
      env_var_count: -> I
      env_var_name_size: I -> I
      env_var_name_copy: I I I I ->
      env_var_name_exists: I I -> i32
      env_var_value_size: I I -> I
      env_var_value_copy: I I I I I ->
      debug_print: I I ->
      trap: I I ->
      """;

  private static final String WASM32_ONLY = """
      msg_cycles_available: -> i64
      msg_cycles_refunded: -> i64
      msg_cycles_accept: i64 -> i64
      canister_cycle_balance: -> i64
      call_cycles_add: i64 ->
      stable_size: -> i32
      stable_grow: i32 -> i32
      stable_write: i32 i32 i32 ->
      stable_read: i32 i32 i32 ->
      """;

  private static final Map<String, FuncType> WASM32 = build(ValType.I32, true);
  private static final Map<String, FuncType> WASM64 = build(ValType.I64, false);

  /** The signature of {@code ic0.<name>} for a module of this pointer width, or null if there is none. */
  public static FuncType lookup(String name, boolean wasm64) {
    return (wasm64 ? WASM64 : WASM32).get(name);
  }

  /** All names available at this pointer width, sorted. */
  public static List<String> names(boolean wasm64) {
    return List.copyOf((wasm64 ? WASM64 : WASM32).keySet());
  }

  private static Map<String, FuncType> build(ValType pointer, boolean with32Only) {
    Map<String, FuncType> m = new TreeMap<>();
    parse(COMMON, pointer, m);
    if (with32Only) {
      parse(WASM32_ONLY, pointer, m);
    }
    return Map.copyOf(m);
  }

  private static void parse(String table, ValType pointer, Map<String, FuncType> into) {
    for (String line : table.strip().split("\n")) {
      String[] nameAndSig = line.strip().split(":");
      String[] sides = nameAndSig[1].split("->", -1);
      into.put(nameAndSig[0], new FuncType(types(sides[0], pointer), types(sides[1], pointer)));
    }
  }

  private static List<ValType> types(String side, ValType pointer) {
    List<ValType> out = new ArrayList<>();
    for (String t : side.strip().split("\\s+")) {
      switch (t) {
        case "" -> {}
        case "I" -> out.add(pointer);
        case "i32" -> out.add(ValType.I32);
        case "i64" -> out.add(ValType.I64);
        default -> throw new IllegalStateException("bad signature table entry " + t);
      }
    }
    return out;
  }
}
