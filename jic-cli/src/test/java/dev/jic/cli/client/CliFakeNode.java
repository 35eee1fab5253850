package dev.jic.cli.client;

import dev.jic.crypto.tree.LabeledTree;
import dev.jic.http.HttpBackend;
import dev.jic.interfaces.http.EffectiveId;
import dev.jic.interfaces.ingress.SignedIngressCall;
import dev.jic.interfaces.ingress.SubmitResult;
import dev.jic.interfaces.query.QueryOutcome;
import dev.jic.interfaces.state.RequestOrigin;
import dev.jic.testkit.http.FakeSubnet;
import dev.jic.types.candid.Candid;
import dev.jic.types.candid.IdlType;
import dev.jic.types.candid.IdlValue;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.RequestId;
import dev.jic.types.hash.Sha;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.messages.Blob;
import dev.jic.types.messages.QueryContent;
import dev.jic.types.messages.QueryResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A test node behind {@code IcHttpServer} for the CLI's tests: a management canister
 * (provisional create, install_code, canister_status, start/stop/delete, fetch_canister_logs) and
 * canisters whose "code" is a counter ({@code inc : () -> (nat)}, {@code get : () -> (nat) query},
 * {@code greet : (text) -> (text) query}) with a {@code candid:service}. Certificates are real
 * (the shared {@link FakeSubnet}: BLS root key, state tree with request statuses, node keys); the
 * clock is the wall clock.
 * Thread-safe by synchronizing on itself.
 */
public final class CliFakeNode extends FakeSubnet {
  static final String DID = "type Count = nat;\nservice : (opt nat) -> {\n  inc : () -> (Count);\n  get : () -> (Count) query;\n"
      + "  greet : (text) -> (record { message : text; count : Count }) query;\n}\n";

  private final Map<CanisterId, Can> canisters = new TreeMap<>();
  private long nextCanister = 0;

  /** One canister: controllers, installed module, counter, status, log. */
  static final class Can {
    final List<PrincipalId> controllers = new ArrayList<>();
    byte[] module;
    long count;
    String status = "running";
    final List<String> log = new ArrayList<>();
  }

  public CliFakeNode() {
    super(wallClock());
    certify();
  }

  public HttpBackend backend() {
    return new HttpBackend(this, this, this, this, nodeKey());
  }

  public synchronized Optional<Can> canister(CanisterId id) {
    return Optional.ofNullable(canisters.get(id));
  }

  @Override
  public synchronized SubmitResult submit(SignedIngressCall call) {
    var c = call.content();
    RequestId id = c.requestId();
    if (requests().containsKey(id)) {
      return new SubmitResult.Accepted();
    }
    RequestOrigin origin = new RequestOrigin(c.sender(), c.canisterId(), call.effectiveId());
    RequestRecord r;
    try {
      r = c.canisterId().isManagement() ? management(origin, c.methodName(), c.arg().toBytes()) : update(origin, c.methodName());
    } catch (DecodeException e) {
      r = reject(origin, 4, "bad argument: " + e.getMessage(), "IC0503");
    }
    requests().put(id, r);
    certify();
    return new SubmitResult.Accepted();
  }

  private RequestRecord management(RequestOrigin o, String method, byte[] arg) throws DecodeException {
    PrincipalId caller = o.sender().principal();
    if (method.equals("provisional_create_canister_with_cycles")) {
      CanisterId cid = CanisterId.fromU64(nextCanister++);
      Can can = new Can();
      can.controllers.add(caller);
      canisters.put(cid, can);
      return replied(o, Candid.encodeInferred(List.of(rec("canister_id", new IdlValue.Principal(cid.principal())))));
    }
    IdlValue.Record a = (IdlValue.Record) Candid.decodeUntyped(arg).values().getFirst();
    CanisterId cid = new CanisterId(((IdlValue.Principal) field(a, "canister_id")).id());
    Can can = canisters.get(cid);
    if (can == null) {
      return reject(o, 3, "Canister " + cid + " not found", "IC0301");
    }
    if (!can.controllers.contains(caller)) {
      return reject(o, 4, "Only controllers of canister " + cid + " can call " + method, "IC0512");
    }
    switch (method) {
      case "install_code" -> {
        can.module = ((IdlValue.Blob) field(a, "wasm_module")).bytes();
        IdlValue.Variant mode = (IdlValue.Variant) field(a, "mode");
        if (!mode.label().equals(IdlValue.Label.named("upgrade"))) {
          can.count = 0;
        }
        can.log.add("installed " + (mode.label().equals(IdlValue.Label.named("upgrade")) ? "upgrade" : mode.label().equals(IdlValue.Label.named("install")) ? "install" : "reinstall"));
        return replied(o, Candid.encodeInferred(List.of()));
      }
      case "canister_status" -> {
        IdlValue hash = can.module == null ? IdlValue.Opt.none() : IdlValue.Opt.some(new IdlValue.Blob(Sha.sha256(can.module)));
        IdlValue settings = rec("controllers", new IdlValue.Vec(can.controllers.stream().map(p -> (IdlValue) new IdlValue.Principal(p)).toList()));
        IdlValue status = new IdlValue.Variant(IdlValue.Label.named(can.status), new IdlValue.Null());
        return replied(o, Candid.encodeInferred(List.of(new IdlValue.Record(List.of(
            fv("status", status), fv("module_hash", hash), fv("settings", settings),
            fv("memory_size", IdlValue.Nat.of(4096)), fv("cycles", IdlValue.Nat.of(100))))))) ;
      }
      case "start_canister" -> can.status = "running";
      case "stop_canister" -> can.status = "stopped";
      case "delete_canister" -> canisters.remove(cid);
      default -> {
        return reject(o, 3, "management canister has no method " + method, "IC0302");
      }
    }
    return replied(o, Candid.encodeInferred(List.of()));
  }

  private RequestRecord update(RequestOrigin o, String method) {
    Can can = canisters.get(o.receiver());
    if (can == null) {
      return reject(o, 3, "Canister " + o.receiver() + " not found", "IC0301");
    }
    if (can.module == null) {
      return reject(o, 5, "Canister " + o.receiver() + " is empty", "IC0537");
    }
    if (!method.equals("inc")) {
      return reject(o, 3, "Canister " + o.receiver() + " has no update method '" + method + "'", "IC0302");
    }
    can.count++;
    can.log.add("inc -> " + can.count);
    return replied(o, Candid.encodeInferred(List.of(IdlValue.Nat.of(can.count))));
  }

  @Override
  public synchronized QueryOutcome execute(QueryContent q, EffectiveId effectiveId) {
    if (q.canisterId().isManagement() && q.methodName().equals("fetch_canister_logs")) {
      Can can = canisters.get(((EffectiveId.Canister) effectiveId).id());
      List<IdlValue> recs = new ArrayList<>();
      for (int i = 0; can != null && i < can.log.size(); i++) {
        recs.add(new IdlValue.Record(List.of(fv("idx", new IdlValue.Nat64(i)), fv("timestamp_nanos", new IdlValue.Nat64(1_700_000_000_000_000_000L)),
            fv("content", new IdlValue.Blob(can.log.get(i).getBytes(StandardCharsets.UTF_8))))));
      }
      return answer(Candid.encodeInferred(List.of(rec("canister_log_records", new IdlValue.Vec(recs)))));
    }
    Can can = canisters.get(q.canisterId());
    if (can == null || can.module == null) {
      return new QueryOutcome.Answered(new QueryResponse.Rejected(3, "Canister " + q.canisterId() + " not found", Optional.of("IC0301")));
    }
    return switch (q.methodName()) {
      case "get" -> answer(Candid.encode(List.of(IdlType.NAT), List.of(IdlValue.Nat.of(can.count))));
      case "greet" -> {
        String who;
        try {
          who = ((IdlValue.Text) Candid.decode(q.arg().toBytes(), List.of(IdlType.TEXT)).getFirst()).value();
        } catch (DecodeException e) {
          yield new QueryOutcome.Answered(new QueryResponse.Rejected(5, "greet: " + e.getMessage(), Optional.of("IC0503")));
        }
        yield answer(Candid.encodeInferred(List.of(new IdlValue.Record(List.of(
            fv("message", new IdlValue.Text("Hello, " + who + "!")), fv("count", IdlValue.Nat.of(can.count)))))));
      }
      default -> new QueryOutcome.Answered(new QueryResponse.Rejected(3,
          "Canister " + q.canisterId() + " has no query method '" + q.methodName() + "'", Optional.of("IC0302")));
    };
  }

  private static QueryOutcome answer(byte[] reply) {
    return new QueryOutcome.Answered(new QueryResponse.Replied(Blob.of(reply)));
  }

  @Override
  protected void addCanisterState(LabeledTree.Builder b) {
    for (var e : canisters.entrySet()) {
      if (e.getValue().module != null) {
        byte[] cid = e.getKey().toBytes();
        b.put(LabeledTree.path("canister", cid, "module_hash"), Sha.sha256(e.getValue().module));
        b.put(LabeledTree.path("canister", cid, "metadata", "candid:service"), DID.getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static RequestRecord replied(RequestOrigin o, byte[] reply) {
    return RequestRecord.replied(o, reply);
  }

  private static RequestRecord reject(RequestOrigin o, long code, String msg, String err) {
    return RequestRecord.rejected(o, code, msg, err);
  }

  private static IdlValue.FieldValue fv(String name, IdlValue v) {
    return new IdlValue.FieldValue(IdlValue.Label.named(name), v);
  }

  private static IdlValue.Record rec(String name, IdlValue v) {
    return new IdlValue.Record(List.of(fv(name, v)));
  }

  private static IdlValue field(IdlValue.Record r, String name) throws DecodeException {
    long id = IdlValue.Label.named(name).id();
    for (IdlValue.FieldValue f : r.fields()) {
      if (f.label().id() == id) {
        return f.value();
      }
    }
    throw new DecodeException("missing field " + name);
  }
}
