package dev.jic.replica.subnet;

import dev.jic.interfaces.http.SubnetInfo;
import dev.jic.interfaces.state.CertifiedSnapshot;
import dev.jic.interfaces.state.CertifiedStateAccess;
import dev.jic.interfaces.state.RequestOrigin;
import dev.jic.replica.CertifiedReads;
import dev.jic.state.CertifiedState;
import dev.jic.types.hash.RequestId;
import dev.jic.types.unit.Height;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one replica's HTTPS interface reads: the latest state certified by the subnet (threshold
 * signature of 2f+1 replicas, aggregated by consensus) as held by this replica's state manager,
 * published on every certification; request origins recorded when this replica (or a peer, via
 * gossip) accepted the call. Synchronous-call waiters block on a monitor that each publication
 * wakes. Thread-safe.
 */
final class NodeCertifiedStates implements CertifiedStateAccess {
  private final SubnetInfo subnet;
  /** Longer than any ingress expiry window: an origin older than this and not in the history is of no use. */
  private static final long ORIGIN_TTL_NANOS = Duration.ofMinutes(10).toNanos();

  private record Recorded(RequestOrigin origin, long atNanos) {}

  private final Map<RequestId, Recorded> origins = new ConcurrentHashMap<>();
  private final Object published = new Object();
  private volatile Snapshot latest;

  NodeCertifiedStates(SubnetInfo subnet) {
    this.subnet = subnet;
  }

  void recordOrigin(RequestId id, RequestOrigin origin) {
    origins.putIfAbsent(id, new Recorded(origin, System.nanoTime()));
  }

  /** Publishes a newly certified state, forgets origins of requests that left the ingress history, wakes waiters. */
  void publish(CertifiedState s) {
    latest = new Snapshot(s);
    long now = System.nanoTime();
    origins.entrySet().removeIf(e -> now - e.getValue().atNanos() > ORIGIN_TTL_NANOS && !s.ingress().containsKey(e.getKey()));
    synchronized (published) {
      published.notifyAll();
    }
  }

  /** The certified height published, 0 before the first. */
  Height height() {
    Snapshot s = latest;
    return s == null ? Height.ZERO : s.height();
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
    synchronized (published) {
      while (true) {
        Snapshot s = latest;
        if (s != null && s.isTerminal(id)) {
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

  /** One certified state as the HTTP layer reads it (see {@link CertifiedReads}); origins recorded here. */
  private final class Snapshot extends CertifiedReads {
    Snapshot(CertifiedState state) {
      super(state, subnet.subnetId());
    }

    @Override
    protected Optional<RequestOrigin> recordedOrigin(RequestId id) {
      return Optional.ofNullable(origins.get(id)).map(Recorded::origin);
    }
  }
}
