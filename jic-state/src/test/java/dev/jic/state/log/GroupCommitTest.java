package dev.jic.state.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.interfaces.consensus.Batch;
import dev.jic.state.FakeExecutor;
import dev.jic.state.crash.FaultyFs;
import dev.jic.types.unit.Height;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch log's group commit: written batches become durable together, in height order and
 * prefix-closed; an fsync failure fails that batch and every later one; a power loss before an
 * fsync keeps exactly the synced batches (torn and zero tails dropped at reopen); rolling and
 * closing wait for pending fsyncs.
 */
class GroupCommitTest {
  static final long SEED = 7;
  @TempDir Path dir;

  private static Batch b(long h) {
    return FakeExecutor.batch(SEED, h);
  }

  private static void await(BooleanSupplier c) throws InterruptedException {
    for (int i = 0; i < 10_000 && !c.getAsBoolean(); i++) {
      Thread.sleep(1);
    }
    assertTrue(c.getAsBoolean(), "condition not reached");
  }

  private static List<Long> heights(BatchLog log) {
    return log.recovered().stream().map(x -> x.height().value()).toList();
  }

  @Test
  void batchesWrittenDuringAnFsyncShareTheNextOne() throws Exception {
    DiskModelFs fs = new DiskModelFs();
    fs.hold();
    try (BatchLog log = BatchLog.open(dir, fs)) {
      CompletableFuture<Height> f1 = log.write(b(1));
      await(() -> fs.syncsEntered() == 1);
      CompletableFuture<Height> f2 = log.write(b(2));
      CompletableFuture<Height> f3 = log.write(b(3));
      assertFalse(f1.isDone() || f2.isDone() || f3.isDone(), "nothing is durable while the fsync is held");
      assertEquals(-1, log.durableHeight());
      fs.release(1); // the first fsync covers batch 1 only: 2 and 3 were written after it started
      assertEquals(Height.of(1), f1.get(10, TimeUnit.SECONDS));
      await(() -> fs.syncsEntered() == 2);
      assertFalse(f2.isDone() || f3.isDone());
      fs.release(1);
      assertEquals(Height.of(2), f2.get(10, TimeUnit.SECONDS));
      assertEquals(Height.of(3), f3.get(10, TimeUnit.SECONDS));
      assertEquals(2, log.groupFsyncs(), "one fsync for batches 2 and 3");
      assertEquals(3, log.durableHeight());
      fs.open();
    }
  }

  @Test
  void futuresCompleteInHeightOrder() throws Exception {
    DiskModelFs fs = new DiskModelFs();
    List<Long> order = java.util.Collections.synchronizedList(new ArrayList<>());
    List<CompletableFuture<Height>> all = new ArrayList<>();
    try (BatchLog log = BatchLog.open(dir, fs)) {
      for (long h = 1; h <= 200; h++) {
        CompletableFuture<Height> f = log.write(b(h));
        f.thenAccept(x -> order.add(x.value()));
        all.add(f);
      }
    } // close drains
    for (CompletableFuture<Height> f : all) {
      assertTrue(f.isDone() && !f.isCompletedExceptionally());
    }
    List<Long> expected = new ArrayList<>();
    for (long h = 1; h <= 200; h++) {
      expected.add(h);
    }
    assertEquals(expected, order);
    try (BatchLog log = BatchLog.open(dir, new DiskModelFs())) {
      assertEquals(expected, heights(log));
    }
  }

  @Test
  void powerLossBeforeTheFsyncKeepsExactlyTheSyncedBatches() throws Exception {
    byte[] zeros = new byte[4096];
    byte[] torn = Arrays.copyOf(BatchCodec.encode(b(3)), 40);
    byte[][] tails = {new byte[0], zeros, torn};
    for (int i = 0; i < tails.length; i++) {
      Path d = dir.resolve("run" + i);
      DiskModelFs fs = new DiskModelFs();
      BatchLog log = BatchLog.open(d, fs);
      log.append(b(1));
      log.append(b(2));
      fs.hold();
      CompletableFuture<Height> f3 = log.write(b(3));
      CompletableFuture<Height> f4 = log.write(b(4));
      await(() -> fs.syncsEntered() >= 3);
      fs.crash(tails[i]); // the process dies with the fsync of 3 (and 4) pending
      assertThrows(ExecutionException.class, () -> f3.get(10, TimeUnit.SECONDS), "never durable");
      assertThrows(ExecutionException.class, () -> f4.get(10, TimeUnit.SECONDS), "never durable");
      long size;
      try (BatchLog again = BatchLog.open(d, new DiskModelFs())) {
        assertEquals(List.of(1L, 2L), heights(again), "tail " + i);
        size = Files.size(d.resolve("0000000000000001.log"));
        again.append(b(3));
      }
      try (BatchLog again = BatchLog.open(d, new DiskModelFs())) {
        assertEquals(List.of(1L, 2L, 3L), heights(again), "tail " + i);
      }
      assertTrue(size > 0);
    }
  }

  @Test
  void zeroTailOfTheLastSegmentIsDroppedAtOpen() throws Exception {
    try (BatchLog log = BatchLog.open(dir, new DiskModelFs())) {
      for (long h = 1; h <= 3; h++) {
        log.append(b(h));
      }
    }
    Path seg = dir.resolve("0000000000000001.log");
    long size = Files.size(seg);
    Files.write(seg, new byte[8192], StandardOpenOption.APPEND);
    try (BatchLog log = BatchLog.open(dir, new DiskModelFs())) {
      assertEquals(List.of(1L, 2L, 3L), heights(log));
      assertEquals(size, Files.size(seg), "the zero tail is cut");
      log.append(b(4));
    }
    try (BatchLog log = BatchLog.open(dir, new DiskModelFs())) {
      assertEquals(List.of(1L, 2L, 3L, 4L), heights(log));
    }
  }

  @Test
  void anFsyncFailureFailsThatBatchAndEveryLaterOne() throws Exception {
    DiskModelFs fs = new DiskModelFs();
    BatchLog log = BatchLog.open(dir, fs);
    log.append(b(1));
    fs.failSyncs();
    CompletableFuture<Height> f2 = log.write(b(2));
    ExecutionException e = assertThrows(ExecutionException.class, () -> f2.get(10, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof IOException, e.toString());
    assertThrows(IOException.class, () -> log.write(b(3)), "the log accepts nothing after a failed fsync");
    assertThrows(IOException.class, () -> log.append(b(3)));
    assertEquals(1, log.durableHeight());
    assertThrows(IOException.class, log::roll);
    assertThrows(IOException.class, log::close, "close reports that written batches are not durable");
    fs.crash(new byte[0]);
    try (BatchLog again = BatchLog.open(dir, new DiskModelFs())) {
      assertEquals(List.of(1L), heights(again));
    }
  }

  @Test
  void faultyFsFailingTheFirstFsyncFailsItsFuture() throws Exception {
    // FaultyFs operations: createDirectories(1), create segment(2), fsync directory(3), write(4),
    // fsync(5): the 5th fails, and everything after it.
    BatchLog log = BatchLog.open(dir, new FaultyFs(5));
    CompletableFuture<Height> f1 = log.write(b(1));
    assertThrows(ExecutionException.class, () -> f1.get(10, TimeUnit.SECONDS));
    assertEquals(-1, log.durableHeight());
    assertThrows(IOException.class, () -> log.write(b(2)));
    assertThrows(IOException.class, log::close);
  }

  @Test
  void faultyFsTornWriteFailsTheBatchAndTheTailIsDroppedAtReopen() throws Exception {
    // createDirectories(1), create(2), fsync dir(3), write 1(4), fsync(5), write 2(6): torn.
    BatchLog log = BatchLog.open(dir, new FaultyFs(6));
    log.append(b(1));
    assertThrows(IOException.class, () -> log.write(b(2)));
    assertThrows(IOException.class, () -> log.write(b(2)));
    try (BatchLog again = BatchLog.open(dir, FaultyFs.noSync())) {
      assertEquals(List.of(1L), heights(again));
    }
  }

  @Test
  void rollWaitsForThePendingFsyncAndDropBelowNeverDeletesAPendingSegment() throws Exception {
    DiskModelFs fs = new DiskModelFs();
    try (BatchLog log = BatchLog.open(dir, fs)) {
      log.append(b(1));
      fs.hold();
      CompletableFuture<Height> f2 = log.write(b(2));
      assertEquals(0, log.dropBelow(Height.of(10)), "the current segment is never dropped");
      CompletableFuture<Void> rolled = CompletableFuture.runAsync(() -> {
        try {
          log.roll();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      await(() -> fs.syncsEntered() >= 2);
      Thread.sleep(50);
      assertFalse(rolled.isDone(), "roll returns only once the segment is durable");
      fs.open();
      rolled.get(10, TimeUnit.SECONDS);
      assertEquals(Height.of(2), f2.get(10, TimeUnit.SECONDS));
      log.append(b(3));
      assertEquals(1, log.dropBelow(Height.of(3)));
    }
    try (BatchLog again = BatchLog.open(dir, new DiskModelFs())) {
      assertEquals(List.of(3L), heights(again));
    }
  }

  @Test
  void stateManagerExecutesBeforeDurableAndAPowerLossForgetsOnlyUnsyncedBatches() throws Exception {
    dev.jic.state.StateManagerConfig config =
        dev.jic.state.StateManagerConfig.of(dir, new java.util.TreeMap<>()).withCheckpointInterval(1000);
    DiskModelFs fs = new DiskModelFs();
    dev.jic.state.StateManager m = dev.jic.state.StateManager.open(config, fs, FakeExecutor::genesis);
    for (long h = 1; h <= 2; h++) {
      m.persistBatch(b(h));
      FakeExecutor.execute(m.tip(), b(h));
      m.commit(Height.of(h), m.tip());
    }
    fs.hold();
    CompletableFuture<Height> f3 = m.persistBatchAsync(b(3));
    FakeExecutor.execute(m.tip(), b(3));
    m.commit(Height.of(3), m.tip());
    assertFalse(f3.isDone(), "executed and committed while its fsync is held");
    assertThrows(IllegalArgumentException.class, () -> m.persistBatchAsync(b(3)), "written, not durable");
    await(() -> fs.syncsEntered() >= 3);
    fs.crash(new byte[0]);
    try (dev.jic.state.StateManager again = dev.jic.state.StateManager.open(config, new DiskModelFs(),
        FakeExecutor::genesis)) {
      assertEquals(List.of(1L, 2L), again.batchesToReplay().stream().map(x -> x.height().value()).toList());
      // A replayed batch is durable: persisting it again completes at once.
      assertTrue(again.persistBatchAsync(again.batchesToReplay().get(0)).isDone());
    }
  }
}
