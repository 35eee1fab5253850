package dev.jic.execution;

import dev.jic.types.id.CanisterId;

/**
 * Why the execution of a canister message failed. This is THE one place where Wasm outcomes
 * (traps, System API misuse, running out of instructions, invalid modules) map to IC error codes
 * and reject messages, with the replica's wording (dfinity/ic
 * {@code rs/interfaces/src/execution_environment/errors.rs}, {@code HypervisorError::into_user_error}):
 * {@code "Error from Canister <id>: <what>.\n<help>"}, where the help text names a documentation
 * anchor for errors the canister developer can fix.
 */
public sealed interface HypervisorError {
  /** Base of the replica's documentation links for execution errors. */
  String DOC = "https://internetcomputer.org/docs/current/references/execution-errors#";
  /** The help text the replica appends to errors that point at the toolchain or CDK. */
  String TOOLCHAIN_HELP = "This is likely an error with the compiler/CDK toolchain being used to build the canister. "
      + "Please report the error to IC devs on the forum: https://forum.dfinity.org and include which language/CDK "
      + "was used to create the canister.";

  /** The error code. */
  ErrorCode code();

  /** The text after {@code "Error from Canister <id>: "} and before the help. */
  String what();

  /** The help text (may be empty). */
  String help();

  /** The error as users see it. */
  default UserError toUserError(CanisterId canister) {
    String h = help();
    String d = h.isEmpty() ? "Error from Canister " + canister + ": " + what()
        : "Error from Canister " + canister + ": " + what() + ".\n" + h;
    return new UserError(code(), d);
  }

  private static String userHelp(String suggestion, String anchor) {
    return suggestion.isEmpty() ? "" : suggestion + " See documentation: " + DOC + anchor;
  }

  /** The message names a method the module does not export. */
  record MethodNotFound(String kind, String method) implements HypervisorError {
    public ErrorCode code() {
      return ErrorCode.CANISTER_METHOD_NOT_FOUND;
    }

    public String what() {
      return "Canister has no " + kind + " method '" + method + "'.";
    }

    public String help() {
      return userHelp("Check that the method being called is exported by the target canister.", "method-not-found");
    }
  }

  /** System API misuse by the canister developer (e.g. a call in the wrong context). */
  record UserContractViolation(String error, String suggestion, String anchor) implements HypervisorError {
    public ErrorCode code() {
      return ErrorCode.CANISTER_CONTRACT_VIOLATION;
    }

    public String what() {
      return "Canister violated contract: " + error;
    }

    public String help() {
      return userHelp(suggestion, anchor);
    }
  }

  /** System API misuse a CDK would make (bad bounds, replying twice...). */
  record ToolchainContractViolation(String error) implements HypervisorError {
    public ErrorCode code() {
      return ErrorCode.CANISTER_CONTRACT_VIOLATION;
    }

    public String what() {
      return "Canister violated contract: " + error;
    }

    public String help() {
      return TOOLCHAIN_HELP;
    }
  }

  /** The canister provided a malformed principal (e.g. to {@code ic0.is_controller}). */
  record InvalidPrincipalId() implements HypervisorError {
    public ErrorCode code() {
      return ErrorCode.CANISTER_CONTRACT_VIOLATION;
    }

    public String what() {
      return "Canister provided invalid principal id";
    }

    public String help() {
      return TOOLCHAIN_HELP;
    }
  }

  /** The message ran out of its instruction budget. */
  record InstructionLimitExceeded(long limit) implements HypervisorError {
    public ErrorCode code() {
      return ErrorCode.CANISTER_INSTRUCTION_LIMIT_EXCEEDED;
    }

    public String what() {
      return "Canister exceeded the limit of " + limit + " instructions for single message execution.";
    }

    public String help() {
      return userHelp("Try optimizing this method to consume fewer instructions or split the work across multiple "
          + "messages.", "instruction-limit-exceeded");
    }
  }

  /** A Wasm trap; {@code trapCode} is the replica's text ("unreachable", "heap out of bounds", ...). */
  record Trapped(String trapCode) implements HypervisorError {
    public ErrorCode code() {
      return ErrorCode.CANISTER_TRAPPED;
    }

    public String what() {
      return "Canister trapped: " + trapCode;
    }

    public String help() {
      return userHelp("Consider gracefully handling failures from this canister or altering the canister to handle "
          + "exceptions.", "trapped");
    }
  }

  /** The canister called {@code ic0.trap}. */
  record CalledTrap(String message) implements HypervisorError {
    public ErrorCode code() {
      return ErrorCode.CANISTER_CALLED_TRAP;
    }

    public String what() {
      return "Canister called `ic0.trap` with message: '" + message + "'";
    }

    public String help() {
      return userHelp("Consider gracefully handling failures from this canister or altering the canister to handle "
          + "exceptions.", "trapped-explicitly");
    }
  }

  /** The canister has no module. */
  record WasmModuleNotFound() implements HypervisorError {
    public ErrorCode code() {
      return ErrorCode.CANISTER_WASM_MODULE_NOT_FOUND;
    }

    public String what() {
      return "Attempted to execute a message, but the canister contains no Wasm module.";
    }

    public String help() {
      return userHelp("Please install code to this canister before calling it.", "wasm-module-not-found");
    }
  }

  /** The module is not valid (or could not be instrumented / compiled). */
  record InvalidWasm(String reason) implements HypervisorError {
    public ErrorCode code() {
      return ErrorCode.CANISTER_INVALID_WASM;
    }

    public String what() {
      return "Canister's Wasm module is not valid: " + reason;
    }

    public String help() {
      return "";
    }
  }

  /** A callback's table index names no function. */
  record FunctionNotFound(long table, long function) implements HypervisorError {
    public ErrorCode code() {
      return ErrorCode.CANISTER_FUNCTION_NOT_FOUND;
    }

    public String what() {
      return "Canister requested to invoke a non-existent Wasm function " + function + " from table " + table;
    }

    public String help() {
      return TOOLCHAIN_HELP;
    }
  }

  /** The canister cannot grow its memory. */
  record OutOfMemory() implements HypervisorError {
    public ErrorCode code() {
      return ErrorCode.CANISTER_OUT_OF_MEMORY;
    }

    public String what() {
      return "Canister cannot grow its memory usage.";
    }

    public String help() {
      return userHelp("Check the canister's memory usage against its allocation and the system wide limits to "
          + "determine why more memory cannot be allocated.", "out-of-memory");
    }
  }

  /** Not enough liquid cycles for an operation ({@code call_cycles_add128} and similar). */
  record InsufficientCyclesBalance(String message) implements HypervisorError {
    public ErrorCode code() {
      return ErrorCode.CANISTER_CONTRACT_VIOLATION;
    }

    public String what() {
      return message;
    }

    public String help() {
      return "";
    }
  }

  /** A reply/reject callback failed, and so did its cleanup callback. */
  record Cleanup(HypervisorError callback, HypervisorError cleanup) implements HypervisorError {
    public ErrorCode code() {
      return callback.code();
    }

    public String what() {
      return callback.what() + "\n\ncall_on_cleanup also failed:\n\n" + cleanup.what();
    }

    public String help() {
      return "";
    }
  }

  /** The Wasm engine failed for a reason not attributable to the canister (e.g. unlinkable). */
  record WasmEngineError(String message) implements HypervisorError {
    public ErrorCode code() {
      return ErrorCode.CANISTER_WASM_ENGINE_ERROR;
    }

    public String what() {
      return "Canister encountered a Wasm engine error: " + message;
    }

    public String help() {
      return "";
    }
  }
}
