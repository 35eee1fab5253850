package dev.jic.replica.subnet;

import dev.jic.execution.UserError;
import dev.jic.interfaces.consensus.IngressId;
import dev.jic.interfaces.consensus.IngressMessage;
import dev.jic.interfaces.consensus.IngressSelector;
import dev.jic.interfaces.consensus.Time;
import dev.jic.interfaces.ingress.IngressSubmission;
import dev.jic.interfaces.ingress.SignedIngressCall;
import dev.jic.interfaces.ingress.SubmitResult;
import dev.jic.interfaces.state.RequestOrigin;
import dev.jic.replicated.CanisterState;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.NodeId;
import dev.jic.types.messages.CallContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One replica's ingress pool. Calls accepted over this replica's HTTPS interface are checked
 * against its state (already in the ingress history: accepted again, never executed twice;
 * unknown canister: refused; {@code canister_inspect_message}: refusals recorded nowhere) and
 * gossiped to the peers, whose pools take them without re-running the checks (they were made on
 * a replica of the same subnet; execution re-parses every message anyway). The block maker
 * selects from it ({@link IngressSelector}) in ascending id order; delivered and expired messages
 * are removed by the owner. Bounded ({@link #MAX_PENDING} messages, {@link #MAX_PENDING_BYTES}):
 * beyond, {@code Overloaded}. Thread-safe.
 */
final class NodeIngressPool implements IngressSubmission, IngressSelector {
  static final int MAX_PENDING = 10_000;
  static final long MAX_PENDING_BYTES = 256L << 20;

  private final NodeId self;
  private final NodeExecution execution;
  private final NodeCertifiedStates certified;
  private final InMemoryTransport transport;
  private final TreeMap<IngressId, IngressMessage> pending = new TreeMap<>();
  private long pendingBytes;

  NodeIngressPool(NodeId self, NodeExecution execution, NodeCertifiedStates certified, InMemoryTransport transport) {
    this.self = self;
    this.execution = execution;
    this.certified = certified;
    this.transport = transport;
  }

  @Override
  public SubmitResult submit(SignedIngressCall call) {
    CallContent c = call.content();
    RequestId id = c.requestId();
    IngressId iid = IngressId.of(id.toBytes());
    synchronized (this) {
      if (pending.containsKey(iid)) {
        return new SubmitResult.Accepted();
      }
      if (full(call.signedEnvelope().length())) {
        return new SubmitResult.Overloaded("The ingress pool is full (" + pending.size() + " messages); try again later.", false);
      }
    }
    Optional<SubmitResult> refused = execution.locked(() -> check(c));
    if (refused.isPresent()) {
      return refused.get();
    }
    IngressMessage m = new IngressMessage(iid, new Time(c.ingressExpiry()), call.signedEnvelope().toBytes());
    RequestOrigin origin = new RequestOrigin(c.sender(), c.canisterId(), call.effectiveId());
    if (add(m, id, origin)) {
      transport.gossip(self, m, id, origin);
    }
    return new SubmitResult.Accepted();
  }

  /** A message a peer accepted (gossip). Dropped if the pool is full: the peer's own pool still holds it. */
  void fromPeer(IngressMessage m, RequestId id, RequestOrigin origin) {
    add(m, id, origin);
  }

  private synchronized boolean add(IngressMessage m, RequestId id, RequestOrigin origin) {
    if (pending.containsKey(m.id()) || full(m.countedBytes())) {
      return false;
    }
    certified.recordOrigin(id, origin);
    pending.put(m.id(), m);
    pendingBytes += m.countedBytes();
    return true;
  }

  private boolean full(long more) {
    return pending.size() >= MAX_PENDING || pendingBytes + more > MAX_PENDING_BYTES;
  }

  /** Under the state lock: already known, unknown canister, or refused by inspect_message. */
  private Optional<SubmitResult> check(CallContent c) {
    if (execution.state.ingressHistory().get(c.requestId()) != null) {
      return Optional.of(new SubmitResult.Accepted());
    }
    if (c.canisterId().isManagement()) {
      return Optional.empty();
    }
    CanisterState canister = execution.state.canister(c.canisterId());
    if (canister == null) {
      return Optional.of(new SubmitResult.NonReplicatedRejection(3, "Canister " + c.canisterId() + " not found",
          Optional.of("IC0301")));
    }
    UserError e = execution.executor.inspectMessage(canister, c.sender().principal(), c.methodName(), c.arg().toBytes(),
        execution.state.metadata().batchTimeNanos());
    if (e != null) {
      return Optional.of(new SubmitResult.NonReplicatedRejection(e.rejectCode().code(), e.description(),
          Optional.of(e.code().text())));
    }
    return Optional.empty();
  }

  @Override
  public synchronized List<IngressMessage> select(Time blockTime, long maxTtlNanos, Predicate<IngressId> exclude, int maxCount,
      long maxBytes) {
    List<IngressMessage> out = new ArrayList<>();
    long bytes = 0;
    for (IngressMessage m : pending.values()) {
      if (out.size() >= maxCount) {
        break;
      }
      if (m.expiry().isBefore(blockTime) || m.expiry().nanos() - blockTime.nanos() > maxTtlNanos || exclude.test(m.id())) {
        continue;
      }
      if (bytes + m.countedBytes() > maxBytes) {
        continue;
      }
      bytes += m.countedBytes();
      out.add(m);
    }
    return out;
  }

  /** Removes the messages of delivered batches and every message expired at {@code now}. */
  synchronized void prune(List<IngressMessage> delivered, Time now) {
    for (IngressMessage m : delivered) {
      remove(m.id());
    }
    List<IngressId> expired = new ArrayList<>();
    for (IngressMessage m : pending.values()) {
      if (m.expiry().isBefore(now)) {
        expired.add(m.id());
      }
    }
    expired.forEach(this::remove);
  }

  private void remove(IngressId id) {
    IngressMessage m = pending.remove(id);
    if (m != null) {
      pendingBytes -= m.countedBytes();
    }
  }

  /** Messages waiting. */
  synchronized int size() {
    return pending.size();
  }
}
