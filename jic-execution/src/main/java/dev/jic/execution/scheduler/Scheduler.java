package dev.jic.execution.scheduler;

import dev.jic.execution.CanisterManager;
import dev.jic.execution.ErrorCode;
import dev.jic.execution.Executor;
import dev.jic.execution.UserError;
import dev.jic.execution.management.ManagementCanister;
import dev.jic.execution.routing.Router;
import dev.jic.replicated.CallOrigin;
import dev.jic.replicated.Callback;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.CanisterStatus;
import dev.jic.replicated.Ingress;
import dev.jic.replicated.IngressHistory;
import dev.jic.replicated.IngressStatus;
import dev.jic.replicated.Payload;
import dev.jic.replicated.RejectCode;
import dev.jic.replicated.ReplicatedState;
import dev.jic.replicated.Response;
import dev.jic.replicated.SystemState;
import dev.jic.types.hash.RequestId;
import dev.jic.types.unit.Cycles;
import dev.jic.wasm.engine.ChicoryEngine;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Executes one round per batch on a {@link ReplicatedState} (after induction): expiries and
 * charges, then up to {@link SchedulerConfig#maxInnerRounds()} inner rounds of (management
 * messages, canister executions on the lanes, routing), then priority bookkeeping.
 *
 * <p><b>Determinism.</b> Which canister runs on which lane, in which order, with which budget,
 * is a function of the state and the configuration only ({@link RoundPlan}); lanes share nothing
 * while they run (each canister belongs to one lane; the executor's runtime cache is
 * synchronised); their results are applied in lane order on the caller's thread. So the state
 * after a round is the same for any {@link SchedulerConfig#threads()}. At most
 * {@code threads} lanes run at once (the pool); each runs as one batch on an engine thread
 * ({@link ChicoryEngine#onEngineThread}), so its Wasm calls run inline instead of being handed to
 * an engine thread one by one (measured: ~1.5-2x the update rate of small messages).
 *
 * <p><b>Not thread-safe</b>: one round at a time. {@link #close()} stops the pool.
 */
public final class Scheduler implements AutoCloseable {
  private final Executor executor;
  private final SchedulerConfig config;
  private final ManagementCanister management;
  private final Router router;
  private final ExecutorService pool;

  public Scheduler(Executor executor, CanisterManager manager, SchedulerConfig config) {
    this.executor = executor;
    this.config = config;
    this.router = new Router(config.queueCapacity());
    this.management = new ManagementCanister(executor, manager, router, config.maxInstructionsPerSlice());
    this.pool = Executors.newFixedThreadPool(config.threads(), r -> {
      Thread t = new Thread(null, r, "jic-exec-lane");
      t.setDaemon(true);
      return t;
    });
  }

  public SchedulerConfig config() {
    return config;
  }

  public ManagementCanister management() {
    return management;
  }

  public Router router() {
    return router;
  }

  /** What a round did (for tests and metrics). */
  public record RoundReport(int messagesExecuted, long instructions, int innerRounds) {}

  /**
   * Executes a round at the state's batch time with {@code randomness} (32 bytes, for
   * {@code raw_rand}). Never throws on canister behaviour; a thrown exception is a bug.
   */
  public RoundReport executeRound(ReplicatedState state, byte[] randomness) {
    long now = state.metadata().batchTimeNanos();
    management.beginRound(randomness);
    advancePaused(state, now);
    expireIngress(state, now);
    pruneHistory(state.ingressHistory(), now);
    chargeIdle(state, now);
    expireCallbacks(state, now);
    RoundPlan plan = RoundPlan.compute(state, config.cores(), now).withLanes(config.cores());
    long[] budget = new long[config.cores()];
    java.util.Arrays.fill(budget, config.maxInstructionsPerRound());
    java.util.Set<dev.jic.types.id.CanisterId> executed = new java.util.TreeSet<>();
    int messages = 0;
    long instructions = 0;
    int inner = 0;
    while (inner < config.maxInnerRounds()) {
      inner++;
      int progress = management.drain(state, now);
      progress += router.route(state);
      List<List<CanisterState>> lanes = plan.lanes(state);
      List<Future<Lane.Result>> futures = new ArrayList<>();
      for (int k = 0; k < lanes.size(); k++) {
        Lane lane = new Lane(executor, config, lanes.get(k), budget[k], now, inner == 1);
        // One hand-off to an engine thread per lane, not one per Wasm call (see ChicoryEngine).
        futures.add(pool.submit(() -> ChicoryEngine.onEngineThread(lane::run)));
      }
      for (int k = 0; k < futures.size(); k++) {
        Lane.Result r = join(futures.get(k));
        budget[k] -= r.instructions();
        messages += r.messages();
        instructions += r.instructions();
        progress += r.messages();
        executed.addAll(r.executed());
        for (Map.Entry<RequestId, IngressStatus> e : r.statuses()) {
          state.ingressHistory().set(e.getKey(), e.getValue());
        }
      }
      progress += router.route(state);
      progress += management.completeStops(state, now);
      if (progress == 0) {
        break;
      }
    }
    plan.finish(state, executed, config.cores());
    return new RoundReport(messages, instructions, inner);
  }

  private static Lane.Result join(Future<Lane.Result> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during a round", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("bug in canister execution", e.getCause());
    }
  }

  /** Counts down sliced executions; releases held ingress statuses when one completes. */
  private static void advancePaused(ReplicatedState state, long now) {
    for (CanisterState c : state.canisters().values()) {
      SystemState s = c.system();
      if (s.pausedRounds() > 0) {
        s.setPausedRounds(s.pausedRounds() - 1);
        if (s.pausedRounds() == 0) {
          for (SystemState.DeferredStatus d : s.deferredStatuses()) {
            state.ingressHistory().set(d.messageId(), restamp(d.status(), now));
          }
          s.deferredStatuses().clear();
        }
      }
    }
  }

  /** {@code st} as of batch time {@code now} (a held status takes the time its last slice completes). */
  private static IngressStatus restamp(IngressStatus st, long now) {
    return switch (st) {
      case IngressStatus.Received r -> new IngressStatus.Received(r.receiver(), r.user(), now);
      case IngressStatus.Processing p -> new IngressStatus.Processing(p.receiver(), p.user(), now);
      case IngressStatus.Replied r -> new IngressStatus.Replied(r.receiver(), r.user(), now, r.reply());
      case IngressStatus.Rejected r -> new IngressStatus.Rejected(r.receiver(), r.user(), now, r.code(), r.message(),
          r.errorCode());
      case IngressStatus.Done d -> new IngressStatus.Done(d.receiver(), d.user(), now);
    };
  }

  /** Ingress messages still queued after their expiry fail with IC0202. */
  private static void expireIngress(ReplicatedState state, long now) {
    for (CanisterState c : state.canisters().values()) {
      var q = c.system().ingressQueue();
      if (q.isEmpty()) {
        continue;
      }
      List<Ingress> keep = new ArrayList<>();
      for (Ingress i : q) {
        if (i.expiryNanos() < now) {
          UserError e = new UserError(ErrorCode.INGRESS_MESSAGE_TIMEOUT,
              "Ingress message " + i.messageId().toHex() + " timed out waiting to start executing.");
          state.ingressHistory().set(i.messageId(), IngressStatuses.rejected(i.receiver(),
              new CallOrigin.Ingress(i.source(), i.messageId()), e, now));
        } else {
          keep.add(i);
        }
      }
      q.clear();
      q.addAll(keep);
    }
  }

  /** The history last walked by {@link #pruneHistory}, the batch time of that walk and the next time anything in it ages. */
  private IngressHistory prunedHistory;
  private long prunedAt = Long.MIN_VALUE;
  private long nextPruneAt = Long.MIN_VALUE;

  /**
   * Replied/rejected statuses become done after the retention time; done ones are removed after
   * another. The full walk runs only when something can have aged: it records the earliest time at
   * which a terminal status it saw becomes old, and every status written after it is stamped with a
   * batch time at or after the walk's (batch time only grows), so it cannot age before
   * {@code walk time + retention}. Skipping the walk before that instant changes nothing; a different
   * history object or a batch time going backwards (a reload) forces a walk.
   */
  private void pruneHistory(IngressHistory h, long now) {
    long keep = config.ingressRetentionNanos();
    if (h == prunedHistory && now >= prunedAt && now < nextPruneAt) {
      return;
    }
    long next = saturatingAdd(now, keep);
    for (Map.Entry<RequestId, IngressStatus> e : new ArrayList<>(h.entries().entrySet())) {
      IngressStatus s = e.getValue();
      boolean old = now - s.timeNanos() >= keep;
      switch (s) {
        case IngressStatus.Replied r when old -> h.set(e.getKey(), new IngressStatus.Done(r.receiver(), r.user(), now));
        case IngressStatus.Rejected r when old -> h.set(e.getKey(), new IngressStatus.Done(r.receiver(), r.user(),
            now));
        case IngressStatus.Done d when old -> h.remove(e.getKey());
        case IngressStatus.Replied r -> next = Math.min(next, saturatingAdd(r.timeNanos(), keep));
        case IngressStatus.Rejected r -> next = Math.min(next, saturatingAdd(r.timeNanos(), keep));
        case IngressStatus.Done d -> next = Math.min(next, saturatingAdd(d.timeNanos(), keep));
        default -> { }
      }
    }
    prunedHistory = h;
    prunedAt = now;
    nextPruneAt = next;
  }

  private static long saturatingAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  /** Interval between storage / compute-allocation charges (replica: 10 s). */
  static final long CHARGE_INTERVAL_NANOS = 10_000_000_000L;

  /**
   * Charges storage and compute allocation for the time since the last charge (at most every
   * 10 s). A canister that cannot pay loses its balance and its code (uninstalled, as the replica
   * does).
   */
  private void chargeIdle(ReplicatedState state, long now) {
    for (CanisterState c : new ArrayList<>(state.canisters().values())) {
      SystemState s = c.system();
      long since = s.storageChargedUntilNanos();
      if (since == 0 || now < since) {
        s.setStorageChargedUntilNanos(now);
        continue;
      }
      long elapsed = now - since;
      if (elapsed < CHARGE_INTERVAL_NANOS) {
        continue;
      }
      s.setStorageChargedUntilNanos(now);
      long memory = c.execution() == null ? 0 : ((long) c.execution().heapPages() << 16)
          + c.execution().stable().sizeInBytes() + c.execution().wasmBinarySize();
      BigInteger perDay = executor.costs().idleBurnPerDay(memory, s.settings().computeAllocation()).toBigInteger();
      Cycles due = Cycles.of(perDay.multiply(BigInteger.valueOf(elapsed)).divide(BigInteger.valueOf(86_400L
          * 1_000_000_000L)));
      if (s.balance().compareTo(due) >= 0) {
        s.debit(due);
      } else {
        s.burnAll();
        if (c.hasCode()) {
          management.uninstallForCycles(state, c, now);
        }
      }
    }
  }

  /**
   * Best-effort calls whose deadline passed get a SYS_UNKNOWN reject (once); the real response,
   * if it comes later, finds no callback and is dropped.
   */
  private static void expireCallbacks(ReplicatedState state, long now) {
    for (CanisterState c : state.canisters().values()) {
      SystemState s = c.system();
      for (Map.Entry<Long, Callback> e : s.callContexts().callbacks().entrySet()) {
        Callback cb = e.getValue();
        if (cb.deadlineNanos() == 0 || cb.deadlineNanos() > now) {
          continue;
        }
        long id = e.getKey();
        boolean queued = s.inputResponses().stream().anyMatch(r -> r.originatorCallbackId() == id);
        if (!queued) {
          s.inputResponses().addLast(new Response(c.id(), cb.respondent(), id, Cycles.ZERO,
              new Payload.Reject(RejectCode.SYS_UNKNOWN, "Call deadline has expired."), cb.deadlineNanos()));
        }
      }
    }
  }

  /** Whether {@code c} is running. */
  static boolean running(CanisterState c) {
    return c.system().status() == CanisterStatus.RUNNING;
  }

  /** Orders canisters for determinism checks in tests. */
  static final Comparator<CanisterState> BY_ID = Comparator.comparing(CanisterState::id);

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
