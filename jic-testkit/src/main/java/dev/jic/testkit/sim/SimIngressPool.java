package dev.jic.testkit.sim;

import dev.jic.interfaces.consensus.IngressId;
import dev.jic.interfaces.consensus.IngressMessage;
import dev.jic.interfaces.consensus.IngressSelector;
import dev.jic.interfaces.consensus.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;

/** A replica's ingress pool in simulation: sorted by id; delivered messages are removed. */
public final class SimIngressPool implements IngressSelector {
  private final TreeMap<IngressId, IngressMessage> messages = new TreeMap<>();

  public void add(IngressMessage m) {
    messages.put(m.id(), m);
  }

  public void remove(IngressId id) {
    messages.remove(id);
  }

  @Override
  public List<IngressMessage> select(Time blockTime, long maxTtlNanos, Predicate<IngressId> exclude, int maxCount, long maxBytes) {
    List<IngressMessage> out = new ArrayList<>();
    long bytes = 0;
    for (IngressMessage m : messages.values()) {
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
}
