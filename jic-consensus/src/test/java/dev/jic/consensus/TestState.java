package dev.jic.consensus;

import dev.jic.interfaces.consensus.Batch;
import dev.jic.interfaces.consensus.MessageRouting;
import dev.jic.interfaces.consensus.StateCertificate;
import dev.jic.interfaces.consensus.StateCertification;
import dev.jic.interfaces.consensus.StateHash;
import dev.jic.types.hash.Sha;
import dev.jic.types.unit.Height;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Message routing + state manager for consensus tests: state hash at h = SHA-256(hash(h−1) || block hash). */
class TestState implements MessageRouting, StateCertification {
  Height expected = Height.of(1);
  final List<Batch> batches = new ArrayList<>();
  final TreeMap<Long, StateHash> states = new TreeMap<>(java.util.Map.of(0L, StateHash.GENESIS));
  Height certified = Height.ZERO;
  final List<StateCertificate> certificates = new ArrayList<>();

  @Override
  public Height expectedBatchHeight() {
    return expected;
  }

  @Override
  public DeliveryResult deliverBatch(Batch b) {
    if (!b.height().equals(expected)) {
      return DeliveryResult.WRONG_HEIGHT;
    }
    batches.add(b);
    states.put(expected.value(), StateHash.of(Sha.sha256(states.get(expected.value() - 1).toBytes(), b.blockHash())));
    expected = expected.increment();
    return DeliveryResult.DELIVERED;
  }

  @Override
  public List<StateToCertify> statesToCertify() {
    List<StateToCertify> out = new ArrayList<>();
    states.tailMap(certified.value(), false).forEach((h, s) -> out.add(new StateToCertify(new Height(h), s)));
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
    certificates.add(c);
    if (c.height().isAfter(certified)) {
      certified = c.height();
    }
    return DeliveryOutcome.CERTIFIED;
  }

  @Override
  public void fetchState(Height h, StateHash hash) {
    fetched.add(h);
    if (!h.isBefore(expected)) { // instantaneous state sync
      states.clear();
      states.put(h.value(), hash);
      expected = h.increment();
      certified = h;
    }
  }

  final List<Height> fetched = new ArrayList<>();

  @Override
  public Height latestCertifiedHeight() {
    return certified;
  }
}
