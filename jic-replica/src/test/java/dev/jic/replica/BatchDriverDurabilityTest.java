package dev.jic.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.crypto.cert.CanisterRanges;
import dev.jic.interfaces.http.CanisterIdRange;
import dev.jic.interfaces.http.SubnetInfo;
import dev.jic.interfaces.ingress.SignedIngressCall;
import dev.jic.interfaces.ingress.SubmitResult;
import dev.jic.state.StateManager;
import dev.jic.state.StateManagerConfig;
import dev.jic.state.fs.CheckpointFs;
import dev.jic.state.tree.StateTreeInput;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.NodeId;
import dev.jic.types.id.SubnetId;
import dev.jic.types.messages.Blob;
import dev.jic.wasm.engine.ChicoryEngine;
import dev.jic.wasm.engine.EngineConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch driver publishes a height only after its batch is durable: with the batch log's fsync
 * held back, batches execute but nothing is published (no certified state, no sync-call reply);
 * releasing it publishes them in order; a failed fsync halts the driver with nothing published.
 */
class BatchDriverDurabilityTest {
  @TempDir Path dir;

  /** The real file system; fsyncs of batch-log files pass a gate and can be made to fail. */
  static final class GatedFs implements CheckpointFs {
    final CheckpointFs real = CheckpointFs.real();
    final Semaphore gate = new Semaphore(Integer.MAX_VALUE / 2);
    final AtomicLong logSyncs = new AtomicLong();
    volatile boolean fail;

    void hold() {
      gate.drainPermits();
    }

    void open() {
      gate.release(Integer.MAX_VALUE / 2);
    }

    @Override
    public void createDirectories(Path d) throws IOException {
      real.createDirectories(d);
    }

    @Override
    public OutputFile create(Path file) throws IOException {
      return wrap(file, real.create(file));
    }

    @Override
    public OutputFile append(Path file) throws IOException {
      return wrap(file, real.append(file));
    }

    private OutputFile wrap(Path file, OutputFile out) {
      boolean log = file.toString().contains("batch_log");
      return new OutputFile() {
        @Override
        public void write(ByteBuffer src) throws IOException {
          out.write(src);
        }

        @Override
        public void skip(long n) throws IOException {
          out.skip(n);
        }

        @Override
        public void setLength(long length) throws IOException {
          out.setLength(length);
        }

        @Override
        public void sync() throws IOException {
          if (log) {
            gate.acquireUninterruptibly();
            if (fail) {
              throw new IOException("injected fsync failure");
            }
            logSyncs.incrementAndGet();
          }
          out.sync();
        }

        @Override
        public void close() throws IOException {
          out.close();
        }
      };
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
      real.createLink(link, existing);
    }

    @Override
    public void fsyncDirectory(Path d) throws IOException {
      real.fsyncDirectory(d);
    }

    @Override
    public void atomicMove(Path from, Path to) throws IOException {
      real.atomicMove(from, to);
    }

    @Override
    public void deleteRecursively(Path path) throws IOException {
      real.deleteRecursively(path);
    }
  }

  /** A node wired as {@link LocalReplica} does, without HTTP, over {@code fs}. */
  final class Node implements AutoCloseable {
    final NetworkKeys keys = NetworkKeys.fromSeeds(new byte[32], new byte[32]);
    final MonotonicClock clock = new MonotonicClock();
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final CertifiedStates certified;
    final ExecutionCore core;
    final IngressPool pool;
    final BatchDriver driver;
    Thread thread;

    Node(Path root, CheckpointFs fs) throws IOException {
      CanisterId first = CanisterId.fromU64(ExecutionCore.RANGE_START);
      CanisterId last = CanisterId.fromU64(ExecutionCore.RANGE_END);
      SubnetInfo subnet = new SubnetInfo(keys.subnetId(), List.of(new CanisterIdRange(first, last)), keys.subnetId(),
          Blob.of(keys.rootKeyDer()));
      certified = new CertifiedStates(subnet);
      TreeMap<SubnetId, StateTreeInput.SubnetEntry> subnets = new TreeMap<>();
      TreeMap<NodeId, byte[]> nodes = new TreeMap<>();
      nodes.put(keys.nodeKey().nodeId(), keys.nodeKey().publicKeyDer());
      subnets.put(keys.subnetId(), new StateTreeInput.SubnetEntry(keys.rootKeyDer(), "system",
          new CanisterRanges(List.of(new CanisterRanges.Range(first, last))), nodes));
      long genesis = clock.now().nanos();
      StateManager states = StateManager.open(StateManagerConfig.of(root, subnets).withCheckpointInterval(1000), fs,
          () -> ExecutionCore.genesis(keys, genesis));
      core = new ExecutionCore(keys, new ChicoryEngine(EngineConfig.defaults()), states, 1);
      BatchDriver[] holder = new BatchDriver[1];
      pool = new IngressPool(new LocalQueries(core, certified, 1), certified, clock, () -> holder[0].wake());
      driver = new BatchDriver(core, pool, certified, keys, clock, 20, log::add);
      holder[0] = driver;
      driver.recover();
    }

    void start() {
      thread = Thread.ofPlatform().daemon(true).start(driver);
    }

    long published() {
      CertifiedStates.Certified c = certified.latest();
      return c == null ? 0 : c.height().value();
    }

    long executed() {
      return core.locked(() -> core.states.tipHeight().value());
    }

    @Override
    public void close() throws Exception {
      driver.stop();
      if (thread != null) {
        thread.join(10_000);
      }
      core.locked(() -> {
        core.close();
        try {
          core.states.close();
        } catch (IOException e) {
          log.add("close: " + e.getMessage());
        }
        return null;
      });
    }
  }

  private static void await(BooleanSupplier c) throws InterruptedException {
    for (int i = 0; i < 30_000 && !c.getAsBoolean(); i++) {
      Thread.sleep(1);
    }
    assertTrue(c.getAsBoolean(), "condition not reached");
  }

  private static SignedIngressCall createCanister(int nonce) throws Exception {
    return LocalReplicaTest.call(CanisterId.MANAGEMENT, "provisional_create_canister_with_cycles",
        LocalReplicaTest.createArg(), LocalReplicaTest.inMinutes(4), nonce);
  }

  @Test
  void nothingIsPublishedWhileTheBatchLogFsyncIsHeld() throws Exception {
    GatedFs fs = new GatedFs();
    try (Node n = new Node(dir, fs)) {
      n.driver.step();
      assertEquals(1, n.published(), "step returns once its height is published");
      fs.hold();
      n.start();
      SignedIngressCall c = createCanister(1);
      assertInstanceOf(SubmitResult.Accepted.class, n.pool.submit(c));
      await(() -> n.core.locked(() -> n.core.state.canisters().size()) == 1); // executed and committed
      await(() -> n.executed() >= 1 + BatchDriver.MAX_UNPUBLISHED); // the pipeline fills up, then waits
      Thread.sleep(100);
      assertEquals(1 + BatchDriver.MAX_UNPUBLISHED, n.executed(), "at most MAX_UNPUBLISHED heights wait for the disk");
      assertEquals(1, n.published(), "no height is published before its batch is durable");
      assertFalse(n.certified.awaitCertifiedTerminalStatus(c.content().requestId(), Duration.ofMillis(200)),
          "no sync-call reply before the batch is durable");
      assertInstanceOf(SubmitResult.Accepted.class, n.pool.submit(c), "in flight: accepted again, not re-run");
      long syncsBefore = fs.logSyncs.get();
      fs.open();
      assertTrue(n.certified.awaitCertifiedTerminalStatus(c.content().requestId(), Duration.ofSeconds(30)));
      await(() -> n.published() >= 1 + BatchDriver.MAX_UNPUBLISHED);
      assertEquals(1, n.core.locked(() -> n.core.state.canisters().size()), "executed once");
      assertTrue(fs.logSyncs.get() > syncsBefore, "the held fsyncs ran");
      assertEquals(null, n.driver.halted());
    }
  }

  @Test
  void aFailedFsyncHaltsTheDriverWithNothingPublished() throws Exception {
    GatedFs fs = new GatedFs();
    Path root = dir.resolve("node");
    try (Node n = new Node(root, fs)) {
      n.driver.step();
      assertEquals(1, n.published());
      fs.fail = true;
      n.start();
      SignedIngressCall c = createCanister(2);
      assertInstanceOf(SubmitResult.Accepted.class, n.pool.submit(c));
      await(() -> n.driver.halted() != null);
      // Whichever sees the failure first: the publisher (the fsync of a published candidate failed)
      // or the driver (its next write is refused by the failed log).
      assertTrue(n.driver.halted().contains("could not be made durable")
          || n.driver.halted().contains("the batch log failed earlier"), n.driver.halted());
      // halted() becomes visible just before the halting thread logs the reason.
      await(() -> n.log.stream().anyMatch(l -> l.startsWith("batch driver halted")));
      assertEquals(1, n.published(), "nothing after the failed fsync is published");
      assertFalse(n.certified.awaitCertifiedTerminalStatus(c.content().requestId(), Duration.ofMillis(200)));
      n.thread.join(10_000);
      assertFalse(n.thread.isAlive(), "the driver thread stopped");
    }
    // A restart replays the log: height 1, plus whatever of the failed writes reached the file (the
    // OS survived here; open forces it before replaying). Nobody saw those heights, so no contradiction.
    try (Node again = new Node(root, CheckpointFs.real())) {
      assertTrue(again.executed() >= 1);
      assertEquals(again.executed(), again.published(), "the replayed (durable) tip is published");
    }
  }
}
