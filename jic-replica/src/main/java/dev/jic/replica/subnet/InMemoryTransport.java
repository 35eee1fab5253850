package dev.jic.replica.subnet;

import dev.jic.consensus.artifact.ConsensusCodec;
import dev.jic.consensus.artifact.ConsensusMessage;
import dev.jic.interfaces.consensus.IngressMessage;
import dev.jic.interfaces.state.RequestOrigin;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.NodeId;
import java.util.Map;
import java.util.TreeMap;

/**
 * The network between the replicas of one process, standing where P2P will: every broadcast
 * artifact is encoded once with {@link ConsensusCodec} (the wire format peers will exchange) and
 * handed, as bytes, to every other registered node, which decodes it on its own thread; ingress
 * accepted by one node is gossiped to the others. Reliable and in order per sender while the
 * process runs (a node that restarts relies on its peers re-advertising their pools, as on
 * reconnection in P2P). Registration happens before any traffic; after that it is thread-safe.
 */
public final class InMemoryTransport {

  /** A node's receiving side. Implementations queue and return at once; they must not block. */
  public interface Endpoint {
    /** An encoded consensus artifact from {@code from} (untrusted bytes: decode, validate). */
    void onArtifact(byte[] encoded, NodeId from);

    /** An ingress message a peer accepted, with its request id and origin. */
    void onIngress(IngressMessage message, RequestId id, RequestOrigin origin);
  }

  private final Map<NodeId, Endpoint> endpoints = new TreeMap<>();
  private volatile boolean closed;

  /** Adds {@code node}'s endpoint. */
  public synchronized void register(NodeId node, Endpoint e) {
    if (endpoints.putIfAbsent(node, e) != null) {
      throw new IllegalArgumentException("node registered twice: " + node);
    }
  }

  /** Sends {@code m} to every node but {@code from}. */
  public void broadcast(NodeId from, ConsensusMessage m) {
    if (closed) {
      return;
    }
    byte[] bytes = ConsensusCodec.encode(m);
    for (Map.Entry<NodeId, Endpoint> e : snapshot().entrySet()) {
      if (!e.getKey().equals(from)) {
        e.getValue().onArtifact(bytes, from);
      }
    }
  }

  /** Gossips an ingress message {@code from} accepted to every other node. */
  public void gossip(NodeId from, IngressMessage m, RequestId id, RequestOrigin origin) {
    if (closed) {
      return;
    }
    for (Map.Entry<NodeId, Endpoint> e : snapshot().entrySet()) {
      if (!e.getKey().equals(from)) {
        e.getValue().onIngress(m, id, origin);
      }
    }
  }

  /** Stops delivering anything. */
  public void close() {
    closed = true;
  }

  private synchronized Map<NodeId, Endpoint> snapshot() {
    return new TreeMap<>(endpoints);
  }
}
