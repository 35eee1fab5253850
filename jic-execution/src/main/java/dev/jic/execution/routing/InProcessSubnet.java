package dev.jic.execution.routing;

import dev.jic.execution.CanisterManager;
import dev.jic.execution.ExecutionConfig;
import dev.jic.execution.Executor;
import dev.jic.execution.QueryResult;
import dev.jic.execution.management.ManagementCanister;
import dev.jic.execution.scheduler.Scheduler;
import dev.jic.execution.scheduler.SchedulerConfig;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.Ingress;
import dev.jic.replicated.IngressStatus;
import dev.jic.replicated.Payload;
import dev.jic.replicated.ReplicatedState;
import dev.jic.replicated.StateDigest;
import dev.jic.replicated.SystemMetadata;
import dev.jic.types.hash.RequestId;
import dev.jic.types.hash.Sha;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.id.SubnetId;
import dev.jic.types.unit.Height;
import dev.jic.wasm.engine.WasmEngine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole subnet's execution in one process, without consensus or HTTP: message routing, the
 * scheduler, the management canister and the state, driven by explicit batches with a virtual
 * clock. For {@code jic drun}, tests and benchmarks. Deterministic: ingress ids derive from a
 * counter, batch randomness from the height, time from {@link #advanceTime}.
 */
public final class InProcessSubnet implements AutoCloseable {
  /** The first batch time: 2025-01-01T00:00:00Z. */
  public static final long GENESIS_TIME = 1_735_689_600_000_000_000L;
  /** Time a batch advances the clock by default (1 ms). */
  public static final long BATCH_INTERVAL = 1_000_000L;
  private final ReplicatedState state;
  private final Executor executor;
  private final CanisterManager manager;
  private final Scheduler scheduler;
  private final MessageRoutingImpl routing;
  private final List<Ingress> pending = new ArrayList<>();
  private long time = GENESIS_TIME;
  private long counter;

  public InProcessSubnet(WasmEngine engine, ExecutionConfig execution, SchedulerConfig sched) {
    this.state = new ReplicatedState(new SystemMetadata(execution.subnetId(), execution.subnetSize(), Height.ZERO,
        GENESIS_TIME, 0, 0xFFFFFL, 0));
    this.executor = new Executor(engine, execution);
    this.manager = new CanisterManager(executor);
    this.scheduler = new Scheduler(executor, manager, sched);
    this.routing = new MessageRoutingImpl(state, scheduler, new Induction(executor));
  }

  /** An application subnet of 13 nodes with the replica's limits. */
  public static InProcessSubnet application(WasmEngine engine, SchedulerConfig sched) {
    return new InProcessSubnet(engine, ExecutionConfig.applicationSubnet(SubnetId.of(new byte[] {0, 0, 0, 0, 0, 0,
        0, 0, 1}), 13, new byte[0]), sched);
  }

  public ReplicatedState state() {
    return state;
  }

  public Executor executor() {
    return executor;
  }

  public CanisterManager manager() {
    return manager;
  }

  public Scheduler scheduler() {
    return scheduler;
  }

  public MessageRoutingImpl routing() {
    return routing;
  }

  public ManagementCanister management() {
    return scheduler.management();
  }

  /** The current batch time. */
  public long time() {
    return time;
  }

  /** Moves the virtual clock forward. */
  public void advanceTime(long nanos) {
    time += nanos;
  }

  /** Queues an ingress message for the next batch; returns its id. */
  public RequestId submit(PrincipalId user, CanisterId canister, String method, byte[] arg) {
    long n = counter++;
    RequestId id = RequestId.of(Sha.sha256(Sha.domainSeparator("jic-inproc-ingress"), Long.toString(n)
        .getBytes(StandardCharsets.US_ASCII), user.toBytes(), canister.principal().toBytes(),
        method.getBytes(StandardCharsets.UTF_8), arg));
    pending.add(new Ingress(id, user, canister, method, arg, time + 300_000_000_000L));
    return id;
  }

  /** Executes one batch with the queued ingress messages; the clock advances by {@link #BATCH_INTERVAL}. */
  public Scheduler.RoundReport executeBatch() {
    time += BATCH_INTERVAL;
    long h = state.metadata().batchHeight().value() + 1;
    byte[] rand = Sha.sha256(Sha.domainSeparator("jic-inproc-random"), Long.toString(h).getBytes(
        StandardCharsets.US_ASCII));
    List<Ingress> batch = List.copyOf(pending);
    pending.clear();
    return routing.execute(new Height(h), time, rand, batch);
  }

  /**
   * Executes batches until {@code id} is replied, rejected or done (at most {@code maxBatches});
   * returns its status (possibly still not terminal).
   */
  public IngressStatus await(RequestId id, int maxBatches) {
    for (int i = 0; i < maxBatches; i++) {
      executeBatch();
      IngressStatus s = state.ingressHistory().get(id);
      if (s != null && s.isTerminal()) {
        return s;
      }
    }
    return state.ingressHistory().get(id);
  }

  /** Submits and awaits (up to 100 batches). */
  public IngressStatus call(PrincipalId user, CanisterId canister, String method, byte[] arg) {
    return await(submit(user, canister, method, arg), 100);
  }

  /** A non-replicated query on the current state (management: canister_status, fetch_canister_logs). */
  public QueryResult query(PrincipalId user, CanisterId canister, String method, byte[] arg) {
    if (canister.equals(CanisterId.MANAGEMENT)) {
      return switch (management().query(state, user, method, arg, time)) {
        case ManagementCanister.Outcome.Error e -> new QueryResult(e.error().toReject(), e.error(), 0);
        case ManagementCanister.Outcome.Reply r -> new QueryResult(new Payload.Data(r.data()), null, 0);
        case ManagementCanister.Outcome.Pending p -> throw new IllegalStateException("pending query");
      };
    }
    return executor.executeQuery(state::canister, managementQueries(), canister, user, method, arg, time, null);
  }

  /** The management canister's non-replicated methods on the current state (for composite queries). */
  public dev.jic.execution.ManagementQueries managementQueries() {
    return (caller, method, arg) -> switch (management().query(state, caller, method, arg, time)) {
      case ManagementCanister.Outcome.Error e -> new QueryResult(e.error().toReject(), e.error(), 0);
      case ManagementCanister.Outcome.Reply r -> new QueryResult(new Payload.Data(r.data()), null, 0);
      case ManagementCanister.Outcome.Pending p -> throw new IllegalStateException("pending management query");
    };
  }

  /** The state digest ({@link StateDigest}). */
  public byte[] digest() {
    return StateDigest.of(state);
  }

  @Override
  public void close() {
    scheduler.close();
  }
}
