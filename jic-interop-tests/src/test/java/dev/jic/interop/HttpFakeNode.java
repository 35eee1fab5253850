package dev.jic.interop;

import dev.jic.crypto.bls.BlsBasic;
import dev.jic.http.HttpBackend;
import dev.jic.crypto.bls.BlsDer;
import dev.jic.crypto.bls.BlsKeyPair;
import dev.jic.crypto.cert.CanisterRanges;
import dev.jic.crypto.cert.CertificateSigner;
import dev.jic.crypto.node.NodeSigningKey;
import dev.jic.crypto.tree.LabeledTree;
import dev.jic.interfaces.consensus.Time;
import dev.jic.interfaces.consensus.TimeSource;
import dev.jic.interfaces.http.CanisterIdRange;
import dev.jic.interfaces.http.EffectiveId;
import dev.jic.interfaces.http.SubnetInfo;
import dev.jic.interfaces.ingress.IngressSubmission;
import dev.jic.interfaces.ingress.SignedIngressCall;
import dev.jic.interfaces.ingress.SubmitResult;
import dev.jic.interfaces.query.QueryExecution;
import dev.jic.interfaces.query.QueryOutcome;
import dev.jic.interfaces.state.CertifiedSnapshot;
import dev.jic.interfaces.state.CertifiedStateAccess;
import dev.jic.interfaces.state.RequestOrigin;
import dev.jic.types.candid.Candid;
import dev.jic.types.candid.IdlType;
import dev.jic.types.candid.IdlValue;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.encoding.Leb128;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.id.SubnetId;
import dev.jic.types.messages.Blob;
import dev.jic.types.messages.CallContent;
import dev.jic.types.messages.QueryContent;
import dev.jic.types.messages.QueryResponse;
import dev.jic.types.unit.Height;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * (A copy of {@code jic-http}'s test fake {@code FakeNode}: test classes of one module are not
 * visible to another without a test-jar.) An in-memory node behind the HTTP boundary: a one-subnet network whose certified state is a
 * real {@link LabeledTree} signed with a real BLS root key, canisters that answer {@code greet}
 * and {@code hello}, and an "execution" that replies to accepted calls at once (or never, when
 * executeCalls is false). Thread-safe by synchronizing on itself.
 */
final class HttpFakeNode implements IngressSubmission, QueryExecution, CertifiedStateAccess, TimeSource {

  /** The canister that exists and answers. */
  public static final CanisterId HELLO = CanisterId.fromU64(1);
  /** A canister id in the subnet's ranges that does not exist. */
  public static final CanisterId MISSING = CanisterId.fromU64(5);
  /** A canister id outside the subnet's ranges. */
  public static final CanisterId ELSEWHERE = CanisterId.fromU64(0x200000);
  /** The controller of {@link #HELLO} (may read its private metadata): the Ed25519 key of seed bytes 0x01. */
  public static final PrincipalId CONTROLLER = PrincipalId.selfAuthenticating(NodeSigningKey.fromSeed(seed(1)).publicKeyDer());

  private final BlsKeyPair root = BlsBasic.keyPairFromSeed(seed(7));
  private final NodeSigningKey nodeKey = NodeSigningKey.fromSeed(seed(9));
  private final Blob rootKeyDer = Blob.of(BlsDer.encode(root.publicKey()));
  private final SubnetId subnetId = new SubnetId(PrincipalId.selfAuthenticating(BlsDer.encode(root.publicKey())));
  private final List<CanisterIdRange> ranges = List.of(new CanisterIdRange(CanisterId.fromU64(0), CanisterId.fromU64(0xfffff)));
  private final AtomicLong nowNanos;
  private final boolean wallClock;

  private final Map<RequestId, Req> requests = new TreeMap<>();
  private final List<SignedIngressCall> submitted = new ArrayList<>();
  private long nextCanister = 100;
  private long height = 0;
  private volatile Snap latest;
  /** When false, accepted calls stay "received" and sync calls time out. */
  public volatile boolean executeCalls = true;
  /** When true, queries answer Unavailable. */
  public volatile boolean queriesUnavailable = false;

  private record Req(RequestOrigin origin, String status, Optional<byte[]> reply, Optional<String[]> reject) {}

  private HttpFakeNode(long nowNanos, boolean wallClock) {
    this.nowNanos = new AtomicLong(nowNanos);
    this.wallClock = wallClock;
  }

  /** A node whose clock stands at {@code nowNanos} and is certified once. */
  static HttpFakeNode at(long nowNanos) {
    HttpFakeNode n = new HttpFakeNode(nowNanos, false);
    n.certify();
    return n;
  }

  /** A node reading the wall clock (for real agents, which check certificate freshness). */
  static HttpFakeNode withWallClock() {
    HttpFakeNode n = new HttpFakeNode(0, true);
    n.certify();
    return n;
  }

  /** A node with no certified state yet. */
  static HttpFakeNode uncertified(long nowNanos) {
    return new HttpFakeNode(nowNanos, false);
  }

  public NodeSigningKey nodeKey() {
    return nodeKey;
  }

  public BlsKeyPair rootKeyPair() {
    return root;
  }

  public HttpBackend backend() {
    return new HttpBackend(this, this, this, this, nodeKey);
  }

  public synchronized List<SignedIngressCall> submitted() {
    return List.copyOf(submitted);
  }

  // ---- TimeSource

  @Override
  public Time now() {
    return new Time(wallClock ? System.currentTimeMillis() * 1_000_000L : nowNanos.get());
  }

  // ---- IngressSubmission

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
    if (requests.containsKey(id)) {
      return new SubmitResult.Accepted();
    }
    RequestOrigin origin = new RequestOrigin(c.sender(), c.canisterId(), call.effectiveId());
    requests.put(id, new Req(origin, "received", Optional.empty(), Optional.empty()));
    if (executeCalls) {
      byte[] reply;
      if (c.canisterId().isManagement()) {
        IdlValue rec = new IdlValue.Record(List.of(new IdlValue.FieldValue(IdlValue.Label.named("canister_id"),
            new IdlValue.Principal(CanisterId.fromU64(nextCanister++).principal()))));
        reply = Candid.encodeInferred(List.of(rec));
      } else {
        reply = greeting(c.arg().toBytes());
      }
      requests.put(id, new Req(origin, "replied", Optional.of(reply), Optional.empty()));
      certify();
    }
    return new SubmitResult.Accepted();
  }

  // ---- QueryExecution

  @Override
  public QueryOutcome execute(QueryContent q, EffectiveId effectiveId) {
    if (queriesUnavailable) {
      return new QueryOutcome.Unavailable("Certified state is not available yet.");
    }
    if (q.canisterId().isManagement()) {
      return new QueryOutcome.Answered(new QueryResponse.Replied(Blob.of(Candid.encodeInferred(List.of(
          new IdlValue.Vec(List.of(new IdlValue.Principal(HELLO.principal())))))))) ;
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

  /** Candid {@code ("Hello, " # arg # "!")} for a text argument, else "Hello!". */
  static byte[] greeting(byte[] arg) {
    String who;
    try {
      who = ((IdlValue.Text) Candid.decode(arg, List.of(IdlType.TEXT)).get(0)).value();
    } catch (DecodeException | RuntimeException e) {
      who = "stranger";
    }
    return Candid.encode(List.of(IdlType.TEXT), List.of(new IdlValue.Text("Hello, " + who + "!")));
  }

  // ---- CertifiedStateAccess

  @Override
  public SubnetInfo subnet() {
    return new SubnetInfo(subnetId, ranges, subnetId, rootKeyDer);
  }

  @Override
  public Optional<CertifiedSnapshot> latestCertified() {
    return Optional.ofNullable(latest);
  }

  @Override
  public boolean awaitCertifiedTerminalStatus(RequestId id, Duration maxWait) throws InterruptedException {
    long deadline = System.nanoTime() + maxWait.toNanos();
    while (true) {
      Snap s = latest;
      if (s != null && s.requests.containsKey(id) && Set.of("replied", "rejected", "done").contains(s.requests.get(id).status())) {
        return true;
      }
      if (System.nanoTime() >= deadline) {
        return false;
      }
      Thread.sleep(5);
    }
  }

  /** Executes pending calls (when executeCalls was off) and certifies. */
  public synchronized void executePending() {
    for (var e : requests.entrySet()) {
      Req r = e.getValue();
      if (r.status().equals("received")) {
        e.setValue(new Req(r.origin(), "replied", Optional.of(greeting(new byte[0])), Optional.empty()));
      }
    }
    certify();
  }

  /** Builds the state tree of the current requests and signs it as a new height. */
  public synchronized void certify() {
    height++;
    LabeledTree.Builder b = LabeledTree.builder();
    b.put(LabeledTree.path("time"), Leb128.encodeUnsigned(now().nanos()));
    byte[] sid = subnetId.toBytes();
    b.put(LabeledTree.path("subnet", sid, "public_key"), rootKeyDer.toBytes());
    b.put(LabeledTree.path("subnet", sid, "type"), "application".getBytes(StandardCharsets.UTF_8));
    List<CanisterRanges.Range> rs = ranges.stream().map(r -> new CanisterRanges.Range(r.start(), r.end())).toList();
    byte[] rangesCbor = new CanisterRanges(rs).toCbor();
    b.put(LabeledTree.path("subnet", sid, "canister_ranges"), rangesCbor);
    b.put(LabeledTree.path("canister_ranges", sid, CanisterId.fromU64(0).toBytes()), rangesCbor);
    b.put(LabeledTree.path("subnet", sid, "node", nodeKey.nodeId().toBytes(), "public_key"), nodeKey.publicKeyDer());
    byte[] hello = HELLO.toBytes();
    b.put(LabeledTree.path("canister", hello, "module_hash"), new byte[32]);
    b.put(LabeledTree.path("canister", hello, "metadata", "candid:service"), "service : {}".getBytes(StandardCharsets.UTF_8));
    b.put(LabeledTree.path("canister", hello, "metadata", "secret"), "private".getBytes(StandardCharsets.UTF_8));
    b.put(LabeledTree.path("canister", hello, "certified_data"), new byte[0]);
    TreeMap<RequestId, Req> copy = new TreeMap<>(requests);
    for (var e : copy.entrySet()) {
      byte[] rid = e.getKey().toBytes();
      Req r = e.getValue();
      b.put(LabeledTree.path("request_status", rid, "status"), r.status().getBytes(StandardCharsets.UTF_8));
      r.reply().ifPresent(reply -> b.put(LabeledTree.path("request_status", rid, "reply"), reply));
    }
    latest = new Snap(new Height(height), b.build(), copy);
  }

  private final class Snap implements CertifiedSnapshot {
    private final Height height;
    private final LabeledTree tree;
    private final Map<RequestId, Req> requests;

    Snap(Height height, LabeledTree tree, Map<RequestId, Req> requests) {
      this.height = height;
      this.tree = tree;
      this.requests = requests;
    }

    @Override
    public Height height() {
      return height;
    }

    @Override
    public Optional<RequestOrigin> requestOrigin(RequestId id) {
      return Optional.ofNullable(requests.get(id)).map(Req::origin);
    }

    @Override
    public boolean mayReadMetadata(CanisterId canister, String name, PrincipalId sender) {
      return !(canister.equals(HELLO) && name.equals("secret")) || sender.equals(CONTROLLER);
    }

    @Override
    public Blob certificate(List<List<Blob>> paths) {
      List<List<byte[]>> ps = new ArrayList<>();
      for (List<Blob> p : paths) {
        ps.add(p.stream().map(Blob::toBytes).toList());
      }
      ps.add(LabeledTree.path("time"));
      return Blob.of(CertificateSigner.sign(tree.witness(ps), root.secretKey()).toCbor());
    }
  }

  private static byte[] seed(int b) {
    byte[] s = new byte[32];
    Arrays.fill(s, (byte) b);
    return s;
  }
}
