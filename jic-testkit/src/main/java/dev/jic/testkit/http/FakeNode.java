package dev.jic.testkit.http;

import dev.jic.crypto.node.NodeSigningKey;
import dev.jic.crypto.tree.LabeledTree;
import dev.jic.interfaces.http.EffectiveId;
import dev.jic.interfaces.ingress.SignedIngressCall;
import dev.jic.interfaces.ingress.SubmitResult;
import dev.jic.interfaces.query.QueryOutcome;
import dev.jic.interfaces.state.RequestOrigin;
import dev.jic.types.candid.Candid;
import dev.jic.types.candid.IdlType;
import dev.jic.types.candid.IdlValue;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.messages.Blob;
import dev.jic.types.messages.CallContent;
import dev.jic.types.messages.QueryContent;
import dev.jic.types.messages.QueryResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An in-memory node behind the HTTP boundary (see {@link FakeSubnet}) with one canister,
 * {@link #HELLO}, answering the update {@code greet} and the query {@code hello} with Candid
 * {@code ("Hello, " # name # "!")}; its metadata section {@code secret} is private to
 * {@link #CONTROLLER}. Calls named {@code refuse} are rejected at submission (IC0406), calls named
 * {@code overload} are refused as overloaded; calls to an unknown canister are rejected (IC0301).
 * The management canister answers any call with {@code record { canister_id }} of a fresh id
 * (100, 101, ...) and any query with {@code vec { HELLO }}. Accepted calls are executed and
 * certified at once, or stay {@code received} while {@link #executeCalls} is false.
 */
public final class FakeNode extends FakeSubnet {

  /** The canister that exists and answers. */
  public static final CanisterId HELLO = CanisterId.fromU64(1);
  /** A canister id in the subnet's ranges that does not exist. */
  public static final CanisterId MISSING = CanisterId.fromU64(5);
  /** A canister id outside the subnet's ranges. */
  public static final CanisterId ELSEWHERE = CanisterId.fromU64(0x200000);
  /** The controller of {@link #HELLO} (may read its private metadata): the Ed25519 key of seed bytes 0x01. */
  public static final PrincipalId CONTROLLER = PrincipalId.selfAuthenticating(NodeSigningKey.fromSeed(seed(1)).publicKeyDer());

  private final List<SignedIngressCall> submitted = new ArrayList<>();
  private long nextCanister = 100;
  /** When false, accepted calls stay "received" and sync calls time out. */
  public volatile boolean executeCalls = true;
  /** When true, queries answer Unavailable. */
  public volatile boolean queriesUnavailable = false;

  private FakeNode(long nowNanos, boolean wallClock) {
    super(wallClock ? wallClock() : () -> nowNanos);
  }

  /** A node whose clock stands still at {@code nowNanos} and that is certified once. */
  public static FakeNode at(long nowNanos) {
    FakeNode n = new FakeNode(nowNanos, false);
    n.certify();
    return n;
  }

  /** A node reading the wall clock (for real agents, which check certificate freshness), certified once. */
  public static FakeNode withWallClock() {
    FakeNode n = new FakeNode(0, true);
    n.certify();
    return n;
  }

  /** A node whose clock stands at {@code nowNanos}, with no certified state yet. */
  public static FakeNode uncertified(long nowNanos) {
    return new FakeNode(nowNanos, false);
  }

  /** Every call submitted so far (accepted or not), in order. */
  public synchronized List<SignedIngressCall> submitted() {
    return List.copyOf(submitted);
  }

  @Override
  public synchronized SubmitResult submit(SignedIngressCall call) {
    submitted.add(call);
    CallContent c = call.content();
    String method = c.methodName();
    if (!c.canisterId().isManagement() && !c.canisterId().equals(HELLO)) {
      return new SubmitResult.NonReplicatedRejection(3, "Canister " + c.canisterId() + " not found", Optional.of("IC0301"));
    }
    switch (method) {
      case "refuse" -> {
        return new SubmitResult.NonReplicatedRejection(4, "Canister " + c.canisterId() + " rejected the message in inspect_message", Optional.of("IC0406"));
      }
      case "overload" -> {
        return new SubmitResult.Overloaded("Service is overloaded, try again later.", false);
      }
      default -> { }
    }
    RequestId id = c.requestId();
    if (requests().containsKey(id)) {
      return new SubmitResult.Accepted();
    }
    RequestOrigin origin = new RequestOrigin(c.sender(), c.canisterId(), call.effectiveId());
    requests().put(id, RequestRecord.received(origin));
    if (executeCalls) {
      byte[] reply;
      if (c.canisterId().isManagement()) {
        IdlValue rec = new IdlValue.Record(List.of(new IdlValue.FieldValue(IdlValue.Label.named("canister_id"),
            new IdlValue.Principal(CanisterId.fromU64(nextCanister++).principal()))));
        reply = Candid.encodeInferred(List.of(rec));
      } else {
        reply = greeting(c.arg().toBytes());
      }
      requests().put(id, RequestRecord.replied(origin, reply));
      certify();
    }
    return new SubmitResult.Accepted();
  }

  @Override
  public QueryOutcome execute(QueryContent q, EffectiveId effectiveId) {
    if (queriesUnavailable) {
      return new QueryOutcome.Unavailable("Certified state is not available yet.");
    }
    if (q.canisterId().isManagement()) {
      return new QueryOutcome.Answered(new QueryResponse.Replied(Blob.of(Candid.encodeInferred(List.of(
          new IdlValue.Vec(List.of(new IdlValue.Principal(HELLO.principal()))))))));
    }
    if (!q.canisterId().equals(HELLO)) {
      return new QueryOutcome.Answered(new QueryResponse.Rejected(3, "Canister " + q.canisterId() + " not found", Optional.of("IC0301")));
    }
    if (q.methodName().equals("hello")) {
      return new QueryOutcome.Answered(new QueryResponse.Replied(Blob.of(greeting(q.arg().toBytes()))));
    }
    return new QueryOutcome.Answered(new QueryResponse.Rejected(3, "Canister " + HELLO + " has no query method '" + q.methodName() + "'",
        Optional.of("IC0302")));
  }

  /** Candid {@code ("Hello, " # arg # "!")} for a Candid text argument, else {@code "Hello, stranger!"}. */
  public static byte[] greeting(byte[] arg) {
    String who;
    try {
      who = ((IdlValue.Text) Candid.decode(arg, List.of(IdlType.TEXT)).get(0)).value();
    } catch (DecodeException | RuntimeException e) {
      who = "stranger";
    }
    return Candid.encode(List.of(IdlType.TEXT), List.of(new IdlValue.Text("Hello, " + who + "!")));
  }

  /** Executes the calls still "received" (when {@link #executeCalls} was off), replying a greeting, and certifies. */
  public synchronized void executePending() {
    for (var e : requests().entrySet()) {
      RequestRecord r = e.getValue();
      if (r.status().equals("received")) {
        e.setValue(RequestRecord.replied(r.origin(), greeting(new byte[0])));
      }
    }
    certify();
  }

  @Override
  protected void addCanisterState(LabeledTree.Builder b) {
    byte[] hello = HELLO.toBytes();
    b.put(LabeledTree.path("canister", hello, "module_hash"), new byte[32]);
    b.put(LabeledTree.path("canister", hello, "metadata", "candid:service"), "service : {}".getBytes(StandardCharsets.UTF_8));
    b.put(LabeledTree.path("canister", hello, "metadata", "secret"), "private".getBytes(StandardCharsets.UTF_8));
    b.put(LabeledTree.path("canister", hello, "certified_data"), new byte[0]);
  }

  @Override
  protected boolean mayReadMetadata(CanisterId canister, String name, PrincipalId sender) {
    return !(canister.equals(HELLO) && name.equals("secret")) || sender.equals(CONTROLLER);
  }
}
