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
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The single-node "local" orderer, standing where consensus will: every {@code interval} (or as
 * soon as ingress arrives, if idle) it takes the pool's messages, makes a {@link Batch} at the
 * expected height with a strictly increasing time from the node's clock, writes it to the state
 * manager's batch log, delivers it to message routing, commits the tip (the state manager builds
 * the certified tree and checkpoints every N heights), signs the root with the subnet's key
 * ({@code ic-state-root}, 1-of-1 threshold) and hands the certification back to the state manager.
 *
 * <p><b>Publish after durable.</b> The batch log's fsync runs in the background (group commit):
 * the driver executes the next batches while it runs, and a {@link Publisher} thread publishes
 * each height (certified state, query state, {@link IngressPool#published()}, waking sync-call
 * waiters) only once the fsync covering its batch returned, in height order. So no client ever
 * observes a result of a batch that is not durable, and a crash + replay can never contradict
 * what a client saw. At most {@link #MAX_UNPUBLISHED} heights wait for the disk at a time. An
 * fsync failure publishes nothing more and halts the driver (a restart replays the durable log).
 *
 * <p>One driver thread; {@link #step()} may also be called directly (tests): it returns once its
 * height is published.
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
  /** Origins left by the last {@link CertifiedStates#retainOrigins} walk (publisher thread only). */
  private long originsKeptAtLastRetain;
  private static final long ORIGIN_SLACK = 4096;
  /** Heights executed but not yet published (waiting for the batch log's fsync) at most. */
  static final int MAX_UNPUBLISHED = 8;
  /**
   * Heights taken since the pool last forgot its in-flight ids: {@link IngressPool#published()}
   * forgets them all, so it is called only when every taken height is published; after this many
   * without that, the driver lets the publisher catch up (bounds the pool's in-flight set).
   */
  static final int MAX_UNCLEARED = 64;
  private final Publisher publisher = new Publisher();

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
    publisher.stop();
  }

  /** Stops ordering after an unexpected error or a failed batch log; says why once. */
  private void halt(String why) {
    boolean first;
    synchronized (this) {
      first = halted == null;
      if (first) {
        halted = why;
      }
    }
    if (first) {
      log.accept("batch driver halted at height " + core.routing.expectedBatchHeight().value() + ": " + why
          + " (restart the node; the state is rebuilt from the last checkpoint and the batch log)");
    }
    running = false;
    publisher.wakeAll();
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
        stepPipelined();
      } catch (RuntimeException | Error e) {
        // A bug (or a broken installation): the tip may be half-executed, so stop ordering. The batch
        // is in the batch log; a restart replays it from the last checkpoint.
        halt(e.toString());
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

  /**
   * Executes, commits and certifies one batch and returns once its height is published (its batch
   * durable), or once the driver halted (the batch log failed: nothing is published then).
   */
  void step() {
    long h = stepPipelined();
    if (h > 0) {
      publisher.awaitPublished(h);
    }
  }

  /**
   * Executes, commits and certifies one batch and hands its certified state to the publisher,
   * which publishes it once the batch is durable; does not wait for the disk (only for room in
   * the pipeline). Returns the height, or 0 if the driver halted (nothing executed).
   */
  private long stepPipelined() {
    if (!publisher.awaitRoom()) {
      return 0;
    }
    CertifiedState cs;
    QueryState qs;
    CompletableFuture<Height> durable;
    int n;
    core.lock().lock();
    try {
      Height height = core.routing.expectedBatchHeight();
      Time time = clock.nextStrictlyAfter(lastTime);
      List<IngressMessage> ingress = publisher.take(height, time);
      n = ingress.size();
      byte[] rand = new byte[32];
      random.nextBytes(rand);
      Batch batch = new Batch(height, time, rand, blockHash(height, time, ingress), ingress);
      try {
        durable = core.states.persistBatchAsync(batch);
      } catch (IOException e) {
        halt("cannot write batch " + height.value() + " to the batch log (" + e.getMessage() + "); " + n
            + " ingress messages dropped");
        return 0;
      }
      lastTime = time;
      execute(batch);
      cs = core.states.latestCertified().orElseThrow();
      qs = capture.capture(core.state, cs);
    } finally {
      core.lock().unlock();
    }
    publisher.publishWhenDurable(certified.new Certified(cs, qs), cs, durable);
    batches++;
    messages += n;
    if (n > 0) {
      activeHeight = cs.height().value();
    }
    return cs.height().value();
  }

  /** On the publisher thread, once {@code c}'s batch is durable: publish it (in height order). */
  private void publish(CertifiedStates.Certified c, CertifiedState now) {
    certified.publish(c);
    publisher.published(c.height().value());
    if (certified.originCount() > originsKeptAtLastRetain * 2L + ORIGIN_SLACK) {
      // Amortised: a walk over all origins costs O(ingress history), so it runs only when their
      // number doubled since the last one. Stale origins only cost memory: they are consulted only
      // for ids still in the certified ingress history.
      certified.retainOrigins(id -> now.ingress().containsKey(id) || pool.isPending(id));
      originsKeptAtLastRetain = certified.originCount();
    }
  }

  /**
   * Publishes heights in order as their batches become durable (on one thread), and keeps the
   * pipeline bounded: the driver waits for room before taking a batch.
   */
  private final class Publisher {
    private final java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor(
        r -> Thread.ofPlatform().daemon(true).name("jic-batch-publisher").unstarted(r));
    private final Object lock = new Object();
    /** The last height whose ingress was taken from the pool, and the last published one. */
    private long taken;
    private long published;
    /** The last height at which the pool forgot its in-flight ids. */
    private long cleared;

    /** After a replay: {@code h} is published and the pool holds nothing in flight. */
    void reset(long h) {
      synchronized (lock) {
        taken = h;
        published = h;
        cleared = h;
      }
    }

    /** Takes the pool's messages for height {@code h} (atomically with the catch-up check of {@link #published}). */
    List<IngressMessage> take(Height h, Time time) {
      synchronized (lock) {
        List<IngressMessage> out = pool.take(time);
        taken = h.value();
        return out;
      }
    }

    /** Waits until the pipeline has room for one more height; false if the driver halted or stopped. */
    boolean awaitRoom() {
      synchronized (lock) {
        while (halted == null && running
            && (taken - published >= MAX_UNPUBLISHED || (taken - cleared >= MAX_UNCLEARED && published < taken))) {
          waitOn();
        }
        return halted == null;
      }
    }

    /** Waits until height {@code h} is published, or the driver halted or stopped. */
    void awaitPublished(long h) {
      synchronized (lock) {
        while (halted == null && running && published < h) {
          waitOn();
        }
      }
    }

    private void waitOn() {
      try {
        lock.wait(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the batch log", e);
      }
    }

    /** Publishes {@code c} on the publisher thread once {@code durable} completes; halts if it fails. */
    void publishWhenDurable(CertifiedStates.Certified c, CertifiedState cs, CompletableFuture<Height> durable) {
      durable.whenCompleteAsync((h, err) -> {
        if (err != null) {
          halt("batch " + c.height().value() + " could not be made durable (" + err.getMessage()
              + "); it and every later height stay unpublished");
        } else if (halted == null) {
          publish(c, cs);
        }
      }, thread);
    }

    /** Height {@code h} was published: the pool forgets its in-flight ids once every taken height is. */
    void published(long h) {
      synchronized (lock) {
        published = h;
        if (published == taken) {
          pool.published();
          cleared = h;
        }
        lock.notifyAll();
      }
    }

    void wakeAll() {
      synchronized (lock) {
        lock.notifyAll();
      }
    }

    /** Runs what is queued and stops (heights not yet durable are never published). */
    void stop() {
      thread.shutdown();
      wakeAll();
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
      // Replayed batches were read from the log and forced at open: durable, so publish at once.
      core.states.latestCertified().ifPresent(cs -> certified.publish(certified.new Certified(cs,
          capture.capture(core.state, cs))));
      publisher.reset(core.states.tipHeight().value());
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
