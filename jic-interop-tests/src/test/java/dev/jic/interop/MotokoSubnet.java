package dev.jic.interop;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.jic.execution.QueryResult;
import dev.jic.execution.routing.InProcessSubnet;
import dev.jic.execution.scheduler.SchedulerConfig;
import dev.jic.replicated.IngressStatus;
import dev.jic.replicated.Payload;
import dev.jic.types.candid.Candid;
import dev.jic.types.candid.IdlType;
import dev.jic.types.candid.IdlValue;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.wasm.engine.ChicoryEngine;
import dev.jic.wasm.engine.EngineConfig;
import java.util.List;

/**
 * An {@link InProcessSubnet} running Motoko programs of one {@link MotokoPrograms.Mode}: canisters
 * are created and installed by ingress to the management canister (as a user would), methods are
 * called by ingress or queried, and replies are rendered as Candid text for assertions.
 */
final class MotokoSubnet implements AutoCloseable {
  /** The user sending every ingress message (and the controller of every canister). */
  static final PrincipalId USER = PrincipalId.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 2});
  private static final ChicoryEngine ENGINE = new ChicoryEngine(EngineConfig.defaults());
  private static final IdlType INSTALL_ARGS = type("record { mode : variant { install; reinstall; upgrade : opt "
      + "record { wasm_memory_persistence : opt variant { keep; replace } } }; canister_id : principal; "
      + "wasm_module : blob; arg : blob }");
  private static final byte[] NO_ARGS = Candid.encode(List.of(), List.of());

  final InProcessSubnet subnet = InProcessSubnet.application(ENGINE, SchedulerConfig.defaults(1));
  final MotokoPrograms.Mode mode;

  MotokoSubnet(MotokoPrograms.Mode mode) {
    this.mode = mode;
  }

  static IdlType type(String text) {
    try {
      return Candid.parseType(text);
    } catch (Exception e) {
      throw new IllegalStateException(text, e);
    }
  }

  /** Creates a canister (default cycles) and installs {@code program} into it; both by ingress. */
  CanisterId install(String program) throws DecodeException {
    byte[] created = replied(subnet.call(USER, CanisterId.MANAGEMENT, "provisional_create_canister_with_cycles",
        Candid.encode(List.of(type("record { amount : opt nat }")), List.of(IdlValue.record("amount",
            IdlValue.Opt.none())))));
    IdlValue.Record r = (IdlValue.Record) Candid.decode(created, List.of(type("record { canister_id : principal }")))
        .getFirst();
    CanisterId id = CanisterId.of(((IdlValue.Principal) r.get("canister_id")).id().toBytes());
    replied(installCode(id, program, new IdlValue.Variant(IdlValue.Label.named("install"), IdlValue.NULL)));
    return id;
  }

  /**
   * Upgrades {@code id} to {@code program}; {@code keep} null leaves {@code wasm_memory_persistence}
   * unset, else {@code opt variant { keep }} / {@code { replace }}. Returns the ingress outcome.
   */
  IngressStatus upgrade(CanisterId id, String program, Boolean keep) {
    IdlValue persistence = keep == null ? IdlValue.Opt.none() : IdlValue.Opt.some(new IdlValue.Variant(
        IdlValue.Label.named(keep ? "keep" : "replace"), IdlValue.NULL));
    return installCode(id, program, new IdlValue.Variant(IdlValue.Label.named("upgrade"), IdlValue.Opt.some(
        IdlValue.record("wasm_memory_persistence", persistence))));
  }

  /** Upgrades as the target needs: wasm64 (enhanced orthogonal persistence) must keep its memory. */
  IngressStatus upgrade(CanisterId id, String program) {
    return upgrade(id, program, mode == MotokoPrograms.Mode.WASM64 ? Boolean.TRUE : null);
  }

  private IngressStatus installCode(CanisterId id, String program, IdlValue installMode) {
    byte[] arg = Candid.encode(List.of(INSTALL_ARGS), List.of(IdlValue.record("mode", installMode, "canister_id",
        new IdlValue.Principal(id.principal()), "wasm_module", new IdlValue.Blob(MotokoPrograms.wasm(program, mode)),
        "arg", new IdlValue.Blob(NO_ARGS))));
    return subnet.call(USER, CanisterId.MANAGEMENT, "install_code", arg);
  }

  /** Sends an ingress update with Candid arguments (types inferred) and runs batches until it ends. */
  IngressStatus call(CanisterId c, String method, IdlValue... args) {
    return subnet.call(USER, c, method, Candid.encodeInferred(List.of(args)));
  }

  /** An update that must reply; its reply as Candid text, e.g. {@code (1 : nat)}. */
  String update(CanisterId c, String method, IdlValue... args) throws DecodeException {
    return render(replied(call(c, method, args)));
  }

  /** A query that must reply; its reply as Candid text. */
  String query(CanisterId c, String method, IdlValue... args) throws DecodeException {
    QueryResult q = queryResult(c, method, args);
    return render(assertInstanceOf(Payload.Data.class, q.payload(), () -> "query " + method + ": " + q).bytes());
  }

  /** A non-replicated query (no data certificate). */
  QueryResult queryResult(CanisterId c, String method, IdlValue... args) {
    return subnet.query(USER, c, method, Candid.encodeInferred(List.of(args)));
  }

  /** The reply of a replied ingress message (fails the test otherwise). */
  static byte[] replied(IngressStatus s) {
    return assertInstanceOf(IngressStatus.Replied.class, s, () -> "not replied: " + s).reply();
  }

  /** The reject of a rejected ingress message (fails the test otherwise). */
  static IngressStatus.Rejected rejected(IngressStatus s) {
    return assertInstanceOf(IngressStatus.Rejected.class, s, () -> "not rejected: " + s);
  }

  static String render(byte[] candid) throws DecodeException {
    return Candid.render(Candid.decodeUntyped(candid).values());
  }

  static IdlValue text(String s) {
    return new IdlValue.Text(s);
  }

  static IdlValue nat(long n) {
    return IdlValue.Nat.of(n);
  }

  static IdlValue principal(CanisterId c) {
    return new IdlValue.Principal(c.principal());
  }

  @Override
  public void close() {
    subnet.close();
  }
}
