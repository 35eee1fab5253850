package dev.jic.cli.canister;

import dev.jic.cli.client.AgentException;
import dev.jic.cli.client.CallOutcome;
import dev.jic.cli.client.IcAgent;
import dev.jic.types.candid.Candid;
import dev.jic.types.candid.CandidSyntaxException;
import dev.jic.types.candid.IdlType;
import dev.jic.types.candid.IdlValue;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.id.CanisterId;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * Calls to the management canister ({@code aaaaa-aa}) as the CLI makes them (interface spec "The
 * IC management canister"): arguments are built at the spec's Candid types, and results decoded
 * at (a subset of) the result types.
 */
final class Management {
  /** The effective canister id of creation calls: canister 0 lies in a local network's ranges. */
  static final CanisterId CREATION_ECID = CanisterId.fromU64(0);
  static final BigInteger DEFAULT_CYCLES = new BigInteger("100000000000000");

  private static final IdlType CANISTER_ID_ARG = type("record { canister_id : principal }");
  private static final IdlType CREATE_ARG = type(
      "record { amount : opt nat; settings : opt record { controllers : opt vec principal } }");
  private static final IdlType CREATE_RESULT = type("record { canister_id : principal }");
  private static final IdlType INSTALL_ARG = type("record { mode : variant { install; reinstall; upgrade : opt record {"
      + " skip_pre_upgrade : opt bool; wasm_memory_persistence : opt variant { keep; replace } } };"
      + " canister_id : principal; wasm_module : blob; arg : blob }");
  static final IdlType STATUS_RESULT = type("record { status : variant { running; stopping; stopped };"
      + " module_hash : opt blob; settings : record { controllers : vec principal }; memory_size : nat; cycles : nat }");
  static final IdlType LOGS_RESULT = type(
      "record { canister_log_records : vec record { idx : nat64; timestamp_nanos : nat64; content : blob } }");

  private Management() {}

  /** How {@code install_code} treats existing code. */
  enum Mode { INSTALL, REINSTALL, UPGRADE }

  static CanisterId create(IcAgent agent, BigInteger cycles) throws AgentException {
    IdlValue arg = new IdlValue.Record(List.of(
        field("amount", IdlValue.Opt.some(new IdlValue.Nat(cycles))),
        field("settings", IdlValue.Opt.none())));
    byte[] reply = replied(agent.update(CanisterId.MANAGEMENT, CREATION_ECID, "provisional_create_canister_with_cycles",
        Candid.encode(List.of(CREATE_ARG), List.of(arg))), "create the canister");
    IdlValue.Record r = (IdlValue.Record) decode(reply, CREATE_RESULT, "provisional_create_canister_with_cycles");
    return new CanisterId(((IdlValue.Principal) r.fields().getFirst().value()).id());
  }

  static void install(IcAgent agent, CanisterId canister, Mode mode, byte[] wasm, byte[] arg, boolean keepMainMemory)
      throws AgentException {
    IdlValue m = switch (mode) {
      case INSTALL -> new IdlValue.Variant(IdlValue.Label.named("install"), new IdlValue.Null());
      case REINSTALL -> new IdlValue.Variant(IdlValue.Label.named("reinstall"), new IdlValue.Null());
      case UPGRADE -> new IdlValue.Variant(IdlValue.Label.named("upgrade"), keepMainMemory
          ? IdlValue.Opt.some(new IdlValue.Record(List.of(field("skip_pre_upgrade", IdlValue.Opt.none()),
              field("wasm_memory_persistence", IdlValue.Opt.some(
                  new IdlValue.Variant(IdlValue.Label.named("keep"), new IdlValue.Null()))))))
          : IdlValue.Opt.none());
    };
    IdlValue a = new IdlValue.Record(List.of(field("mode", m), field("canister_id", new IdlValue.Principal(canister.principal())),
        field("wasm_module", new IdlValue.Blob(wasm)), field("arg", new IdlValue.Blob(arg))));
    replied(agent.update(CanisterId.MANAGEMENT, canister, "install_code", Candid.encode(List.of(INSTALL_ARG), List.of(a))),
        mode.name().toLowerCase(java.util.Locale.ROOT) + " the code of " + canister);
  }

  /** A management method taking {@code record { canister_id }}: start/stop/delete/canister_status. */
  static byte[] onCanister(IcAgent agent, CanisterId canister, String method) throws AgentException {
    return replied(agent.update(CanisterId.MANAGEMENT, canister, method, canisterIdArg(canister)), method + " " + canister);
  }

  /** {@code fetch_canister_logs}, a query. */
  static byte[] logs(IcAgent agent, CanisterId canister) throws AgentException {
    return replied(agent.query(CanisterId.MANAGEMENT, canister, "fetch_canister_logs", canisterIdArg(canister)),
        "fetch the logs of " + canister);
  }

  static byte[] canisterIdArg(CanisterId canister) {
    return Candid.encode(List.of(CANISTER_ID_ARG),
        List.of(new IdlValue.Record(List.of(field("canister_id", new IdlValue.Principal(canister.principal()))))));
  }

  static byte[] replied(CallOutcome o, String what) throws AgentException {
    return switch (o) {
      case CallOutcome.Replied r -> r.arg();
      case CallOutcome.Rejected r -> throw new AgentException("could not " + what + ": " + r.describe(), RejectHints.hint(r));
    };
  }

  static IdlValue decode(byte[] reply, IdlType type, String method) throws AgentException {
    try {
      return Candid.decode(reply, List.of(type)).getFirst();
    } catch (DecodeException e) {
      throw new AgentException("unexpected answer from " + method + ": " + e.getMessage(), "this is a replica bug", e);
    }
  }

  static Optional<IdlValue> get(IdlValue.Record r, String name) {
    long id = IdlValue.Label.named(name).id();
    return r.fields().stream().filter(f -> f.label().id() == id).map(IdlValue.FieldValue::value).findFirst();
  }

  private static IdlValue.FieldValue field(String name, IdlValue v) {
    return new IdlValue.FieldValue(IdlValue.Label.named(name), v);
  }

  private static IdlType type(String text) {
    try {
      return Candid.parseType(text);
    } catch (CandidSyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
