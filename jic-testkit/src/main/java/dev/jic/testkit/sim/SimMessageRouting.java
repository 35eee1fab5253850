package dev.jic.testkit.sim;

import dev.jic.interfaces.consensus.Batch;
import dev.jic.interfaces.consensus.IngressMessage;
import dev.jic.interfaces.consensus.MessageRouting;
import dev.jic.interfaces.consensus.StateCertificate;
import dev.jic.interfaces.consensus.StateCertification;
import dev.jic.interfaces.consensus.StateHash;
import dev.jic.types.hash.Sha;
import dev.jic.types.unit.Height;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Message routing and state manager of a simulated replica. It insists on consecutive batch
 * heights and keeps a fake deterministic state: the state hash at h is SHA-256(dsep("jic-sim-state")
 * || hash(h−1) || h || block hash || ingress ids), committed as soon as batch h is delivered, so
 * honest replicas that executed the same batches have the same hashes and a replica that
 * executed anything else diverges. Certifications are checked against these hashes. It plays
 * the role of the persisted state too: it survives a simulated restart unless the replica
 * resumes from a CUP ({@link #resumeAt}, the simulator's stand-in for state sync).
 */
public final class SimMessageRouting implements MessageRouting, StateCertification {
  private Height expected = Height.of(1);
  private final List<Batch> batches = new ArrayList<>();
  private final TreeMap<Long, StateHash> states = new TreeMap<>(Map.of(0L, StateHash.GENESIS));
  private Height certified = Height.ZERO;
  private final TreeMap<Long, StateCertificate> certificates = new TreeMap<>();
  private StateHash divergeAt; // test hook: corrupt our state from this height on

  @Override
  public Height expectedBatchHeight() {
    return expected;
  }

  @Override
  public DeliveryResult deliverBatch(Batch batch) {
    if (!batch.height().equals(expected)) {
      return DeliveryResult.WRONG_HEIGHT;
    }
    batches.add(batch);
    StateHash prev = states.get(expected.value() - 1);
    var md = Sha.sha256Digest();
    md.update(Sha.domainSeparator("jic-sim-state"));
    md.update(prev.toBytes());
    md.update(ByteBuffer.allocate(8).putLong(batch.height().value()).array());
    md.update(batch.blockHash());
    for (IngressMessage m : batch.ingress()) {
      md.update(m.id().toBytes());
    }
    if (divergeAt != null) {
      md.update(divergeAt.toBytes());
    }
    states.put(expected.value(), StateHash.of(md.digest()));
    expected = expected.increment();
    return DeliveryResult.DELIVERED;
  }

  /** Test hook: from now on this replica's state hashes differ from everyone else's. */
  public void diverge() {
    divergeAt = StateHash.of(Sha.sha256("diverge".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
  }

  /** Adopts the state at {@code h} with {@code hash} (state sync from a CUP): expects batch h+1 next. */
  public void resumeAt(Height h, StateHash hash) {
    states.clear();
    states.put(h.value(), hash);
    expected = h.increment();
    certified = h;
  }

  /** State sync in simulation is instantaneous: the hash is certified by a CUP every honest peer signed. */
  @Override
  public void fetchState(Height h, StateHash hash) {
    if (!h.isBefore(expected)) {
      resumeAt(h, hash);
    }
  }

  @Override
  public List<StateToCertify> statesToCertify() {
    List<StateToCertify> out = new ArrayList<>();
    for (var e : states.tailMap(certified.value(), false).entrySet()) {
      out.add(new StateToCertify(new Height(e.getKey()), e.getValue()));
    }
    return out;
  }

  @Override
  public Optional<StateHash> stateHashAt(Height h) {
    return Optional.ofNullable(states.get(h.value()));
  }

  @Override
  public DeliveryOutcome deliverCertification(StateCertificate c) {
    StateHash mine = states.get(c.height().value());
    if (mine == null) {
      return DeliveryOutcome.NO_STATE;
    }
    if (!mine.equals(c.hash())) {
      return DeliveryOutcome.DIVERGED;
    }
    certificates.put(c.height().value(), c);
    if (c.height().isAfter(certified)) {
      certified = c.height();
    }
    return DeliveryOutcome.CERTIFIED;
  }

  @Override
  public Height latestCertifiedHeight() {
    return certified;
  }

  public List<Batch> batches() {
    return batches;
  }

  /** Certificates received, by height. */
  public Map<Long, StateCertificate> certificates() {
    return certificates;
  }
}
