package dev.jic.consensus;

import dev.jic.consensus.artifact.CatchUpPackage;
import dev.jic.consensus.artifact.ConsensusMessage;
import dev.jic.consensus.crypto.KeyMaterial;
import dev.jic.consensus.pool.PoolStore;
import dev.jic.interfaces.consensus.IngressSelector;
import dev.jic.interfaces.consensus.Time;
import dev.jic.types.id.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A lock-step subnet for consensus tests (the real simulator lives in jic-testkit): every step,
 * each live replica runs once at the current time and its broadcasts reach every other live
 * replica immediately; time advances by 50 ms per step.
 */
final class MiniSubnet {
  static final Time T0 = Time.ofMillis(1_700_000_000_000L);
  final ConsensusConfig config;
  final List<NodeId> nodes;
  final KeyMaterial keys;
  final List<ConsensusReplica> replicas = new ArrayList<>();
  final List<TestState> states = new ArrayList<>();
  final boolean[] down;
  final List<List<ConsensusMessage>> sent = new ArrayList<>();
  Time now = T0;

  MiniSubnet(ConsensusConfig config, List<NodeId> nodes, KeyMaterial keys, IntFunction<PoolStore> stores) {
    this.config = config;
    this.nodes = nodes;
    this.keys = keys;
    this.down = new boolean[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      states.add(new TestState());
      sent.add(new ArrayList<>());
      replicas.add(start(i, ConsensusReplica.genesisCatchUp(config.protocolVersion(), T0), stores.apply(i)));
    }
  }

  ConsensusReplica start(int i, CatchUpPackage from, PoolStore store) {
    return new ConsensusReplica(config, nodes, keys.forNode(nodes.get(i)), IngressSelector.empty(), states.get(i), states.get(i), from, store,
        now);
  }

  void step() {
    for (int i = 0; i < replicas.size(); i++) {
      if (down[i]) {
        continue;
      }
      ConsensusReplica.Step s = replicas.get(i).onStateChange(now);
      sent.get(i).addAll(s.broadcast());
      for (ConsensusMessage m : s.broadcast()) {
        for (int j = 0; j < replicas.size(); j++) {
          if (j != i && !down[j]) {
            replicas.get(j).receive(m, nodes.get(i), now);
          }
        }
      }
    }
    now = now.plusMillis(50);
  }

  /** Steps until every live replica delivered {@code height} batches, or fails after {@code maxSteps}. */
  void runUntilDelivered(long height, int maxSteps) {
    for (int k = 0; k < maxSteps; k++) {
      boolean all = true;
      for (int i = 0; i < replicas.size(); i++) {
        all &= down[i] || states.get(i).expected.value() > height;
      }
      if (all) {
        return;
      }
      step();
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < replicas.size(); i++) {
      var p = replicas.get(i).pool();
      b.append(" [node ").append(i).append(": expected ").append(states.get(i).expected).append(" finalized ").append(p.finalizedHeight())
          .append(" notarized ").append(p.notarizedHeight()).append(" beacon ").append(p.beaconHeight()).append(" certified ")
          .append(states.get(i).certified).append(" cup ").append(p.catchUpPackage().height()).append(" unvalidated ")
          .append(p.unvalidated().size()).append("]");
    }
    throw new AssertionError("subnet did not reach height " + height + " in " + maxSteps + " steps:" + b);
  }
}
