package dev.jic.state.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.interfaces.consensus.Batch;
import dev.jic.interfaces.consensus.StateHash;
import dev.jic.state.FakeExecutor;
import dev.jic.state.StateManager;
import dev.jic.state.StateManagerConfig;
import dev.jic.state.fs.CheckpointFs;
import dev.jic.types.unit.Height;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes a node at seeded random points of normal operation (after the batch-log append, after
 * the commit, mid-checkpoint through a failing file system, with a torn log record), restarts it,
 * and checks that no committed height is lost and that every state hash and checkpoint manifest
 * equals that of a run without a crash.
 */
class StateManagerCrashTest {
  static final long SEED = 11;
  static final int N = 23;
  static final long INTERVAL = 4;

  @TempDir Path dir;

  private static StateManagerConfig config(Path root) {
    return StateManagerConfig.of(root, new TreeMap<>()).withCheckpointInterval(INTERVAL);
  }

  private record Reference(List<StateHash> hashes, TreeMap<Long, String> manifests) {}

  private static Reference reference(Path root) throws Exception {
    List<StateHash> hashes = new ArrayList<>();
    TreeMap<Long, String> manifests = new TreeMap<>();
    try (StateManager m = StateManager.open(config(root), FaultyFs.noSync(), FakeExecutor::genesis)) {
      for (long h = 1; h <= N; h++) {
        step(m, h);
        hashes.add(m.stateHashAt(Height.of(h)).orElseThrow());
        if (h % INTERVAL == 0) {
          manifests.put(h, m.lastCheckpoint().orElseThrow().rootHash().hex());
        }
      }
    }
    return new Reference(hashes, manifests);
  }

  private static void step(StateManager m, long h) throws IOException {
    Batch b = FakeExecutor.batch(SEED, h);
    m.persistBatch(b);
    FakeExecutor.execute(m.tip(), b);
    m.commit(b.height(), m.tip());
  }

  enum Stage { AFTER_PERSIST, AFTER_COMMIT, FAILING_FS, TORN_LOG }

  @Test
  void crashesAnywhereLoseNothing() throws Exception {
    Reference ref = reference(dir.resolve("reference"));
    Random r = new Random(2024);
    for (int run = 0; run < 20; run++) {
      Stage stage = Stage.values()[run % Stage.values().length];
      long crashAt = 1 + r.nextInt(N);
      Path root = dir.resolve("run" + run);
      long committed = crash(root, stage, crashAt, 1 + r.nextInt(600));
      String what = "run " + run + " " + stage + " at " + crashAt;
      try (StateManager m = StateManager.open(config(root), FaultyFs.noSync(), FakeExecutor::genesis)) {
        assertTrue(m.corruptCheckpoints().isEmpty(), what);
        for (Batch b : m.batchesToReplay()) {
          FakeExecutor.execute(m.tip(), b);
          m.commit(b.height(), m.tip());
        }
        assertTrue(m.tipHeight().value() >= committed, what + ": lost committed heights");
        for (long h = m.tipHeight().value() + 1; h <= N; h++) {
          step(m, h);
          assertEquals(ref.hashes().get((int) h - 1), m.stateHashAt(Height.of(h)).orElseThrow(), what + " h=" + h);
          if (h % INTERVAL == 0) {
            assertEquals(ref.manifests().get(h), m.lastCheckpoint().orElseThrow().rootHash().hex(), what + " h=" + h);
          }
        }
        assertEquals(ref.hashes().get(N - 1), m.stateHashAt(Height.of(N)).orElseThrow(), what);
      }
    }
  }

  /** Runs until the crash; returns the highest height committed before it. */
  private static long crash(Path root, Stage stage, long at, long failAt) throws Exception {
    CheckpointFs fs = stage == Stage.FAILING_FS ? new FaultyFs(failAt) : FaultyFs.noSync();
    StateManager m;
    try {
      m = StateManager.open(config(root), fs, FakeExecutor::genesis);
    } catch (IOException e) {
      return 0; // died while opening
    }
    long committed = 0;
    try {
      for (long h = 1; h <= N; h++) {
        Batch b = FakeExecutor.batch(SEED, h);
        m.persistBatch(b);
        if (stage == Stage.AFTER_PERSIST && h == at) {
          return committed;
        }
        if (stage == Stage.TORN_LOG && h == at) {
          tearLog(root.resolve("batch_log"), h);
          return committed;
        }
        FakeExecutor.execute(m.tip(), b);
        m.commit(b.height(), m.tip());
        committed = h;
        if (stage == Stage.AFTER_COMMIT && h == at) {
          return committed;
        }
      }
    } catch (UncheckedIOException | IOException e) {
      // The injected failure: the process "dies" here. A failing checkpoint happens inside commit,
      // after the height was committed in memory (its batch is durable in the log).
      return committed;
    }
    return committed;
  }

  /** Appends half a record to the newest segment, as a crash during the next append would. */
  private static void tearLog(Path logDir, long h) throws IOException {
    Path last;
    try (Stream<Path> s = Files.list(logDir)) {
      last = s.sorted().reduce((a, b) -> b).orElseThrow();
    }
    byte[] junk = new byte[13];
    new Random(h).nextBytes(junk);
    junk[0] = 100;
    junk[1] = 0;
    junk[2] = 0;
    junk[3] = 0;
    Files.write(last, junk, StandardOpenOption.APPEND);
  }
}
