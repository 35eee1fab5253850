package dev.jic.consensus.pool;

import dev.jic.consensus.artifact.ConsensusMessage;
import dev.jic.types.unit.Height;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link PoolStore} in memory: what was synced survives the replica object (the simulator's
 * model of a disk); what was appended but not synced is lost by {@link #crash()}, as a real
 * crash loses unsynced writes.
 */
public final class MemoryPoolStore implements PoolStore {
  private final List<ConsensusMessage> durable = new ArrayList<>();
  private final List<ConsensusMessage> pending = new ArrayList<>();
  private Height purgedBelow = Height.ZERO;

  @Override
  public void append(ConsensusMessage m) {
    pending.add(m);
  }

  @Override
  public void purgeBelow(Height h) {
    sync();
    if (h.isAfter(purgedBelow)) {
      purgedBelow = h;
      durable.removeIf(m -> m.height().isBefore(h));
    }
  }

  @Override
  public void sync() {
    for (ConsensusMessage m : pending) {
      if (!m.height().isBefore(purgedBelow)) {
        durable.add(m);
      }
    }
    pending.clear();
  }

  /** Drops unsynced writes, as a process crash would. */
  public void crash() {
    pending.clear();
  }

  @Override
  public List<ConsensusMessage> load() {
    return List.copyOf(durable);
  }

  /** Number of durable artifacts. */
  public int size() {
    return durable.size();
  }

  @Override
  public void close() {}
}
