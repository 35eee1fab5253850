package dev.jic.replica.subnet;

import dev.jic.consensus.CertificationDelivery;
import dev.jic.consensus.ConsensusConfig;
import dev.jic.consensus.ConsensusReplica;
import dev.jic.consensus.artifact.ConsensusCodec;
import dev.jic.consensus.artifact.ConsensusMessage;
import dev.jic.consensus.pool.FilePoolStore;
import dev.jic.crypto.node.NodeSigningKey;
import dev.jic.interfaces.consensus.Batch;
import dev.jic.interfaces.consensus.IngressMessage;
import dev.jic.interfaces.consensus.StateCertificate;
import dev.jic.interfaces.consensus.StateCertification;
import dev.jic.interfaces.consensus.StateHash;
import dev.jic.interfaces.consensus.Time;
import dev.jic.interfaces.consensus.TimeSource;
import dev.jic.interfaces.http.SubnetInfo;
import dev.jic.interfaces.state.RequestOrigin;
import dev.jic.state.StateManager;
import dev.jic.state.StateManagerConfig;
import dev.jic.state.tree.StateTreeInput;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.NodeId;
import dev.jic.types.id.SubnetId;
import dev.jic.types.unit.Height;
import dev.jic.wasm.engine.WasmEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * One replica of a local subnet: its state manager (checkpoints and batch log under
 * {@code nodes/<i>/}), execution, ingress pool, certified states for its HTTPS interface, and its
 * {@link ConsensusReplica} with a persisted pool ({@code nodes/<i>/consensus_pool}). One thread
 * ({@link #run}) drives consensus: it takes the artifacts peers sent, runs the roles, broadcasts
 * what they produced, executes the finalized batches consensus delivers, and sleeps until the next
 * artifact or consensus deadline. Certifications aggregated by consensus reach the state manager,
 * which publishes them to the HTTPS interface.
 *
 * <p>On an unexpected error (a bug, or a state that diverged from the subnet's certified hash)
 * the replica stops ({@link #halted()}); the others carry on as long as 2f+1 of them run.
 */
final class SubnetNode implements InMemoryTransport.Endpoint, Runnable, AutoCloseable {
  /** Longest sleep between two consensus steps when nothing happens. */
  private static final long MAX_IDLE_MILLIS = 200;

  private record Inbound(byte[] bytes, NodeId from) {}

  final int index;
  final NodeId id;
  final NodeSigningKey key;
  final NodeExecution execution;
  final NodeCertifiedStates certified;
  final NodeIngressPool ingress;
  final NodeQueries queries;
  private final ConsensusReplica consensus;
  private final FilePoolStore store;
  private final InMemoryTransport transport;
  private final TimeSource clock;
  private final Consumer<String> log;
  private final ConcurrentLinkedQueue<Inbound> inbox = new ConcurrentLinkedQueue<>();
  private final Object wakeup = new Object();
  private volatile boolean running = true;
  private volatile String halted;
  private volatile long finalized;
  private volatile long malformed;

  private SubnetNode(int index, SubnetKeys keys, SubnetConfig config, SubnetInfo info, NavigableMap<SubnetId,
      StateTreeInput.SubnetEntry> subnets, WasmEngine engine, InMemoryTransport transport, TimeSource clock,
      Consumer<String> log) {
    this.index = index;
    this.key = keys.nodeKeys().get(index);
    this.id = key.nodeId();
    this.transport = transport;
    this.clock = clock;
    this.log = line -> log.accept("node " + index + ": " + line);
    Path dir = config.dataDir().resolve("nodes").resolve(Integer.toString(index));
    StateManager states;
    try {
      states = StateManager.open(StateManagerConfig.of(dir, subnets).withCheckpointInterval(config.checkpointInterval()),
          () -> NodeExecution.genesis(keys.subnetId(), keys.genesisTimeNanos()));
    } catch (IOException e) {
      throw new UncheckedIOException(new IOException("cannot open the state under " + dir + ": " + e.getMessage(), e));
    }
    states.corruptCheckpoints().forEach(c -> this.log.accept("quarantined a corrupt checkpoint: " + c.getMessage()));
    this.execution = new NodeExecution(keys.subnetId(), keys.nodeKeys().size(), keys.rootKeyDer(), engine, states, this.log);
    int replayed = execution.replay();
    if (replayed > 0) {
      this.log.accept("replayed " + replayed + " batches from the batch log up to height "
          + (execution.expectedBatchHeight().value() - 1));
    }
    this.certified = new NodeCertifiedStates(info);
    states.onCertified(certified::publish);
    states.latestCertified().ifPresent(certified::publish);
    this.ingress = new NodeIngressPool(id, execution, certified, transport);
    this.queries = new NodeQueries(execution, certified);
    this.store = FilePoolStore.open(dir.resolve("consensus_pool"));
    ConsensusConfig cc = ConsensusConfig.defaults()
        .withDelays(config.unitDelayMillis() * 1_000_000L, config.notaryDelayMillis() * 1_000_000L)
        .withCupInterval(config.cupInterval());
    Time genesis = new Time(keys.genesisTimeNanos());
    this.consensus = new ConsensusReplica(cc, keys.nodeIds(), keys.material().forNode(id), ingress, execution,
        new Certification(states), ConsensusReplica.genesisCatchUp(cc.protocolVersion(), genesis), store, clock.now());
    transport.register(id, this);
  }

  /**
   * Opens replica {@code index} of the subnet: state (replaying its batch log), consensus pool,
   * and registration with {@code transport}. The thread is not started.
   *
   * @throws UncheckedIOException if its state or pool cannot be opened
   */
  static SubnetNode open(int index, SubnetKeys keys, SubnetConfig config, SubnetInfo info,
      NavigableMap<SubnetId, StateTreeInput.SubnetEntry> subnets, WasmEngine engine, InMemoryTransport transport,
      TimeSource clock, Consumer<String> log) {
    return new SubnetNode(index, keys, config, info, subnets, engine, transport, clock, log);
  }

  @Override
  public void onArtifact(byte[] encoded, NodeId from) {
    if (!running) {
      return; // stopped or halted: nobody will read the inbox
    }
    inbox.add(new Inbound(encoded, from));
    synchronized (wakeup) {
      wakeup.notifyAll();
    }
  }

  @Override
  public void onIngress(IngressMessage message, RequestId requestId, RequestOrigin origin) {
    ingress.fromPeer(message, requestId, origin);
  }

  @Override
  public void run() {
    try {
      // What peers may have missed while this replica was down (P2P re-advertises on reconnection).
      for (ConsensusMessage m : consensus.advertised()) {
        transport.broadcast(id, m);
      }
      while (running) {
        Optional<Time> next = step();
        await(next);
      }
    } catch (CertificationDelivery.DivergedStateException e) {
      halt("its state diverged from the subnet's certified state: " + e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      halt(e.toString(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void halt(String why, Throwable e) {
    halted = why;
    running = false;
    log.accept("halted at height " + (execution.expectedBatchHeight().value() - 1) + ": " + why
        + " (the other replicas carry on; restart to rebuild this one from its checkpoint and batch log)");
    System.getLogger(SubnetNode.class.getName()).log(System.Logger.Level.ERROR, "replica halted", e);
  }

  /** One consensus step: takes inbound artifacts, runs the roles, broadcasts, prunes delivered ingress. */
  Optional<Time> step() {
    Time now = clock.now();
    Inbound in;
    while ((in = inbox.poll()) != null) {
      try {
        consensus.receive(ConsensusCodec.decode(in.bytes()), in.from(), now);
      } catch (DecodeException e) {
        malformed++;
      }
    }
    ConsensusReplica.Step s = consensus.onStateChange(now);
    for (ConsensusMessage m : s.broadcast()) {
      transport.broadcast(id, m);
    }
    List<IngressMessage> delivered = new ArrayList<>();
    for (Batch b : s.delivered()) {
      delivered.addAll(b.ingress());
    }
    ingress.prune(delivered, now);
    finalized = consensus.pool().finalizedHeight().value();
    return s.wakeUp();
  }

  private void await(Optional<Time> next) throws InterruptedException {
    long millis = MAX_IDLE_MILLIS;
    if (next.isPresent()) {
      millis = Math.max(1, Math.min(MAX_IDLE_MILLIS, (next.get().nanos() - clock.now().nanos()) / 1_000_000L + 1));
    }
    synchronized (wakeup) {
      if (running && inbox.isEmpty()) {
        wakeup.wait(millis);
      }
    }
  }

  /** Why the replica stopped, or null while it runs. */
  String halted() {
    return halted;
  }

  /** The highest finalized height this replica knows. */
  long finalizedHeight() {
    return finalized;
  }

  /** The highest height certified by the subnet and held by this replica. */
  long certifiedHeight() {
    return certified.height().value();
  }

  /** Artifacts from peers that did not decode (dropped). */
  long malformed() {
    return malformed;
  }

  /** Makes {@link #run} return after its current step. */
  void stop() {
    running = false;
    synchronized (wakeup) {
      wakeup.notifyAll();
    }
  }

  /** Closes the pool and the state (after {@link #stop} and the thread's end). */
  @Override
  public void close() {
    execution.close();
    store.close();
  }

  /**
   * The state manager as consensus sees it, reporting (once per height) that the replica fell
   * behind a catch-up package: state sync is not implemented, so it cannot catch up alone.
   */
  private final class Certification implements StateCertification {
    private final StateManager states;
    private Height reportedFetch = Height.ZERO;

    Certification(StateManager states) {
      this.states = states;
    }

    @Override
    public List<StateToCertify> statesToCertify() {
      return states.statesToCertify();
    }

    @Override
    public Optional<StateHash> stateHashAt(Height h) {
      return states.stateHashAt(h);
    }

    @Override
    public DeliveryOutcome deliverCertification(StateCertificate certificate) {
      return states.deliverCertification(certificate);
    }

    @Override
    public Height latestCertifiedHeight() {
      return states.latestCertifiedHeight();
    }

    @Override
    public void fetchState(Height h, StateHash hash) {
      if (h.isAfter(reportedFetch)) {
        reportedFetch = h;
        log.accept("fell behind the catch-up package at height " + h.value() + " (state sync is not implemented; "
            + "it stays behind while its peers go on)");
      }
      states.fetchState(h, hash);
    }
  }
}
