package dev.jic.testkit.sim;

import dev.jic.consensus.ConsensusReplica;
import dev.jic.consensus.artifact.ConsensusCodec;
import dev.jic.consensus.artifact.CatchUpPackage;
import dev.jic.consensus.artifact.ConsensusMessage;
import dev.jic.consensus.pool.MemoryPoolStore;
import dev.jic.consensus.roles.Finalizer;
import dev.jic.interfaces.consensus.StateCertificate;
import dev.jic.interfaces.consensus.StateHash;
import dev.jic.consensus.crypto.FakeKeyMaterial;
import dev.jic.consensus.crypto.KeyMaterial;
import dev.jic.interfaces.consensus.Batch;
import dev.jic.interfaces.consensus.IngressId;
import dev.jic.interfaces.consensus.IngressMessage;
import dev.jic.interfaces.consensus.Time;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.Sha;
import dev.jic.types.id.NodeId;
import dev.jic.types.id.SubnetId;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Deterministic simulation of one subnet (STYLE.md rule 8): n real {@link ConsensusReplica}s on
 * one thread, a virtual clock, the network as data ({@link SimConfig}), seeded randomness only,
 * Byzantine replicas ({@link Byzantine}), and invariants checked after every event. The same
 * config gives the same trace hash.
 */
public final class Simulation {
  static final long MS = 1_000_000L;
  private static final Time GENESIS = Time.ofMillis(1_700_000_000_000L);

  private sealed interface Payload {}

  private record Deliver(ConsensusMessage message, int from) implements Payload {}

  private record Wake() implements Payload {}

  private record Crash() implements Payload {}

  private record Restart() implements Payload {}

  private record Submit(IngressMessage message) implements Payload {}

  private record Event(long at, long seq, int node, Payload payload) {}

  private final SimConfig cfg;
  private final SplittableRandom rng;
  private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
  private long seq;
  private long now;
  final List<NodeId> ids = new ArrayList<>();
  final List<ConsensusReplica> replicas = new ArrayList<>();
  private final List<SimMessageRouting> routing = new ArrayList<>();
  private final List<SimIngressPool> ingress = new ArrayList<>();
  final Byzantine[] byz;
  private final boolean[] crashed;
  private final List<TreeSet<Long>> pendingWakes = new ArrayList<>();
  private final MessageDigest trace = Sha.sha256Digest();
  private final java.util.LinkedHashSet<String> violations = new java.util.LinkedHashSet<>(); // each distinct violation once
  private final Map<Long, String> finalizedHash = new HashMap<>();
  private final Map<Long, Long> firstDelivery = new HashMap<>();
  private final List<Long> finalityMs = new ArrayList<>();
  private final long[] lastFinalized;
  private final long[] heightAtHeal;
  private final List<Set<IngressId>> deliveredIngress = new ArrayList<>();
  private long events;
  private long invalidReported;
  private final KeyMaterial keys;
  private final List<MemoryPoolStore> stores = new ArrayList<>();
  private final Map<Long, String> certifiedHash = new HashMap<>();
  private final Map<Long, String> stateHash = new HashMap<>();
  private final int restartNode;
  private long recoveredAt = -1;
  private long maxUnvalidated;
  private long restartCaughtUpAt = -1;
  private long restartTarget = -1; // the height peers had reached when the replica restarted

  public Simulation(SimConfig cfg) {
    this.cfg = cfg;
    this.rng = new SplittableRandom(cfg.seed());
    int n = cfg.nodes();
    for (int i = 0; i < n; i++) {
      ids.add(NodeId.of(new byte[] {0x10, (byte) i, 0x01}));
    }
    SubnetId subnet = SubnetId.of(new byte[] {0x20, 0x01});
    this.keys = cfg.realCrypto() ? dev.jic.consensus.crypto.BlsKeyMaterial.deal(subnet, ids, cfg.seed()) : FakeKeyMaterial.deal(subnet, ids, cfg.seed());
    byz = new Byzantine[n];
    crashed = new boolean[n];
    lastFinalized = new long[n];
    heightAtHeal = new long[n];
    java.util.Arrays.fill(heightAtHeal, Long.MIN_VALUE);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      order.set(i, order.set(j, order.get(i)));
    }
    for (int i = 0; i < n; i++) {
      SimMessageRouting mr = new SimMessageRouting();
      SimIngressPool ip = new SimIngressPool();
      routing.add(mr);
      ingress.add(ip);
      pendingWakes.add(new TreeSet<>());
      deliveredIngress.add(new HashSet<>());
      stores.add(new MemoryPoolStore());
      replicas.add(newReplica(i, ConsensusReplica.genesisCatchUp(cfg.consensus().protocolVersion(), GENESIS), GENESIS));
    }
    if (cfg.behaviour() != Behaviour.NONE) {
      for (int k = 0; k < cfg.faulty(); k++) {
        int node = order.get(k);
        Behaviour b = cfg.behaviour() == Behaviour.MIXED ? Behaviour.values()[1 + k % 7] : cfg.behaviour();
        byz[node] = new Byzantine(b, replicas.get(node), rng.split());
        if (b == Behaviour.CRASH) {
          schedule(rng.nextLong(cfg.maxVirtualMs() / 4 + 1) * MS, node, new Crash());
        }
      }
    }
    restartNode = cfg.behaviour() == Behaviour.NONE ? order.get(0) : order.get(cfg.faulty());
    if (cfg.restart() != null) {
      schedule(cfg.restart().atMs() * MS, restartNode, new Crash());
      schedule((cfg.restart().atMs() + cfg.restart().downMs()) * MS, restartNode, new Restart());
    }
    now = 0;
    for (int i = 0; i < n; i++) {
      schedule(0, i, new Wake());
    }
    long ingressEvery = cfg.ingressEveryMs() * MS;
    for (long t = 0, k = 0; t < cfg.maxVirtualMs() * MS && k < 20L * cfg.heights() * Math.max(1, 150 / cfg.ingressEveryMs()); t += ingressEvery, k++) {
      byte[] idb = Sha.sha256(ByteBuffer.allocate(16).putLong(cfg.seed()).putLong(k).array());
      IngressMessage m = new IngressMessage(IngressId.of(idb), time(t).plusMillis(120_000), new byte[8 + (int) (k % 32)]);
      for (int i = 0; i < n; i++) {
        schedule(t + latency(), i, new Submit(m));
      }
    }
  }

  private ConsensusReplica newReplica(int i, CatchUpPackage from, Time t) {
    return new ConsensusReplica(cfg.consensus(), ids, keys.forNode(ids.get(i)), ingress.get(i), routing.get(i), routing.get(i), from,
        stores.get(i), t, cfg.brokenFinalizer() ? BrokenFinalizer::new : Finalizer::new);
  }

  /**
   * Restarts replica {@code i}: from its persisted pool and state, or (losing its disk) from the
   * highest CUP any live peer holds, verified, with its state synced to the CUP. Then every live
   * peer re-advertises its pool to it, as P2P does for a reconnecting peer.
   */
  private void restart(int i, Time t) {
    crashed[i] = false;
    stores.get(i).crash();
    CatchUpPackage from = ConsensusReplica.genesisCatchUp(cfg.consensus().protocolVersion(), GENESIS);
    if (cfg.restart().losePool()) {
      stores.set(i, new MemoryPoolStore());
      for (int j = 0; j < cfg.nodes(); j++) {
        CatchUpPackage c = replicas.get(j).pool().catchUpPackage();
        if (j != i && !crashed[j] && c.height().isAfter(from.height())) {
          if (!ConsensusReplica.verifyCatchUp(keys.forNode(ids.get(i)), c)) {
            violations.add("node " + j + " holds a CUP with an invalid signature");
            continue;
          }
          from = c;
        }
      }
      if (from.height().value() > 0) {
        routing.get(i).resumeAt(from.height(), StateHash.of(from.stateHash().toBytes()));
      }
      // The disk held the state too: the replica's history restarts at the CUP (per-replica
      // monotonicity and duplicate checks start over; cross-replica agreement checks do not).
      lastFinalized[i] = from.height().value();
      deliveredIngress.set(i, new HashSet<>());
    }
    replicas.set(i, newReplica(i, from, t));
    if (byz[i] != null) {
      byz[i] = new Byzantine(byz[i].behaviour(), replicas.get(i), rng.split());
    }
    for (int j = 0; j < cfg.nodes(); j++) {
      if (j != i && !crashed[j]) {
        for (ConsensusMessage m : replicas.get(j).advertised()) {
          send(j, i, m);
        }
      }
    }
  }

  private long slowestIngress() {
    long best = Long.MAX_VALUE;
    long d = Long.MAX_VALUE;
    for (int i = 0; i < cfg.nodes(); i++) {
      long h = routing.get(i).expectedBatchHeight().value();
      if (byz[i] == null && h < d) {
        d = h;
        best = deliveredIngress.get(i).size();
      }
    }
    return best == Long.MAX_VALUE ? 0 : best;
  }

  /** Virtual time since genesis, in nanoseconds. */
  long nowNanos() {
    return now;
  }

  private Time time(long virtualNanos) {
    return GENESIS.plusNanos(virtualNanos);
  }

  private void schedule(long at, int node, Payload p) {
    queue.add(new Event(at, seq++, node, p));
  }

  private long latency() {
    return (cfg.minLatencyMs() + rng.nextLong(cfg.maxLatencyMs() - cfg.minLatencyMs() + 1)) * MS + rng.nextLong(MS);
  }

  private boolean partitioned(int a, int b, long t) {
    if (cfg.partitionStartMs() < 0) {
      return false;
    }
    long s = cfg.partitionStartMs() * MS;
    long e = s + cfg.partitionDurationMs() * MS;
    int half = cfg.nodes() / 2;
    return t >= s && t < e && ((a < half) != (b < half));
  }

  /** Sends {@code m} from {@code from} to {@code to} over the simulated network. */
  void send(int from, int to, ConsensusMessage m) {
    if (from == to) {
      return;
    }
    if (cfg.throughWire()) {
      try {
        m = ConsensusCodec.decode(ConsensusCodec.encode(m));
      } catch (DecodeException e) {
        violations.add("codec round trip failed: " + e.getMessage());
        return;
      }
    }
    long at = now + latency();
    while (rng.nextDouble() < cfg.loss()) {
      at += 250 * MS; // lost; P2P re-sends
    }
    if (partitioned(from, to, now)) {
      at = Math.max(at, (cfg.partitionStartMs() + cfg.partitionDurationMs()) * MS + latency());
    }
    schedule(at, to, new Deliver(m, from));
    if (rng.nextDouble() < cfg.duplication()) {
      schedule(at + latency(), to, new Deliver(m, from));
    }
  }

  void broadcast(int from, ConsensusMessage m) {
    for (int to = 0; to < cfg.nodes(); to++) {
      send(from, to, m);
    }
  }

  /** Runs to completion and returns the result. */
  public SimResult run() {
    long limit = cfg.maxVirtualMs() * MS;
    while (!queue.isEmpty()) {
      Event e = queue.poll();
      if (e.at > limit) {
        break;
      }
      if (cfg.partitionStartMs() >= 0 && heightAtHeal[0] == Long.MIN_VALUE
          && e.at >= (cfg.partitionStartMs() + cfg.partitionDurationMs()) * MS) {
        for (int j = 0; j < cfg.nodes(); j++) {
          heightAtHeal[j] = routing.get(j).expectedBatchHeight().value() - 1;
        }
      }
      now = e.at;
      events++;
      process(e);
      progress();
      if (done()) {
        break;
      }
    }
    long min = Long.MAX_VALUE;
    boolean live = true;
    for (int i = 0; i < cfg.nodes(); i++) {
      if (byz[i] == null) {
        long d = routing.get(i).expectedBatchHeight().value() - 1;
        min = Math.min(min, d);
        live &= d >= cfg.heights();
      }
    }
    List<Long> fin = new ArrayList<>(finalityMs);
    long healedMs = cfg.partitionStartMs() < 0 ? -1 : cfg.partitionStartMs() + cfg.partitionDurationMs();
    long recoveryMs = healedMs < 0 || recoveredAt < 0 ? -1 : Math.max(0, recoveredAt / MS - healedMs);
    long cups = Long.MAX_VALUE;
    for (int i = 0; i < cfg.nodes(); i++) {
      if (byz[i] == null) {
        cups = Math.min(cups, replicas.get(i).pool().catchUpPackage().height().value());
      }
    }
    return new SimResult(cfg.seed(), List.copyOf(violations), !live, HexFormat.of().formatHex(trace.digest()), min, now / MS, fin, events,
        invalidReported, recoveryMs, cups, certifiedHash.size(), maxUnvalidated, restartCaughtUpAt < 0 ? -1 : restartCaughtUpAt / MS,
        slowestIngress());
  }

  private boolean done() {
    for (int i = 0; i < cfg.nodes(); i++) {
      if (byz[i] == null && routing.get(i).expectedBatchHeight().value() - 1 < cfg.heights()) {
        return false;
      }
    }
    return true;
  }

  private void process(Event e) {
    int i = e.node;
    if (crashed[i] && !(e.payload instanceof Restart)) {
      return;
    }
    Time t = time(now);
    trace.update(ByteBuffer.allocate(20).putLong(now).putInt(i).putLong(e.seq).array());
    switch (e.payload) {
      case Crash c -> {
        crashed[i] = true;
        return;
      }
      case Restart r -> restart(i, t);
      case Submit s -> {
        ingress.get(i).add(s.message());
        return;
      }
      case Wake w -> pendingWakes.get(i).remove(now);
      case Deliver d -> {
        trace.update(ConsensusCodec.id(d.message()).hash().toBytes());
        replicas.get(i).receive(d.message(), ids.get(d.from()), t);
        if (byz[i] != null) {
          for (ConsensusMessage extra : byz[i].onReceive(d.message())) {
            broadcast(i, extra);
          }
        }
      }
    }
    ConsensusReplica.Step step;
    try {
      step = replicas.get(i).onStateChange(t);
    } catch (IllegalStateException ex) {
      violations.add("node " + i + ": " + ex.getMessage());
      crashed[i] = true; // a replica that hit a consensus bug or a diverged state stops
      return;
    }
    invalidReported += byz[i] == null ? step.invalid().size() : 0;
    for (ConsensusMessage m : step.broadcast()) {
      if (byz[i] == null) {
        broadcast(i, m);
      } else {
        byz[i].send(this, i, m);
      }
    }
    if (byz[i] != null) {
      byz[i].afterStep(this, i);
    }
    step.wakeUp().ifPresent(w -> {
      long at = w.nanos() - GENESIS.nanos();
      if (at > now && pendingWakes.get(i).add(at)) {
        schedule(at, i, new Wake());
      }
    });
    if (byz[i] == null) {
      checkInvariants(i, step);
    }
  }

  private void checkInvariants(int i, ConsensusReplica.Step step) {
    List<Batch> delivered = step.delivered();
    ConsensusReplica r = replicas.get(i);
    maxUnvalidated = Math.max(maxUnvalidated, r.pool().unvalidated().size());
    for (StateCertificate c : step.certified()) {
      String prev = certifiedHash.putIfAbsent(c.height().value(), c.hash().toString());
      if (prev != null && !prev.equals(c.hash().toString())) {
        violations.add("node " + i + ": two certified state hashes at height " + c.height());
      }
      trace.update(c.hash().toBytes());
    }
    long fin = r.pool().finalizedHeight().value();
    if (fin < lastFinalized[i]) {
      violations.add("node " + i + ": finalized height went down");
    }
    lastFinalized[i] = fin;
    r.pool().finalizations(r.pool().finalizedHeight()).forEach(f -> agree(i, fin, f.content().blockHash().toHex()));
    for (Batch b : delivered) {
      long h = b.height().value();
      trace.update(b.blockHash());
      if (h > fin) {
        violations.add("node " + i + ": delivered batch " + h + " above finalized height " + fin);
      }
      agree(i, h, HexFormat.of().formatHex(b.blockHash()));
      for (IngressMessage m : b.ingress()) {
        if (!deliveredIngress.get(i).add(m.id())) {
          violations.add("node " + i + ": ingress " + m.id() + " delivered twice");
        }
        ingress.get(i).remove(m.id());
      }
      routing.get(i).stateHashAt(b.height()).ifPresent(sh -> {
        String prev = stateHash.putIfAbsent(h, sh.toString());
        if (prev != null && !prev.equals(sh.toString())) {
          violations.add("node " + i + ": state hash at height " + h + " differs from another honest node's");
        }
      });
      if (firstDelivery.putIfAbsent(h, now) == null) {
        finalityMs.add(Math.max(0, (now - (b.time().nanos() - GENESIS.nanos())) / MS));
      }
    }
  }

  /** Liveness bookkeeping: when all live honest nodes progressed after a heal, when a restarted node caught up. */
  private void progress() {
    long healed = (cfg.partitionStartMs() + cfg.partitionDurationMs()) * MS;
    if (cfg.partitionStartMs() >= 0 && recoveredAt < 0 && now >= healed) {
      boolean all = true;
      for (int j = 0; j < cfg.nodes(); j++) {
        if (byz[j] == null && !crashed[j]) {
          all &= heightAtHeal[j] >= 0 && routing.get(j).expectedBatchHeight().value() - 1 > heightAtHeal[j];
        }
      }
      if (all) {
        recoveredAt = now;
      }
    }
    if (cfg.restart() != null && restartCaughtUpAt < 0 && !crashed[restartNode]
        && now >= (cfg.restart().atMs() + cfg.restart().downMs()) * MS) {
      if (restartTarget < 0) {
        for (int j = 0; j < cfg.nodes(); j++) {
          if (byz[j] == null && j != restartNode) {
            restartTarget = Math.max(restartTarget, routing.get(j).expectedBatchHeight().value());
          }
        }
      }
      if (routing.get(restartNode).expectedBatchHeight().value() >= restartTarget) {
        restartCaughtUpAt = now - (cfg.restart().atMs() + cfg.restart().downMs()) * MS;
      }
    }
  }

  private void agree(int node, long h, String hash) {
    String prev = finalizedHash.putIfAbsent(h, hash);
    if (prev != null && !prev.equals(hash)) {
      violations.add("node " + node + ": two finalized blocks at height " + h);
    }
  }
}
