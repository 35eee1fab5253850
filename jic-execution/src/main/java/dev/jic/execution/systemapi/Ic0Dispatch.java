package dev.jic.execution.systemapi;

import dev.jic.wasm.engine.HostContext;

/**
 * The {@code ic0} function table: name to {@link SystemApi} method, with arguments already decoded
 * (unsigned) and the context already checked. A long switch by design: one line per function of
 * the interface spec's import list, so it can be compared with the spec at a glance.
 */
final class Ic0Dispatch {
  private Ic0Dispatch() {}

  private static final long[] NONE = new long[0];

  private static long[] r(long v) {
    return new long[] {v};
  }

  static long[] call(String name, SystemApi api, HostContext ctx, long[] a) {
    switch (name) {
      case "msg_arg_data_size" -> { return r(api.arg().length); }
      case "msg_arg_data_copy" -> api.copyOut(ctx, name, api.arg(), a[0], a[1], a[2]);
      case "msg_caller_size" -> { return r(api.caller().length); }
      case "msg_caller_copy" -> api.copyOut(ctx, name, api.caller(), a[0], a[1], a[2]);
      case "msg_caller_info_data_size", "msg_caller_info_signer_size" -> { return r(0); }
      case "msg_caller_info_data_copy", "msg_caller_info_signer_copy" ->
          api.copyOut(ctx, name, new byte[0], a[0], a[1], a[2]);
      case "msg_reject_code" -> { return r(api.rejectCode()); }
      case "msg_reject_msg_size" -> { return r(api.rejectMsg(name).length); }
      case "msg_reject_msg_copy" -> api.copyOut(ctx, name, api.rejectMsg(name), a[0], a[1], a[2]);
      case "msg_deadline" -> { return r(api.env().deadlineNanos()); }
      case "msg_reply_data_append" -> api.replyDataAppend(ctx, a[0], a[1]);
      case "msg_reply" -> api.msgReply();
      case "msg_reject" -> api.reject(ctx, a[0], a[1]);
      case "msg_cycles_available128" -> api.write128(ctx, name, a[0], api.available());
      case "msg_cycles_refunded128" -> api.write128(ctx, name, a[0], api.refunded());
      case "msg_cycles_accept128" -> api.write128(ctx, name, a[2], api.accept(a[0], a[1]));
      case "cycles_burn128" -> api.write128(ctx, name, a[2], api.burn(a[0], a[1]));
      case "msg_cycles_available" -> { return r(api.to64(api.available())); }
      case "msg_cycles_refunded" -> { return r(api.to64(api.refunded())); }
      case "msg_cycles_accept" -> { return r(api.to64(api.accept(0, a[0]))); }
      case "canister_self_size" -> { return r(api.env().self().toBytes().length); }
      case "canister_self_copy" -> api.copyOut(ctx, name, api.env().self().toBytes(), a[0], a[1], a[2]);
      case "canister_cycle_balance128" -> api.write128(ctx, name, a[0], api.balanceNow());
      case "canister_liquid_cycle_balance128" -> api.write128(ctx, name, a[0], api.liquid());
      case "canister_cycle_balance" -> { return r(api.to64(api.balanceNow())); }
      case "canister_status" -> { return r(api.env().status().code()); }
      case "canister_version" -> { return r(api.env().version()); }
      case "subnet_self_size" -> { return r(api.env().subnet().toBytes().length); }
      case "subnet_self_copy" -> api.copyOut(ctx, name, api.env().subnet().toBytes(), a[0], a[1], a[2]);
      case "msg_method_name_size" -> { return r(api.methodName().length); }
      case "msg_method_name_copy" -> api.copyOut(ctx, name, api.methodName(), a[0], a[1], a[2]);
      case "accept_message" -> api.acceptMessage();
      case "call_new" -> api.callNew(ctx, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
      case "call_on_cleanup" -> api.callOnCleanup(a[0], a[1]);
      case "call_data_append" -> api.callDataAppend(ctx, a[0], a[1]);
      case "call_with_best_effort_response" -> api.callWithBestEffortResponse(a[0]);
      case "call_cycles_add128" -> api.callCyclesAdd(a[0], a[1]);
      case "call_cycles_add" -> api.callCyclesAdd(0, a[0]);
      case "call_perform" -> { return r(api.callPerform()); }
      case "stable64_size" -> { return r(api.stableSize()); }
      case "stable64_grow" -> { return r(api.stableGrow(a[0], SystemApi.MAX_STABLE_PAGES)); }
      case "stable64_write" -> api.stableWrite(ctx, a[0], a[1], a[2]);
      case "stable64_read" -> api.stableRead(ctx, a[0], a[1], a[2]);
      case "stable_size" -> {
        api.check32BitStable();
        return r(api.stableSize());
      }
      case "stable_grow" -> {
        api.check32BitStable();
        return r(api.stableGrow(a[0], Math.min(SystemApi.MAX_STABLE32_PAGES, SystemApi.MAX_STABLE_PAGES)));
      }
      case "stable_write" -> {
        api.check32BitStable();
        api.stableWrite(ctx, a[0], a[1], a[2]);
      }
      case "stable_read" -> {
        api.check32BitStable();
        api.stableRead(ctx, a[0], a[1], a[2]);
      }
      case "root_key_size" -> { return r(api.env().rootKey().length); }
      case "root_key_copy" -> api.copyOut(ctx, name, api.env().rootKey(), a[0], a[1], a[2]);
      case "certified_data_set" -> api.certifiedDataSet(ctx, a[0], a[1]);
      case "data_certificate_present" -> { return r(api.dataCertificatePresent()); }
      case "data_certificate_size" -> { return r(api.dataCertificate(name).length); }
      case "data_certificate_copy" -> api.copyOut(ctx, name, api.dataCertificate(name), a[0], a[1], a[2]);
      case "time" -> { return r(api.env().timeNanos()); }
      case "global_timer_set" -> { return r(api.globalTimerSet(a[0])); }
      case "performance_counter" -> { return r(api.performanceCounter(ctx, (int) a[0])); }
      case "is_controller" -> { return r(api.isController(ctx, a[0], a[1])); }
      case "in_replicated_execution" -> { return r(api.type().replicated() ? 1 : 0); }
      case "cost_call" -> api.write128(ctx, name, a[2],
          api.costs().costCall(a[0], a[1], api.env().instructionLimit(), api.env().wasm64()));
      case "cost_create_canister" -> api.write128(ctx, name, a[0], api.costs().canisterCreation());
      case "cost_http_request" -> api.write128(ctx, name, a[2],
          api.costs().httpRequest(a[0], a[1]));
      case "cost_sign_with_ecdsa" -> { return r(api.costSign(ctx, name, a[0], a[1], (int) a[2], 0, a[3])); }
      case "cost_sign_with_schnorr" -> { return r(api.costSign(ctx, name, a[0], a[1], (int) a[2], 1, a[3])); }
      case "cost_vetkd_derive_key" -> { return r(api.costSign(ctx, name, a[0], a[1], (int) a[2], 0, a[3])); }
      case "env_var_count" -> { return r(api.envVarCount()); }
      case "env_var_name_size" -> { return r(api.envVarName(a[0]).length); }
      case "env_var_name_copy" -> api.copyOut(ctx, name, api.envVarName(a[0]), a[1], a[2], a[3]);
      case "env_var_name_exists" -> { return r(api.envVarExists(ctx, a[0], a[1])); }
      case "env_var_value_size" -> { return r(api.envVarValue(ctx, name, a[0], a[1]).length); }
      case "env_var_value_copy" -> api.copyOut(ctx, name, api.envVarValue(ctx, name, a[0], a[1]), a[2], a[3], a[4]);
      case "debug_print" -> api.debugPrint(ctx, a[0], a[1]);
      case "trap" -> throw api.trap(ctx, a[0], a[1]);
      default -> throw new IllegalStateException("ic0." + name + " is linked but not dispatched");
    }
    return NONE;
  }

}
