package dev.jic.replica;

import dev.jic.execution.CanisterManager;
import dev.jic.execution.ExecutionConfig;
import dev.jic.execution.Executor;
import dev.jic.execution.routing.Induction;
import dev.jic.execution.routing.MessageRoutingImpl;
import dev.jic.execution.scheduler.Scheduler;
import dev.jic.execution.scheduler.SchedulerConfig;
import dev.jic.replicated.ReplicatedState;
import dev.jic.replicated.SystemMetadata;
import dev.jic.state.StateManager;
import dev.jic.types.unit.Height;
import dev.jic.wasm.engine.WasmEngine;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The node's execution side: the state manager's tip (loaded from the last checkpoint, or
 * genesis), the executor, the scheduler and message routing, plus the lock that serialises
 * everything touching the tip (batch execution, recovery, shutdown). Callers hold {@link #lock()}
 * around every access; queries and inspect checks never touch the tip (they read a
 * {@link QueryState}).
 */
final class ExecutionCore implements AutoCloseable {
  /** Canister ids this subnet allocates and hosts: indices 0 ..= 0xFFFFF, as a local replica's. */
  static final long RANGE_START = 0;
  static final long RANGE_END = 0xFFFFFL;

  final WasmEngine engine;
  final StateManager states;
  final ReplicatedState state;
  final Executor executor;
  final Scheduler scheduler;
  final MessageRoutingImpl routing;
  private final ReentrantLock lock = new ReentrantLock();

  ExecutionCore(NetworkKeys keys, WasmEngine engine, StateManager states, int threads) {
    this.engine = engine;
    this.states = states;
    this.state = states.tip();
    this.executor = new Executor(engine, ExecutionConfig.applicationSubnet(keys.subnetId(), 1, keys.rootKeyDer()));
    this.scheduler = new Scheduler(executor, new CanisterManager(executor), SchedulerConfig.defaults(threads));
    this.routing = new MessageRoutingImpl(state, scheduler, new Induction(executor));
  }

  /** The empty state at height 0 of a new network. */
  static ReplicatedState genesis(NetworkKeys keys, long genesisTimeNanos) {
    return new ReplicatedState(new SystemMetadata(keys.subnetId(), 1, Height.ZERO, genesisTimeNanos, RANGE_START,
        RANGE_END, RANGE_START));
  }

  ReentrantLock lock() {
    return lock;
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

  @Override
  public void close() {
    scheduler.close();
  }
}
