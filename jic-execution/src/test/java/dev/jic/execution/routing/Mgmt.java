package dev.jic.execution.routing;

import dev.jic.types.candid.Candid;
import dev.jic.types.candid.IdlType;
import dev.jic.types.candid.IdlValue;
import dev.jic.types.id.CanisterId;
import java.util.List;

/** Candid payloads for management calls in tests (types from ic.did, IC-INTERFACE-DIGEST §6.2). */
final class Mgmt {
  private Mgmt() {}

  static IdlType type(String t) {
    try {
      return Candid.parseType(t);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] provisionalCreate() {
    return Candid.encode(List.of(type("record { amount : opt nat }")), List.of(new IdlValue.Record(List.of(
        new IdlValue.FieldValue(IdlValue.Label.named("amount"), IdlValue.Opt.none())))));
  }

  static byte[] canisterId(CanisterId id) {
    return Candid.encode(List.of(type("record { canister_id : principal }")), List.of(new IdlValue.Record(List.of(
        new IdlValue.FieldValue(IdlValue.Label.named("canister_id"), new IdlValue.Principal(id.principal()))))));
  }

  static byte[] install(String mode, CanisterId id, byte[] wasm, byte[] arg) {
    IdlType t = type("record { mode : variant { install; reinstall; upgrade : opt record { "
        + "wasm_memory_persistence : opt variant { keep; replace } } }; canister_id : principal; wasm_module : blob; "
        + "arg : blob }");
    IdlValue m = mode.equals("upgrade") ? new IdlValue.Variant(IdlValue.Label.named("upgrade"), IdlValue.Opt.none())
        : new IdlValue.Variant(IdlValue.Label.named(mode), IdlValue.NULL);
    return Candid.encode(List.of(t), List.of(new IdlValue.Record(List.of(
        new IdlValue.FieldValue(IdlValue.Label.named("mode"), m),
        new IdlValue.FieldValue(IdlValue.Label.named("canister_id"), new IdlValue.Principal(id.principal())),
        new IdlValue.FieldValue(IdlValue.Label.named("wasm_module"), new IdlValue.Blob(wasm)),
        new IdlValue.FieldValue(IdlValue.Label.named("arg"), new IdlValue.Blob(arg))))));
  }

  /** The canister id of a create reply. */
  static CanisterId created(byte[] reply) throws Exception {
    IdlValue.Record r = (IdlValue.Record) Candid.decode(reply, List.of(type("record { canister_id : principal }")))
        .get(0);
    return CanisterId.of(((IdlValue.Principal) r.get("canister_id")).id().toBytes());
  }
}
