package dev.jic.replica;

import dev.jic.crypto.cert.CanisterRanges;
import dev.jic.http.HttpBackend;
import dev.jic.http.HttpServerConfig;
import dev.jic.http.IcHttpServer;
import dev.jic.interfaces.http.CanisterIdRange;
import dev.jic.interfaces.http.SubnetInfo;
import dev.jic.types.id.CanisterId;
import dev.jic.types.messages.Blob;
import dev.jic.wasm.engine.ChicoryEngine;
import dev.jic.wasm.engine.EngineConfig;
import dev.jic.state.StateManager;
import dev.jic.state.StateManagerConfig;
import dev.jic.state.tree.StateTreeInput;
import dev.jic.types.id.NodeId;
import dev.jic.types.id.SubnetId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.TreeMap;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * A running single-node local network: the HTTPS interface on {@code host:port} over an ingress
 * pool, the local batch driver, message routing + scheduler + management canister, and the
 * certified state signed with the subnet key from {@code <data>/keys}; the state manager keeps
 * checkpoints under {@code <data>/state} (every {@link ReplicaConfig#checkpointInterval} heights,
 * at most one per {@link ReplicaConfig#checkpointSpacingMillis} of batch time) and a batch log
 * under {@code <data>/batch_log}, so a
 * restart resumes the same state (replaying the batches since the last checkpoint). Start with
 * {@link #start}; {@link #close} stops the driver, the server and the execution threads.
 */
public final class LocalReplica implements AutoCloseable {
  private final NetworkKeys keys;
  private final ExecutionCore core;
  private final BatchDriver driver;
  private final Thread driverThread;
  private final IcHttpServer server;
  private final CertifiedStates certified;
  private final IngressPool pool;

  private LocalReplica(NetworkKeys keys, ExecutionCore core, BatchDriver driver, Thread driverThread, IcHttpServer server,
      CertifiedStates certified, IngressPool pool) {
    this.keys = keys;
    this.core = core;
    this.driver = driver;
    this.driverThread = driverThread;
    this.server = server;
    this.certified = certified;
    this.pool = pool;
  }

  /**
   * Loads (or deals) the network keys under {@code config.dataDir()/keys}, wires the node, certifies
   * the genesis batch and starts serving.
   *
   * @param log receives progress and error lines (one line each)
   * @throws java.io.UncheckedIOException if the keys cannot be read/written or the port cannot be bound
   */
  public static LocalReplica start(ReplicaConfig config, Consumer<String> log) {
    NetworkKeys keys = NetworkKeys.loadOrCreate(config.dataDir().resolve("keys"));
    MonotonicClock clock = new MonotonicClock();
    CanisterId first = CanisterId.fromU64(ExecutionCore.RANGE_START);
    CanisterId last = CanisterId.fromU64(ExecutionCore.RANGE_END);
    SubnetInfo subnet = new SubnetInfo(keys.subnetId(), List.of(new CanisterIdRange(first, last)), keys.subnetId(),
        Blob.of(keys.rootKeyDer()));
    CertifiedStates certified = new CertifiedStates(subnet, new OriginLog(config.dataDir().resolve("ingress_origins")));
    TreeMap<SubnetId, StateTreeInput.SubnetEntry> subnets = new TreeMap<>();
    TreeMap<NodeId, byte[]> nodes = new TreeMap<>();
    nodes.put(keys.nodeKey().nodeId(), keys.nodeKey().publicKeyDer());
    subnets.put(keys.subnetId(), new StateTreeInput.SubnetEntry(keys.rootKeyDer(), "system",
        new CanisterRanges(List.of(new CanisterRanges.Range(first, last))), nodes));
    long genesisTime = clock.now().nanos();
    StateManager states;
    try {
      states = StateManager.open(StateManagerConfig.of(config.dataDir(), subnets)
          .withCheckpointInterval(config.checkpointInterval())
          .withMinCheckpointSpacingNanos(config.checkpointSpacingMillis() * 1_000_000),
          () -> ExecutionCore.genesis(keys, genesisTime));
    } catch (IOException e) {
      throw new UncheckedIOException(new IOException("cannot open the state under " + config.dataDir() + ": " + e.getMessage(), e));
    }
    states.corruptCheckpoints().forEach(c -> log.accept("quarantined a corrupt checkpoint: " + c.getMessage()));
    ExecutionCore core = new ExecutionCore(keys, new ChicoryEngine(EngineConfig.defaults()), states, config.executionThreads());
    BatchDriver[] holder = new BatchDriver[1];
    LocalQueries queries = new LocalQueries(core, certified, config.executionThreads());
    IngressPool pool = new IngressPool(queries, certified, clock, () -> holder[0].wake());
    BatchDriver driver = new BatchDriver(core, pool, certified, keys, clock, config.batchIntervalMillis(), log);
    holder[0] = driver;
    driver.recover();
    CertifiedStates.Certified recovered = certified.latest();
    certified.compactOrigins(id -> recovered != null && recovered.knows(id));
    driver.step();
    IcHttpServer server;
    try {
      server = IcHttpServer.start(HttpServerConfig.defaults(config.host(), config.port()),
          new HttpBackend(pool, queries, certified, clock, keys.nodeKey()));
    } catch (RuntimeException e) {
      core.close();
      closeQuietly(states);
      throw e;
    }
    Thread t = Thread.ofPlatform().name("jic-batch-driver").daemon(true).start(driver);
    return new LocalReplica(keys, core, driver, t, server, certified, pool);
  }

  /** The URL agents use, e.g. {@code http://127.0.0.1:4943}. */
  public URI url() {
    return URI.create("http://" + server.address().getHostString() + ":" + server.port());
  }

  /** The bound port. */
  public int port() {
    return server.port();
  }

  /** The DER root key (what agents fetch from {@code /api/v2/status}). */
  public byte[] rootKeyDer() {
    return keys.rootKeyDer();
  }

  /** The root key in hex. */
  public String rootKeyHex() {
    return HexFormat.of().formatHex(keys.rootKeyDer());
  }

  /** The subnet id. */
  public String subnetId() {
    return keys.subnetId().toString();
  }

  /**
   * One line on progress: the height of the last batch that executed messages, canisters, messages
   * executed. Empty batches (one every 200 ms when idle) do not change it, so a caller printing it
   * when it changes logs only when something happened.
   */
  public String health() {
    if (driver.halted() != null) {
      return "HALTED " + driver.halted();
    }
    var c = certified.latest();
    int canisters = c == null || c.query() == null ? 0 : c.query().state.canisters().size();
    return "height=" + driver.activeHeight() + " canisters=" + canisters + " messages=" + driver.messages();
  }

  IngressPool pool() {
    return pool;
  }

  CertifiedStates certified() {
    return certified;
  }

  /** The execution core (tests hold its lock to stand for a long batch). */
  ExecutionCore core() {
    return core;
  }

  /** The number of canisters in the tip (tests). */
  int canisterCount() {
    return core.locked(() -> core.state.canisters().size());
  }

  @Override
  public void close() {
    driver.stop();
    try {
      driverThread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.close();
    core.locked(() -> {
      core.close();
      closeQuietly(core.states);
      return null;
    });
  }

  private static void closeQuietly(StateManager states) {
    try {
      states.close();
    } catch (IOException e) {
      System.getLogger(LocalReplica.class.getName()).log(System.Logger.Level.WARNING, "closing the state: " + e);
    }
  }
}
