package dev.jic.execution.systemapi;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which {@code ic0} function may be called in which context: the "allowed contexts" column of the
 * interface spec's import table (IC-INTERFACE-DIGEST §5.3, spec 0.66), transcribed verbatim. A
 * {@code *} means every context except the {@code (start)} function; {@code * s} adds it.
 */
public final class Permissions {
  private Permissions() {}

  private static final String ALL = "I G U RQ NRQ TQ CQ Ry Rt CRy CRt C CC F T";

  // Source: IC-INTERFACE-DIGEST.md §5.3 (interface spec 0.66, canister-interface.md import list).
  private static final String TABLE = """
      msg_arg_data_size: I U RQ NRQ TQ CQ Ry CRy F
      msg_arg_data_copy: I U RQ NRQ TQ CQ Ry CRy F
      msg_caller_size: *
      msg_caller_copy: *
      msg_caller_info_data_size: U RQ NRQ CQ Ry Rt CRy CRt C CC F
      msg_caller_info_data_copy: U RQ NRQ CQ Ry Rt CRy CRt C CC F
      msg_caller_info_signer_size: U RQ NRQ CQ Ry Rt CRy CRt C CC F
      msg_caller_info_signer_copy: U RQ NRQ CQ Ry Rt CRy CRt C CC F
      msg_reject_code: Ry Rt CRy CRt C
      msg_reject_msg_size: Rt CRt
      msg_reject_msg_copy: Rt CRt
      msg_deadline: U RQ NRQ CQ Ry Rt CRy CRt
      msg_reply_data_append: U RQ NRQ TQ CQ Ry Rt CRy CRt
      msg_reply: U RQ NRQ TQ CQ Ry Rt CRy CRt
      msg_reject: U RQ NRQ TQ CQ Ry Rt CRy CRt
      msg_cycles_available128: U RQ Rt Ry
      msg_cycles_refunded128: Rt Ry
      msg_cycles_accept128: U RQ Rt Ry
      cycles_burn128: I G U RQ Ry Rt C T
      canister_self_size: *
      canister_self_copy: *
      canister_cycle_balance128: *
      canister_liquid_cycle_balance128: *
      canister_status: *
      canister_version: *
      subnet_self_size: *
      subnet_self_copy: *
      msg_method_name_size: F
      msg_method_name_copy: F
      accept_message: F
      call_new: U CQ Ry Rt CRy CRt T
      call_on_cleanup: U CQ Ry Rt CRy CRt T
      call_data_append: U CQ Ry Rt CRy CRt T
      call_with_best_effort_response: U CQ Ry Rt CRy CRt T
      call_cycles_add128: U Ry Rt T
      call_perform: U CQ Ry Rt CRy CRt T
      stable64_size: * s
      stable64_grow: * s
      stable64_write: * s
      stable64_read: * s
      root_key_size: I G U RQ Ry Rt C T
      root_key_copy: I G U RQ Ry Rt C T
      certified_data_set: I G U Ry Rt T
      data_certificate_present: *
      data_certificate_size: NRQ CQ
      data_certificate_copy: NRQ CQ
      time: *
      global_timer_set: I G U Ry Rt C T
      performance_counter: * s
      is_controller: * s
      in_replicated_execution: * s
      cost_call: * s
      cost_create_canister: * s
      cost_http_request: * s
      cost_sign_with_ecdsa: * s
      cost_sign_with_schnorr: * s
      cost_vetkd_derive_key: * s
      env_var_count: *
      env_var_name_size: *
      env_var_name_copy: *
      env_var_name_exists: *
      env_var_value_size: *
      env_var_value_copy: *
      debug_print: * s
      trap: * s
      msg_cycles_available: U RQ Rt Ry
      msg_cycles_refunded: Rt Ry
      msg_cycles_accept: U RQ Rt Ry
      canister_cycle_balance: *
      call_cycles_add: U Ry Rt T
      stable_size: * s
      stable_grow: * s
      stable_write: * s
      stable_read: * s
      """;

  private static final Map<String, Set<String>> ALLOWED = parse();

  private static Map<String, Set<String>> parse() {
    Map<String, Set<String>> m = new TreeMap<>();
    for (String line : TABLE.strip().split("\n")) {
      String[] parts = line.strip().split(":");
      String spec = parts[1].strip().replace("*", ALL);
      m.put(parts[0], Set.of(spec.split("\\s+")));
    }
    return Map.copyOf(m);
  }

  /** Whether {@code ic0.<name>} may be called in {@code type}; false for unknown names. */
  public static boolean allowed(String name, ApiType type) {
    Set<String> s = ALLOWED.get(name);
    return s != null && s.contains(type.code());
  }

  /** Whether the table lists {@code name}. */
  public static boolean known(String name) {
    return ALLOWED.containsKey(name);
  }
}
