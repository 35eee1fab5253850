package dev.jic.replica.subnet;

import dev.jic.execution.CanisterManager;
import dev.jic.execution.ExecutionConfig;
import dev.jic.execution.Executor;
import dev.jic.execution.routing.Induction;
import dev.jic.execution.routing.MessageRoutingImpl;
import dev.jic.execution.scheduler.Scheduler;
import dev.jic.execution.scheduler.SchedulerConfig;
import dev.jic.interfaces.consensus.Batch;
import dev.jic.interfaces.consensus.MessageRouting;
import dev.jic.replicated.ReplicatedState;
import dev.jic.replicated.SystemMetadata;
import dev.jic.state.StateManager;
import dev.jic.types.id.SubnetId;
import dev.jic.types.unit.Height;
import dev.jic.wasm.engine.WasmEngine;
import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One replica's execution side, as consensus sees it ({@link MessageRouting}): the state manager's
 * tip, the executor, scheduler and message routing, and the lock that serialises everything
 * touching the tip (batch execution on the replica's consensus thread; queries and inspect checks
 * on HTTP threads). A delivered batch is made durable in the state manager's batch log, executed,
 * and committed (the state manager then offers its hash for certification). Thread-safe for
 * {@link #locked}; {@link #deliverBatch} and {@link #replay} only on the replica's one thread.
 */
final class NodeExecution implements MessageRouting, AutoCloseable {
  /** Canister ids this subnet allocates and hosts, as a local replica's: indices 0 ..= 0xFFFFF. */
  static final long RANGE_START = 0;
  static final long RANGE_END = 0xFFFFFL;

  final StateManager states;
  final ReplicatedState state;
  final Executor executor;
  final Scheduler scheduler;
  private final MessageRoutingImpl routing;
  private final ReentrantLock lock = new ReentrantLock();
  private final Consumer<String> log;
  private volatile long messages;

  NodeExecution(SubnetId subnet, int subnetSize, byte[] rootKeyDer, WasmEngine engine, StateManager states,
      Consumer<String> log) {
    this.states = states;
    this.state = states.tip();
    this.executor = new Executor(engine, ExecutionConfig.applicationSubnet(subnet, subnetSize, rootKeyDer));
    this.scheduler = new Scheduler(executor, new CanisterManager(executor), SchedulerConfig.defaults(1));
    this.routing = new MessageRoutingImpl(state, scheduler, new Induction(executor));
    this.log = log;
  }

  /** The empty state at height 0 of a new subnet. */
  static ReplicatedState genesis(SubnetId subnet, long genesisTimeNanos) {
    return new ReplicatedState(new SystemMetadata(subnet, 1, Height.ZERO, genesisTimeNanos, RANGE_START, RANGE_END,
        RANGE_START));
  }

  /** Runs {@code f} holding the state lock. */
  <T> T locked(Supplier<T> f) {
    lock.lock();
    try {
      return f.get();
    } finally {
      lock.unlock();
    }
  }

  /** Re-executes the batches the state manager logged after its last checkpoint (a restart); returns how many. */
  int replay() {
    int n = 0;
    for (Batch b : states.batchesToReplay()) {
      execute(b);
      n++;
    }
    return n;
  }

  @Override
  public Height expectedBatchHeight() {
    return routing.expectedBatchHeight();
  }

  /**
   * Persists, executes and commits the batch at the expected height. {@code QUEUE_FULL} (consensus
   * retries) if the batch log cannot make it durable; {@code WRONG_HEIGHT} for any other height.
   */
  @Override
  public DeliveryResult deliverBatch(Batch batch) {
    if (!batch.height().equals(routing.expectedBatchHeight())) {
      return DeliveryResult.WRONG_HEIGHT;
    }
    try {
      states.persistBatch(batch);
    } catch (IOException e) {
      log.accept("cannot make batch " + batch.height().value() + " durable (" + e.getMessage() + "); retrying");
      return DeliveryResult.QUEUE_FULL;
    }
    execute(batch);
    messages += batch.ingress().size();
    return DeliveryResult.DELIVERED;
  }

  private void execute(Batch batch) {
    lock.lock();
    try {
      DeliveryResult r = routing.deliverBatch(batch);
      if (r != DeliveryResult.DELIVERED) {
        throw new IllegalStateException("message routing refused batch " + batch.height() + ": " + r);
      }
      states.commit(batch.height(), state);
    } finally {
      lock.unlock();
    }
  }

  /** Ingress messages delivered in batches since start. */
  long messages() {
    return messages;
  }

  /** Stops the scheduler's threads and closes the state manager (under the lock, so no query runs). */
  @Override
  public void close() {
    lock.lock();
    try {
      scheduler.close();
      try {
        states.close();
      } catch (IOException e) {
        log.accept("closing the state: " + e.getMessage());
      }
    } finally {
      lock.unlock();
    }
  }
}
