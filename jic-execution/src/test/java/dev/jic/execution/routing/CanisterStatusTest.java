package dev.jic.execution.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.jic.execution.scheduler.SchedulerConfig;
import dev.jic.replicated.IngressStatus;
import dev.jic.types.candid.Candid;
import dev.jic.types.candid.IdlValue;
import dev.jic.types.candid.IdlValue.FieldValue;
import dev.jic.types.candid.IdlValue.Label;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.unit.Cycles;
import dev.jic.wasm.engine.ChicoryEngine;
import dev.jic.wasm.engine.EngineConfig;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code canister_status} with the spec 0.64/0.65 settings (ic.did {@code definite_canister_settings}):
 * {@code minimum_incoming_canister_call_cycles}, {@code snapshot_visibility} and
 * {@code status_visibility} set through {@code update_settings}, reported by {@code canister_status},
 * and enforced for {@code canister_status} and {@code list_canister_snapshots} callers.
 */
class CanisterStatusTest {
  static final ChicoryEngine ENGINE = new ChicoryEngine(EngineConfig.defaults());
  static final String VIS = "variant { controllers; public; allowed_viewers : vec principal }";
  static final String STATUS_SETTINGS = "record { settings : record { minimum_incoming_canister_call_cycles : nat; "
      + "snapshot_visibility : " + VIS + "; status_visibility : " + VIS + "; freezing_threshold : nat }; "
      + "status : variant { running; stopping; stopped } }";

  private static IdlValue.Record decodeStatus(byte[] reply) throws Exception {
    return (IdlValue.Record) Candid.decode(reply, List.of(Mgmt.type(STATUS_SETTINGS))).get(0);
  }

  @Test
  void visibilitySettingsAreReportedAndEnforced() throws Exception {
    PrincipalId stranger = PrincipalId.of(new byte[] {7, 7, 7, 1});
    try (InProcessSubnet s = InProcessSubnet.application(ENGINE, SchedulerConfig.defaults(1))) {
      CanisterId c = Tiny.install(s);
      IdlValue.Record st = decodeStatus(Tiny.replied(s.call(Tiny.USER, CanisterId.MANAGEMENT, "canister_status",
          Mgmt.canisterId(c))));
      IdlValue.Record set = (IdlValue.Record) st.get("settings");
      assertEquals(BigInteger.ZERO, ((IdlValue.Nat) set.get("minimum_incoming_canister_call_cycles")).value());
      assertEquals("controllers", ((IdlValue.Variant) set.get("status_visibility")).label().name());
      assertEquals("controllers", ((IdlValue.Variant) set.get("snapshot_visibility")).label().name());
      assertEquals("IC0512", assertInstanceOf(IngressStatus.Rejected.class, s.call(stranger, CanisterId.MANAGEMENT,
          "canister_status", Mgmt.canisterId(c))).errorCode());
      assertEquals("IC0512", assertInstanceOf(IngressStatus.Rejected.class, s.call(stranger, CanisterId.MANAGEMENT,
          "list_canister_snapshots", Mgmt.canisterId(c))).errorCode());

      String settingsType = "record { canister_id : principal; settings : record { "
          + "minimum_incoming_canister_call_cycles : opt nat; snapshot_visibility : opt " + VIS + "; "
          + "status_visibility : opt " + VIS + " } }";
      IdlValue settings = new IdlValue.Record(List.of(
          new FieldValue(Label.named("canister_id"), new IdlValue.Principal(c.principal())),
          new FieldValue(Label.named("settings"), new IdlValue.Record(List.of(
              new FieldValue(Label.named("minimum_incoming_canister_call_cycles"),
                  IdlValue.Opt.some(new IdlValue.Nat(BigInteger.valueOf(1234)))),
              new FieldValue(Label.named("snapshot_visibility"), IdlValue.Opt.some(new IdlValue.Variant(
                  Label.named("allowed_viewers"), new IdlValue.Vec(List.of(new IdlValue.Principal(stranger)))))),
              new FieldValue(Label.named("status_visibility"), IdlValue.Opt.some(new IdlValue.Variant(
                  Label.named("public"), IdlValue.NULL))))))));
      Tiny.replied(s.call(Tiny.USER, CanisterId.MANAGEMENT, "update_settings", Candid.encode(
          List.of(Mgmt.type(settingsType)), List.of(settings))));

      st = decodeStatus(Tiny.replied(s.call(stranger, CanisterId.MANAGEMENT, "canister_status",
          Mgmt.canisterId(c))));
      set = (IdlValue.Record) st.get("settings");
      assertEquals(BigInteger.valueOf(1234), ((IdlValue.Nat) set.get("minimum_incoming_canister_call_cycles"))
          .value());
      assertEquals("public", ((IdlValue.Variant) set.get("status_visibility")).label().name());
      assertEquals("allowed_viewers", ((IdlValue.Variant) set.get("snapshot_visibility")).label().name());
      assertEquals(BigInteger.valueOf(2_592_000), ((IdlValue.Nat) set.get("freezing_threshold")).value(),
          "other settings unchanged");
      Tiny.replied(s.call(stranger, CanisterId.MANAGEMENT, "list_canister_snapshots", Mgmt.canisterId(c)));
      PrincipalId other = PrincipalId.of(new byte[] {7, 7, 7, 2});
      assertEquals("IC0512", assertInstanceOf(IngressStatus.Rejected.class, s.call(other, CanisterId.MANAGEMENT,
          "list_canister_snapshots", Mgmt.canisterId(c))).errorCode());
      // canister_status as a non-replicated query follows the same visibility.
      decodeStatus(((dev.jic.replicated.Payload.Data) s.query(other, CanisterId.MANAGEMENT, "canister_status",
          Mgmt.canisterId(c)).payload()).bytes());
      assertEquals(Cycles.of(100_000_000_000_000L).compareTo(s.state().canister(c).system().balance()) >= 0, true);
    }
  }
}
