package dev.jic.testkit.http;

import dev.jic.crypto.bls.BlsBasic;
import dev.jic.crypto.bls.BlsDer;
import dev.jic.crypto.bls.BlsKeyPair;
import dev.jic.crypto.cert.CanisterRanges;
import dev.jic.crypto.cert.CertificateSigner;
import dev.jic.crypto.node.NodeSigningKey;
import dev.jic.crypto.tree.LabeledTree;
import dev.jic.interfaces.consensus.Time;
import dev.jic.interfaces.consensus.TimeSource;
import dev.jic.interfaces.http.CanisterIdRange;
import dev.jic.interfaces.http.SubnetInfo;
import dev.jic.interfaces.ingress.IngressSubmission;
import dev.jic.interfaces.query.QueryExecution;
import dev.jic.interfaces.state.CertifiedSnapshot;
import dev.jic.interfaces.state.CertifiedStateAccess;
import dev.jic.interfaces.state.RequestOrigin;
import dev.jic.types.encoding.Leb128;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.id.SubnetId;
import dev.jic.types.messages.Blob;
import dev.jic.types.unit.Height;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The shared core of the HTTP-level test fakes: a one-node subnet (canister ranges
 * {@code [0, 0xfffff]}) with a real BLS root key (seed bytes 0x07) and node signing key (seed
 * bytes 0x09), a table of request statuses, and {@link #certify()}, which builds a real
 * {@link LabeledTree} ({@code /time}, {@code /subnet/<id>/{public_key,type,canister_ranges,
 * node/<id>/public_key}}, {@code /canister_ranges/<id>/<0>}, the subclass's
 * {@code /canister/...} entries, {@code /request_status/...}) and signs it as the next height.
 * Subclasses decide what canisters exist and how calls and queries are answered.
 *
 * <p>Deterministic apart from the wall clock when constructed with one. Thread-safe: every
 * mutation synchronizes on the node itself (subclasses must do the same); snapshots are
 * immutable once published.
 */
public abstract class FakeSubnet implements IngressSubmission, QueryExecution, CertifiedStateAccess, TimeSource {

  /**
   * One request's status as it will be certified: {@code received} (status only),
   * {@code replied} (with {@code reply}) or {@code rejected} (with code, message, error code).
   */
  public record RequestRecord(RequestOrigin origin, String status, byte[] reply, long rejectCode, String rejectMessage,
                              String errorCode) {
    /** An accepted request not yet executed. */
    public static RequestRecord received(RequestOrigin o) {
      return new RequestRecord(o, "received", new byte[0], 0, "", "");
    }

    /** A request replied with {@code reply} (Candid bytes). */
    public static RequestRecord replied(RequestOrigin o, byte[] reply) {
      return new RequestRecord(o, "replied", reply, 0, "", "");
    }

    /** A request rejected with {@code code}, {@code message} and {@code errorCode} (e.g. "IC0301"). */
    public static RequestRecord rejected(RequestOrigin o, long code, String message, String errorCode) {
      return new RequestRecord(o, "rejected", new byte[0], code, message, errorCode);
    }

    /** True for replied, rejected and done. */
    public boolean terminal() {
      return status.equals("replied") || status.equals("rejected") || status.equals("done");
    }
  }

  private final BlsKeyPair root = BlsBasic.keyPairFromSeed(seed(7));
  private final NodeSigningKey nodeKey = NodeSigningKey.fromSeed(seed(9));
  private final Blob rootKeyDer = Blob.of(BlsDer.encode(root.publicKey()));
  private final SubnetId subnetId = new SubnetId(PrincipalId.selfAuthenticating(BlsDer.encode(root.publicKey())));
  private final List<CanisterIdRange> ranges = List.of(new CanisterIdRange(CanisterId.fromU64(0), CanisterId.fromU64(0xfffff)));
  private final LongSupplier clockNanos;
  private final Map<RequestId, RequestRecord> requests = new TreeMap<>();
  private long height = 0;
  private volatile Snap latest;

  /**
   * A subnet with no certified state yet (subclasses usually call {@link #certify()} once).
   *
   * @param clockNanos the clock {@link #now()} reads, in nanoseconds since the epoch
   */
  protected FakeSubnet(LongSupplier clockNanos) {
    this.clockNanos = clockNanos;
  }

  /** A clock reading the wall clock (for real agents, which check certificate freshness). */
  protected static LongSupplier wallClock() {
    return () -> System.currentTimeMillis() * 1_000_000L;
  }

  /** The node's signing key (signs query responses and read_state answers at the HTTP layer). */
  public final NodeSigningKey nodeKey() {
    return nodeKey;
  }

  /** The subnet's (= root's) BLS key pair, which signs every certificate. */
  public final BlsKeyPair rootKeyPair() {
    return root;
  }

  @Override
  public final Time now() {
    return new Time(clockNanos.getAsLong());
  }

  @Override
  public final SubnetInfo subnet() {
    return new SubnetInfo(subnetId, ranges, subnetId, rootKeyDer);
  }

  @Override
  public final Optional<CertifiedSnapshot> latestCertified() {
    return Optional.ofNullable(latest);
  }

  /** Polls the latest certified state every 5 ms until {@code id} is terminal there or {@code maxWait} passed. */
  @Override
  public final boolean awaitCertifiedTerminalStatus(RequestId id, Duration maxWait) throws InterruptedException {
    long deadline = System.nanoTime() + maxWait.toNanos();
    while (true) {
      Snap s = latest;
      if (s != null && s.requests.containsKey(id) && s.requests.get(id).terminal()) {
        return true;
      }
      if (System.nanoTime() >= deadline) {
        return false;
      }
      Thread.sleep(5);
    }
  }

  /** The live (uncertified) request table, ordered by request id; only touch it while synchronized on this node. */
  protected final Map<RequestId, RequestRecord> requests() {
    return requests;
  }

  /** Adds this node's {@code /canister/...} entries to a state tree being built (called under the node's lock). */
  protected abstract void addCanisterState(LabeledTree.Builder b);

  /** Whether {@code sender} may read metadata section {@code name} of {@code canister}; all public by default. */
  protected boolean mayReadMetadata(CanisterId canister, String name, PrincipalId sender) {
    return true;
  }

  /** Builds the state tree of the current canisters and requests and signs it as a new height. */
  public final synchronized void certify() {
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
    addCanisterState(b);
    TreeMap<RequestId, RequestRecord> copy = new TreeMap<>(requests);
    for (var e : copy.entrySet()) {
      byte[] rid = e.getKey().toBytes();
      RequestRecord r = e.getValue();
      b.put(LabeledTree.path("request_status", rid, "status"), r.status().getBytes(StandardCharsets.UTF_8));
      switch (r.status()) {
        case "replied" -> b.put(LabeledTree.path("request_status", rid, "reply"), r.reply());
        case "rejected" -> {
          b.put(LabeledTree.path("request_status", rid, "reject_code"), Leb128.encodeUnsigned(r.rejectCode()));
          b.put(LabeledTree.path("request_status", rid, "reject_message"), r.rejectMessage().getBytes(StandardCharsets.UTF_8));
          b.put(LabeledTree.path("request_status", rid, "error_code"), r.errorCode().getBytes(StandardCharsets.UTF_8));
        }
        default -> { }
      }
    }
    latest = new Snap(new Height(height), b.build(), copy);
  }

  private final class Snap implements CertifiedSnapshot {
    private final Height height;
    private final LabeledTree tree;
    private final Map<RequestId, RequestRecord> requests;

    Snap(Height height, LabeledTree tree, Map<RequestId, RequestRecord> requests) {
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
      return Optional.ofNullable(requests.get(id)).map(RequestRecord::origin);
    }

    @Override
    public boolean mayReadMetadata(CanisterId canister, String name, PrincipalId sender) {
      return FakeSubnet.this.mayReadMetadata(canister, name, sender);
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

  /** 32 bytes all equal to {@code b}: the fixed seeds of the fake's keys. */
  protected static byte[] seed(int b) {
    byte[] s = new byte[32];
    Arrays.fill(s, (byte) b);
    return s;
  }
}
