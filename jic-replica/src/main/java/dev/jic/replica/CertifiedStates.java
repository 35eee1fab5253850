package dev.jic.replica;

import dev.jic.crypto.bls.BlsSignature;
import dev.jic.crypto.cert.Certificate;
import dev.jic.interfaces.consensus.IngressId;
import dev.jic.interfaces.http.SubnetInfo;
import dev.jic.interfaces.state.CertifiedSnapshot;
import dev.jic.interfaces.state.CertifiedStateAccess;
import dev.jic.interfaces.state.RequestOrigin;
import dev.jic.state.tree.CertifiedStateTree;
import dev.jic.state.tree.RequestStatus;
import dev.jic.state.tree.StateTreeInput;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.messages.Blob;
import dev.jic.types.unit.Height;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The certified states the HTTPS interface reads: the latest certified height's tree, its
 * subnet signature and the facts read_state permissions need. The batch driver publishes a new
 * {@link Certified} after each height; readers see it atomically (one volatile reference).
 * Synchronous-call waiters block on a monitor that every publication wakes; a timed-out wait
 * leaves nothing behind. Thread-safe.
 */
final class CertifiedStates implements CertifiedStateAccess {
  private final SubnetInfo subnet;
  private final Map<RequestId, RequestOrigin> origins = new ConcurrentHashMap<>();
  private final Object published = new Object();
  private volatile Certified latest;

  CertifiedStates(SubnetInfo subnet) {
    this.subnet = subnet;
  }

  /** Records where a request came from (by the ingress pool, at acceptance). */
  void recordOrigin(RequestId id, RequestOrigin origin) {
    origins.putIfAbsent(id, origin);
  }

  /** Forgets origins of requests no longer in the ingress history (keeps the map bounded). */
  void retainOrigins(Set<RequestId> known) {
    origins.keySet().removeIf(id -> !known.contains(id));
  }

  /** Publishes a newly certified state and wakes every waiter. */
  void publish(Certified c) {
    latest = c;
    synchronized (published) {
      published.notifyAll();
    }
  }

  /** The latest certified state, or null before the first. */
  Certified latest() {
    return latest;
  }

  @Override
  public SubnetInfo subnet() {
    return subnet;
  }

  @Override
  public Optional<CertifiedSnapshot> latestCertified() {
    return Optional.ofNullable(latest);
  }

  @Override
  public boolean awaitCertifiedTerminalStatus(RequestId id, Duration maxWait) throws InterruptedException {
    long deadline = System.nanoTime() + maxWait.toNanos();
    IngressId iid = IngressId.of(id.toBytes());
    synchronized (published) {
      while (true) {
        Certified c = latest;
        if (c != null && c.isTerminal(iid)) {
          return true;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        published.wait(Math.max(1, left / 1_000_000L));
      }
    }
  }

  /**
   * One certified state: height, tree, signature over its root, and per canister the controllers
   * and the names of private metadata sections (for {@code mayReadMetadata}).
   */
  final class Certified implements CertifiedSnapshot {
    private final Height height;
    private final StateTreeInput input;
    private final CertifiedStateTree tree;
    private final BlsSignature signature;
    private final Map<CanisterId, Set<String>> privateSections;

    Certified(Height height, StateTreeInput input, CertifiedStateTree tree, BlsSignature signature,
        Map<CanisterId, Set<String>> privateSections) {
      this.height = height;
      this.input = input;
      this.tree = tree;
      this.signature = signature;
      this.privateSections = Map.copyOf(privateSections);
    }

    boolean isTerminal(IngressId id) {
      RequestStatus s = input.requestStatuses().get(id);
      return s instanceof RequestStatus.Replied || s instanceof RequestStatus.Rejected || s instanceof RequestStatus.Done;
    }

    StateTreeInput input() {
      return input;
    }

    byte[] rootHash() {
      return tree.rootHash();
    }

    @Override
    public Height height() {
      return height;
    }

    @Override
    public Optional<RequestOrigin> requestOrigin(RequestId id) {
      if (!input.requestStatuses().containsKey(IngressId.of(id.toBytes()))) {
        return Optional.empty();
      }
      return Optional.ofNullable(origins.get(id));
    }

    @Override
    public boolean mayReadMetadata(CanisterId canister, String name, PrincipalId sender) {
      StateTreeInput.CanisterEntry c = input.canisters().get(canister);
      if (c == null || c.moduleHash().isEmpty()) {
        return true;
      }
      Set<String> priv = privateSections.getOrDefault(canister, Set.of());
      return !priv.contains(name) || c.controllers().contains(sender);
    }

    @Override
    public Blob certificate(List<List<Blob>> paths) {
      List<List<byte[]>> ps = new ArrayList<>(paths.size() + 1);
      for (List<Blob> p : paths) {
        ps.add(p.stream().map(Blob::toBytes).toList());
      }
      ps.add(List.of("time".getBytes(StandardCharsets.UTF_8)));
      return Blob.of(new Certificate(tree.witness(ps), signature, Optional.empty()).toCbor());
    }
  }
}
