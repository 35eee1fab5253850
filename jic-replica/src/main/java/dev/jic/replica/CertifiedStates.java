package dev.jic.replica;

import dev.jic.interfaces.http.SubnetInfo;
import dev.jic.interfaces.state.CertifiedSnapshot;
import dev.jic.interfaces.state.CertifiedStateAccess;
import dev.jic.interfaces.state.RequestOrigin;
import dev.jic.state.CertifiedState;
import dev.jic.types.hash.RequestId;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The certified states the HTTPS interface reads: the latest certified height's tree, its
 * subnet signature and the facts read_state permissions need. The batch driver publishes a new
 * {@link Certified} after each height; readers see it atomically (one volatile reference).
 * Synchronous-call waiters block on a latch per request id that the publication making it
 * terminal opens (no thundering herd), or a sweeper thread at the wait's deadline (at most
 * {@link #SWEEP_MILLIS} late); a timed-out wait leaves nothing behind. Thread-safe.
 */
final class CertifiedStates implements CertifiedStateAccess {
  private final SubnetInfo subnet;
  private final Map<RequestId, RequestOrigin> origins = new ConcurrentHashMap<>();
  /** Synchronous-call waiters by request id; each publication completes those it made terminal. */
  private final Map<RequestId, Waiter> waiters = new ConcurrentHashMap<>();
  private final Timeouts timeouts = new Timeouts();
  /** How often expired synchronous-call waits are opened. */
  static final long SWEEP_MILLIS = 20;
  private volatile Certified latest;

  private final OriginLog originLog;

  /** Origins kept in memory only. */
  CertifiedStates(SubnetInfo subnet) {
    this(subnet, null);
  }

  /** Origins also appended to {@code originLog} and reloaded from it (null: memory only). */
  CertifiedStates(SubnetInfo subnet, OriginLog originLog) {
    this.subnet = subnet;
    this.originLog = originLog;
    if (originLog != null) {
      origins.putAll(originLog.load());
    }
  }

  /** Records where a request came from (by the ingress pool, at acceptance), durably if there is a log. */
  void recordOrigin(RequestId id, RequestOrigin origin) {
    if (origins.putIfAbsent(id, origin) == null && originLog != null) {
      originLog.append(id, origin);
    }
  }

  /** Keeps only the origins {@code keep} accepts, in memory and in the log (after recovery). */
  void compactOrigins(java.util.function.Predicate<RequestId> keep) {
    retainOrigins(keep);
    if (originLog != null) {
      originLog.rewrite(new java.util.TreeMap<>(origins));
    }
  }

  /** Number of request origins held in memory. */
  int originCount() {
    return origins.size();
  }

  /** Forgets origins of requests {@code keep} rejects (no longer pending nor in the ingress history). */
  void retainOrigins(java.util.function.Predicate<RequestId> keep) {
    origins.keySet().removeIf(id -> !keep.test(id));
  }

  /** Publishes a newly certified state and wakes every waiter. */
  void publish(Certified c) {
    latest = c;
    if (!waiters.isEmpty()) {
      waiters.forEach((id, w) -> {
        if (c.isTerminal(id)) {
          w.latch.countDown();
        }
      });
    }
  }

  /** Synchronous-call waits registered now (tests: none is left behind). */
  int waiterCount() {
    return waiters.size();
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
    Certified c = latest;
    if (c != null && c.isTerminal(id)) {
      return true;
    }
    long deadline = System.nanoTime() + maxWait.toNanos();
    while (true) {
      Waiter mine = new Waiter(deadline);
      Waiter w = waiters.putIfAbsent(id, mine);
      if (w == null) {
        w = mine;
        timeouts.watch();
      } else if (w.latch.getCount() == 0) {
        waiters.remove(id, w); // opened (a deadline passed) but not yet removed by its owner
        continue;
      } else {
        w.shareUntil(deadline);
      }
      try {
        c = latest; // published between the first check and the registration
        if (c != null && c.isTerminal(id)) {
          return true;
        }
        // Untimed: the sweeper opens the latch at the deadline (a timed park of a virtual thread
        // costs a timer task per call, scheduled and cancelled on the carrier pool).
        w.latch.await();
      } finally {
        if (w == mine) {
          mine.latch.countDown(); // sharers must not wait on a latch no one can reach any more
          waiters.remove(id, mine);
        }
      }
      c = latest;
      if (c != null && c.isTerminal(id)) {
        return true;
      }
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      // Another waiter's latch for the same id timed out before this wait's deadline: wait again.
    }
  }

  /**
   * One registered synchronous-call wait, shared by every thread waiting for the same id: opened by
   * the publication making it terminal, or at the earliest deadline of its sharers (a sharer with a
   * later deadline then registers again).
   */
  private static final class Waiter {
    final java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);
    /** {@link System#nanoTime()} at which the sweeper opens the latch. */
    private final java.util.concurrent.atomic.AtomicLong deadlineNanos;

    Waiter(long deadlineNanos) {
      this.deadlineNanos = new java.util.concurrent.atomic.AtomicLong(deadlineNanos);
    }

    /** Another thread waits on this latch until {@code deadline}: open at the earlier of the two. */
    void shareUntil(long deadline) {
      deadlineNanos.accumulateAndGet(deadline, (a, b) -> b - a < 0 ? b : a);
    }

    boolean expired(long now) {
      return now - deadlineNanos.get() >= 0;
    }
  }

  /**
   * Opens the latches of waits whose deadline passed: one daemon thread, sweeping every {@link
   * #SWEEP_MILLIS} while any wait is registered and exiting when none is (started again by the
   * next wait). So a wait ends at most about {@code SWEEP_MILLIS} after its deadline.
   */
  private final class Timeouts {
    private boolean running;

    /** Called after a waiter was registered: makes sure a sweeper runs. */
    void watch() {
      synchronized (this) {
        if (running) {
          return;
        }
        running = true;
      }
      Thread.ofPlatform().daemon(true).name("jic-sync-call-timeouts").start(this::sweep);
    }

    private void sweep() {
      while (true) {
        try {
          Thread.sleep(SWEEP_MILLIS);
        } catch (InterruptedException e) {
          synchronized (this) {
            running = false;
          }
          return;
        }
        long now = System.nanoTime();
        waiters.forEach((id, w) -> {
          if (w.expired(now)) {
            w.latch.countDown();
          }
        });
        synchronized (this) {
          if (waiters.isEmpty()) {
            running = false;
            return;
          }
        }
      }
    }
  }

  /**
   * One certified state of the state manager, as the HTTP layer reads it (see {@link
   * CertifiedReads}), with the state queries read at its height; origins recorded by the pool.
   */
  final class Certified extends CertifiedReads {
    private final QueryState query;

    Certified(CertifiedState state, QueryState query) {
      super(state, subnet.subnetId());
      this.query = query;
    }

    /** The state queries read at this height (null if none was captured). */
    QueryState query() {
      return query;
    }

    /** Whether request {@code id} is in this height's ingress history. */
    boolean knows(RequestId id) {
      return state().ingress().containsKey(id);
    }

    @Override
    protected Optional<RequestOrigin> recordedOrigin(RequestId id) {
      return Optional.ofNullable(origins.get(id));
    }
  }
}
