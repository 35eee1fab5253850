package dev.jic.cli.canister;

import dev.jic.cli.client.CallOutcome;

/** A hint for each kind of reject, keyed by the IC error code (interface spec "Error codes") or reject code. */
final class RejectHints {
  private RejectHints() {}

  static String hint(CallOutcome.Rejected r) {
    String code = r.errorCode().orElse("");
    return switch (code) {
      case "IC0301" -> "no canister with this id: check the id, or create one with `jic canister create`";
      case "IC0302", "IC0536" -> "the canister has no such method: check the method name (and whether it is a query)";
      case "IC0512" -> "only a controller may do this: check `jic identity whoami` and `jic canister status`";
      case "IC0207", "IC0501" -> "the canister is out of cycles";
      case "IC0510" -> "stop the canister first: `jic canister stop <id>`";
      case "IC0406" -> "the canister refused the message in inspect_message";
      case "IC0503", "IC0502" -> "the canister trapped: see its logs with `jic canister logs <id>`";
      case "IC0522" -> "the canister ran out of instructions";
      case "IC0505" -> "the Wasm module is invalid for the IC: check the build";
      case "IC0508", "IC0509" -> "the canister is stopped or stopping: `jic canister start <id>`";
      case "IC0538" -> "the canister already has code: use `jic canister upgrade` or `reinstall`";
      case "IC0537" -> "the canister has no Wasm module: install one first";
      default -> switch ((int) r.code()) {
        case 4 -> r.message().contains("controller") || r.message().contains("Only")
            ? "only a controller may do this: check `jic identity whoami` and `jic canister status`"
            : "the canister (or the management canister) rejected the call: check the arguments";
        case 5 -> "the canister failed while handling the call: see `jic canister logs <id>`";
        case 3 -> "check the canister id and method name";
        case 2 -> "a transient error: retry in a moment";
        default -> "";
      };
    };
  }
}
