package dev.jic.replica;

import dev.jic.crypto.bls.BlsBasic;
import dev.jic.crypto.bls.BlsSignature;
import dev.jic.crypto.cert.CertificateSigner;
import dev.jic.interfaces.consensus.Batch;
import dev.jic.interfaces.consensus.IngressMessage;
import dev.jic.interfaces.consensus.MessageRouting;
import dev.jic.interfaces.consensus.StateCertificate;
import dev.jic.interfaces.consensus.StateCertification;
import dev.jic.interfaces.consensus.StateHash;
import dev.jic.interfaces.consensus.Time;
import dev.jic.state.CertifiedState;
import dev.jic.types.hash.Sha;
import dev.jic.types.unit.Height;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.Consumer;

/**
 * The single-node "local" orderer, standing where consensus will: every {@code interval} (or as
 * soon as ingress arrives, if idle) it takes the pool's messages, makes a {@link Batch} at the
 * expected height with a strictly increasing time from the node's clock, makes it durable in the
 * state manager's batch log, delivers it to message routing, commits the tip (the state manager
 * builds the certified tree and checkpoints every N heights), signs the root with the subnet's
 * key ({@code ic-state-root}, 1-of-1 threshold), hands the certification back to the state manager
 * and publishes the certified state, waking synchronous-call waiters. One thread; {@link #step()} may also be called directly (tests).
 */
final class BatchDriver implements Runnable {
  private final ExecutionCore core;
  private final IngressPool pool;
  private final CertifiedStates certified;
  private final NetworkKeys keys;
  private final MonotonicClock clock;
  private final long intervalNanos;
  private final Consumer<String> log;
  private final SecureRandom random = new SecureRandom();
  private final QueryState.Capture capture = new QueryState.Capture();
  private final Object wakeup = new Object();
  private volatile boolean running = true;
  private volatile String halted;
  private boolean woken;
  private Time lastTime = Time.EPOCH;
  private long batches;
  private long messages;
  private volatile long activeHeight;
  /** Origins left by the last {@link CertifiedStates#retainOrigins} walk. */
  private long originsKeptAtLastRetain;
  private static final long ORIGIN_SLACK = 4096;

  BatchDriver(ExecutionCore core, IngressPool pool, CertifiedStates certified, NetworkKeys keys, MonotonicClock clock,
      long intervalMillis, Consumer<String> log) {
    this.core = core;
    this.pool = pool;
    this.certified = certified;
    this.keys = keys;
    this.clock = clock;
    this.intervalNanos = intervalMillis * 1_000_000L;
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

  /** Why the driver stopped on an unexpected error, or null while it runs. */
  String halted() {
    return halted;
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
        // A bug (or a broken installation): the tip may be half-executed, so stop ordering. The batch
        // is in the batch log; a restart replays it from the last checkpoint.
        halted = e.toString();
        log.accept("batch driver halted at height " + core.routing.expectedBatchHeight().value() + ": " + e
            + " (restart the node; the state is rebuilt from the last checkpoint and the batch log)");
        System.getLogger(BatchDriver.class.getName()).log(System.Logger.Level.ERROR, "batch failed", e);
        return;
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

  /** Executes, commits and certifies one batch (nothing if the batch log cannot make it durable). */
  void step() {
    CertifiedState cs;
    QueryState qs;
    int n;
    core.lock().lock();
    try {
      Height height = core.routing.expectedBatchHeight();
      Time time = clock.nextStrictlyAfter(lastTime);
      List<IngressMessage> ingress = pool.take(time);
      n = ingress.size();
      byte[] rand = new byte[32];
      random.nextBytes(rand);
      Batch batch = new Batch(height, time, rand, blockHash(height, time, ingress), ingress);
      try {
        core.states.persistBatch(batch);
      } catch (IOException e) {
        log.accept("batch driver: cannot make batch " + height.value() + " durable (" + e.getMessage() + "); "
            + n + " ingress messages dropped");
        return;
      }
      lastTime = time;
      execute(batch);
      cs = core.states.latestCertified().orElseThrow();
      qs = capture.capture(core.state, cs);
    } finally {
      core.lock().unlock();
    }
    certified.publish(certified.new Certified(cs, qs));
    pool.published();
    if (certified.originCount() > originsKeptAtLastRetain * 2L + ORIGIN_SLACK) {
      // Amortised: a walk over all origins costs O(ingress history), so it runs only when their
      // number doubled since the last one. Stale origins only cost memory: they are consulted only
      // for ids still in the certified ingress history.
      CertifiedState now = cs;
      certified.retainOrigins(id -> now.ingress().containsKey(id) || pool.isPending(id));
      originsKeptAtLastRetain = certified.originCount();
    }
    batches++;
    messages += n;
    if (n > 0) {
      activeHeight = cs.height().value();
    }
  }

  /**
   * Replays the batches the state manager logged after its last checkpoint (a restart), then
   * publishes the latest certified state. Call once, before {@link #run()}.
   */
  void recover() {
    core.lock().lock();
    try {
      lastTime = new Time(core.state.metadata().batchTimeNanos());
      List<Batch> replay = core.states.batchesToReplay();
      for (Batch b : replay) {
        execute(b);
        lastTime = Time.max(lastTime, b.time());
      }
      if (!replay.isEmpty()) {
        log.accept("replayed " + replay.size() + " batches up to height " + core.routing.expectedBatchHeight().value()
            + " from the batch log");
      }
      if (core.states.tipHeight().value() > 0 && core.states.latestCertified().isEmpty()) {
        certify(core.states.tipHeight(), core.states.stateHashAt(core.states.tipHeight()).orElseThrow());
      }
      core.states.latestCertified().ifPresent(cs -> certified.publish(certified.new Certified(cs,
          capture.capture(core.state, cs))));
    } finally {
      core.lock().unlock();
    }
  }

  /** Under the lock: delivers {@code batch}, commits the tip and certifies it with the subnet key. */
  private void execute(Batch batch) {
    MessageRouting.DeliveryResult r = core.routing.deliverBatch(batch);
    if (r != MessageRouting.DeliveryResult.DELIVERED) {
      throw new IllegalStateException("message routing refused batch " + batch.height() + ": " + r);
    }
    certify(batch.height(), core.states.commit(batch.height(), core.state));
  }

  private void certify(Height height, StateHash hash) {
    BlsSignature sig = BlsBasic.sign(keys.subnetKey().secretKey(), CertificateSigner.signedMessage(hash.toBytes()));
    StateCertification.DeliveryOutcome o = core.states.deliverCertification(new StateCertificate(height, hash, sig.toBytes()));
    if (o != StateCertification.DeliveryOutcome.CERTIFIED) {
      throw new IllegalStateException("the state manager refused the certification of height " + height.value() + ": " + o);
    }
  }

  /** The height of the last batch that carried messages (0 if none yet): it moves only when something happened. */
  long activeHeight() {
    return activeHeight;
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
