package dev.jic.replica;

import dev.jic.crypto.bls.BlsBasic;
import dev.jic.crypto.bls.BlsSignature;
import dev.jic.crypto.cert.CertificateSigner;
import dev.jic.interfaces.consensus.Batch;
import dev.jic.interfaces.consensus.IngressMessage;
import dev.jic.interfaces.consensus.MessageRouting;
import dev.jic.interfaces.consensus.Time;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.IcpSection;
import dev.jic.state.tree.CertifiedStateTree;
import dev.jic.state.tree.StateTreeHasher;
import dev.jic.state.tree.StateTreeInput;
import dev.jic.types.hash.Sha;
import dev.jic.types.id.CanisterId;
import dev.jic.types.unit.Height;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The single-node "local" orderer, standing where consensus will: every {@code interval} (or as
 * soon as ingress arrives, if idle) it takes the pool's messages, makes a {@link Batch} at the
 * expected height with a strictly increasing time from the node's clock, delivers it to message
 * routing, builds the certified state tree of the resulting state, signs its root with the
 * subnet's key ({@code ic-state-root}, 1-of-1 threshold) and publishes the certified state, waking
 * synchronous-call waiters. One thread; {@link #step()} may also be called directly (tests).
 */
final class BatchDriver implements Runnable {
  private final ExecutionCore core;
  private final IngressPool pool;
  private final CertifiedStates certified;
  private final NetworkKeys keys;
  private final MonotonicClock clock;
  private final long intervalNanos;
  private final Consumer<String> log;
  private final StateTreeAdapter adapter;
  private final StateTreeHasher hasher = new StateTreeHasher();
  private final SecureRandom random = new SecureRandom();
  private final Object wakeup = new Object();
  private volatile boolean running = true;
  private boolean woken;
  private Time lastTime = Time.EPOCH;
  private long batches;
  private long messages;

  BatchDriver(ExecutionCore core, IngressPool pool, CertifiedStates certified, NetworkKeys keys, MonotonicClock clock,
      long intervalMillis, StateTreeAdapter adapter, Consumer<String> log) {
    this.core = core;
    this.pool = pool;
    this.certified = certified;
    this.keys = keys;
    this.clock = clock;
    this.intervalNanos = intervalMillis * 1_000_000L;
    this.adapter = adapter;
    this.log = log;
  }

  /** Makes the driver cut a batch now (ingress arrived). */
  void wake() {
    synchronized (wakeup) {
      woken = true;
      wakeup.notifyAll();
    }
  }

  void stop() {
    running = false;
    wake();
  }

  /** Batches executed so far. */
  long batches() {
    return batches;
  }

  @Override
  public void run() {
    while (running) {
      try {
        step();
      } catch (RuntimeException | Error e) {
        log.accept("batch driver: batch failed: " + e);
        System.getLogger(BatchDriver.class.getName()).log(System.Logger.Level.ERROR, "batch failed", e);
        try {
          Thread.sleep(1000); // a bug: do not spin on it
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      synchronized (wakeup) {
        long deadline = System.nanoTime() + intervalNanos;
        while (running && !woken && !pool.hasPending()) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            break;
          }
          try {
            wakeup.wait(Math.max(1, left / 1_000_000L));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        woken = false;
      }
    }
  }

  /** Executes and certifies one batch. */
  void step() {
    Height height;
    StateTreeInput input;
    CertifiedStateTree tree;
    Map<CanisterId, Set<String>> privateSections = new HashMap<>();
    Set<dev.jic.types.hash.RequestId> known;
    int n;
    core.lock().lock();
    try {
      height = core.routing.expectedBatchHeight();
      Time time = clock.nextStrictlyAfter(lastTime);
      lastTime = time;
      List<IngressMessage> ingress = pool.take(time);
      n = ingress.size();
      byte[] rand = new byte[32];
      random.nextBytes(rand);
      Batch batch = new Batch(height, time, rand, blockHash(height, time, ingress), ingress);
      MessageRouting.DeliveryResult r = core.routing.deliverBatch(batch);
      if (r != MessageRouting.DeliveryResult.DELIVERED) {
        throw new IllegalStateException("message routing refused batch " + height + ": " + r);
      }
      input = adapter.input(core.state, time);
      tree = hasher.build(input);
      for (CanisterState c : core.state.canisters().values()) {
        if (c.execution() != null) {
          Set<String> priv = new HashSet<>();
          for (IcpSection s : c.execution().metadata().values()) {
            if (!s.isPublic()) {
              priv.add(s.name());
            }
          }
          if (!priv.isEmpty()) {
            privateSections.put(c.id(), priv);
          }
        }
      }
      known = new HashSet<>(core.state.ingressHistory().entries().keySet());
    } finally {
      core.lock().unlock();
    }
    BlsSignature sig = BlsBasic.sign(keys.subnetKey().secretKey(), CertificateSigner.signedMessage(tree.rootHash()));
    certified.retainOrigins(known);
    certified.publish(certified.new Certified(height, input, tree, sig, privateSections));
    batches++;
    messages += n;
  }

  /** Messages executed so far. */
  long messages() {
    return messages;
  }

  private static byte[] blockHash(Height h, Time t, List<IngressMessage> ingress) {
    ByteBuffer b = ByteBuffer.allocate(16 + 32 * ingress.size());
    b.putLong(h.value()).putLong(t.nanos());
    for (IngressMessage m : ingress) {
      b.put(m.id().toBytes());
    }
    return Sha.sha256(Sha.domainSeparator("jic-local-block"), b.array());
  }
}
