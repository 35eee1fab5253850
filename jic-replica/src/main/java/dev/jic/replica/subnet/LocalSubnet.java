package dev.jic.replica.subnet;

import dev.jic.crypto.cert.CanisterRanges;
import dev.jic.crypto.node.NodeSigningKey;
import dev.jic.http.HttpBackend;
import dev.jic.http.HttpServerConfig;
import dev.jic.http.IcHttpServer;
import dev.jic.interfaces.http.CanisterIdRange;
import dev.jic.interfaces.http.SubnetInfo;
import dev.jic.replica.MonotonicClock;
import dev.jic.state.tree.StateTreeInput;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.NodeId;
import dev.jic.types.id.SubnetId;
import dev.jic.types.messages.Blob;
import dev.jic.wasm.engine.ChicoryEngine;
import dev.jic.wasm.engine.EngineConfig;
import dev.jic.wasm.engine.WasmEngine;
import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A local network of one subnet with n replicas in one process ({@code jic start --nodes N}):
 * each replica has its own state, execution and consensus pool under {@code <data>/nodes/<i>/},
 * they run ICC (random beacon, block making, notarization, finalization, certification, catch-up
 * packages) over an {@link InMemoryTransport}, and each serves the HTTPS interface on its own
 * port (node 0 on the configured one). Certificates are signed by the subnet's threshold key
 * (2f+1 of n shares), queries by the answering node's key; agents verify both as on the IC. Keys
 * are dealt once and kept under {@code <data>/keys/}, so a restart resumes the same network.
 */
public final class LocalSubnet implements AutoCloseable {
  private final SubnetKeys keys;
  private final InMemoryTransport transport;
  private final List<SubnetNode> nodes;
  private final List<Thread> threads;
  private final List<IcHttpServer> servers;

  private LocalSubnet(SubnetKeys keys, InMemoryTransport transport, List<SubnetNode> nodes, List<Thread> threads,
      List<IcHttpServer> servers) {
    this.keys = keys;
    this.transport = transport;
    this.nodes = nodes;
    this.threads = threads;
    this.servers = servers;
  }

  /**
   * Loads (or deals) the keys, opens every replica (replaying batch logs after a restart), starts
   * their consensus threads and HTTPS interfaces.
   *
   * @param log receives progress and error lines (one line each)
   * @throws java.io.UncheckedIOException if keys, states or pools cannot be opened or a port cannot
   *     be bound (everything opened so far is closed)
   */
  public static LocalSubnet start(SubnetConfig config, Consumer<String> log) {
    MonotonicClock clock = new MonotonicClock();
    SubnetKeys keys = SubnetKeys.loadOrCreate(config.dataDir().resolve("keys"), config.nodes(), clock.now().nanos());
    CanisterId first = CanisterId.fromU64(NodeExecution.RANGE_START);
    CanisterId last = CanisterId.fromU64(NodeExecution.RANGE_END);
    SubnetInfo info = new SubnetInfo(keys.subnetId(), List.of(new CanisterIdRange(first, last)), keys.subnetId(),
        Blob.of(keys.rootKeyDer()));
    TreeMap<NodeId, byte[]> nodeKeys = new TreeMap<>();
    for (NodeSigningKey k : keys.nodeKeys()) {
      nodeKeys.put(k.nodeId(), k.publicKeyDer());
    }
    TreeMap<SubnetId, StateTreeInput.SubnetEntry> subnets = new TreeMap<>();
    subnets.put(keys.subnetId(), new StateTreeInput.SubnetEntry(keys.rootKeyDer(), "system",
        new CanisterRanges(List.of(new CanisterRanges.Range(first, last))), nodeKeys));
    WasmEngine engine = new ChicoryEngine(EngineConfig.defaults()); // shared: each module compiles once
    InMemoryTransport transport = new InMemoryTransport();
    List<SubnetNode> nodes = new ArrayList<>();
    List<IcHttpServer> servers = new ArrayList<>();
    try {
      for (int i = 0; i < config.nodes(); i++) {
        nodes.add(SubnetNode.open(i, keys, config, info, subnets, engine, transport, clock, log));
      }
      for (SubnetNode n : nodes) {
        int port = n.index == 0 ? config.port() : 0;
        servers.add(IcHttpServer.start(HttpServerConfig.defaults(config.host(), port),
            new HttpBackend(n.ingress, n.queries, n.certified, clock, n.key)));
      }
    } catch (RuntimeException e) {
      transport.close();
      servers.forEach(IcHttpServer::close);
      nodes.forEach(SubnetNode::close);
      throw e;
    }
    List<Thread> threads = new ArrayList<>();
    for (SubnetNode n : nodes) {
      threads.add(Thread.ofPlatform().name("jic-consensus-" + n.index).daemon(true).start(n));
    }
    return new LocalSubnet(keys, transport, nodes, threads, servers);
  }

  /** The number of replicas. */
  public int size() {
    return nodes.size();
  }

  /** Node 0's URL, e.g. {@code http://127.0.0.1:4943}. */
  public URI url() {
    return url(0);
  }

  /** Node {@code i}'s URL. */
  public URI url(int i) {
    IcHttpServer s = servers.get(i);
    return URI.create("http://" + s.address().getHostString() + ":" + s.port());
  }

  /** Node 0's bound port. */
  public int port() {
    return servers.get(0).port();
  }

  /** Node {@code i}'s id. */
  public NodeId nodeId(int i) {
    return nodes.get(i).id;
  }

  /** The DER root key (the subnet's threshold public key). */
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

  /** The highest height certified by the subnet and held by replica {@code i}. */
  public long certifiedHeight(int i) {
    return nodes.get(i).certifiedHeight();
  }

  /** The highest finalized height replica {@code i} knows. */
  public long finalizedHeight(int i) {
    return nodes.get(i).finalizedHeight();
  }

  /** Why replica {@code i} stopped, or null while it runs. */
  public String halted(int i) {
    return nodes.get(i).halted();
  }

  /**
   * One line on progress: finalized and certified heights (lowest and highest over the replicas),
   * canisters and messages executed on node 0, and any halted replica.
   */
  public String health() {
    long finMin = Long.MAX_VALUE;
    long finMax = 0;
    long certMin = Long.MAX_VALUE;
    long certMax = 0;
    StringBuilder halted = new StringBuilder();
    for (SubnetNode n : nodes) {
      finMin = Math.min(finMin, n.finalizedHeight());
      finMax = Math.max(finMax, n.finalizedHeight());
      certMin = Math.min(certMin, n.certifiedHeight());
      certMax = Math.max(certMax, n.certifiedHeight());
      if (n.halted() != null) {
        halted.append(" HALTED node ").append(n.index).append(": ").append(n.halted());
      }
    }
    SubnetNode n0 = nodes.getFirst();
    int canisters = n0.execution.locked(() -> n0.execution.state.canisters().size());
    return "nodes=" + nodes.size() + " finalized=" + range(finMin, finMax) + " certified=" + range(certMin, certMax)
        + " canisters=" + canisters + " messages=" + n0.execution.messages() + halted;
  }

  private static String range(long min, long max) {
    return min == max ? Long.toString(min) : min + ".." + max;
  }

  /** Stops every replica's thread, then the HTTPS interfaces, pools and states. */
  @Override
  public void close() {
    transport.close();
    nodes.forEach(SubnetNode::stop);
    for (Thread t : threads) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    servers.forEach(IcHttpServer::close);
    nodes.forEach(SubnetNode::close);
  }

  /** Replica {@code i} (tests in this package). */
  SubnetNode node(int i) {
    return nodes.get(i);
  }
}
