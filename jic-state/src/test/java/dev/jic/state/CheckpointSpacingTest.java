package dev.jic.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.interfaces.consensus.Batch;
import dev.jic.interfaces.consensus.StateHash;
import dev.jic.interfaces.consensus.Time;
import dev.jic.state.crash.FaultyFs;
import dev.jic.types.unit.Height;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The minimum batch-time spacing between checkpoints ({@link
 * StateManagerConfig#minCheckpointSpacingNanos}): which heights are checkpointed, and that a node
 * restarted at awkward heights (right before, at and after checkpoints, and from an older
 * checkpoint than its newest) writes exactly the checkpoints, with the same manifests, as one that
 * never stopped.
 */
class CheckpointSpacingTest {
  static final long SECOND = 1_000_000_000L;
  static final long INTERVAL = 3;
  static final long SPACING = 5 * SECOND;
  static final long SEED = 21;
  static final long LAST = 80;

  @TempDir Path dir;

  /** Batch times with irregular gaps of 0.1 to 2.6 s (a function of the height alone). */
  static long time(long h) {
    long t = 1_700_000_000L * SECOND;
    for (long i = 1; i <= h; i++) {
      long mix = (i * 0x9E3779B97F4A7C15L) >>> 40;
      t += SECOND / 10 + (mix % 26) * SECOND / 10;
    }
    return t;
  }

  static Batch batch(long h) {
    Batch b = FakeExecutor.batch(SEED, h);
    return new Batch(b.height(), new Time(time(h)), b.randomness(), b.blockHash(), b.ingress());
  }

  static StateManagerConfig config(Path root) {
    return StateManagerConfig.of(root, new TreeMap<>()).withCheckpointInterval(INTERVAL)
        .withMinCheckpointSpacingNanos(SPACING);
  }

  /** Commits {@code b} (persisting it unless replaying); records a checkpoint written at its height. */
  static void step(StateManager m, Batch b, boolean persist, TreeMap<Long, String> written) throws Exception {
    if (persist) {
      m.persistBatch(b);
    }
    FakeExecutor.execute(m.tip(), b);
    m.commit(b.height(), m.tip());
    var cp = m.lastCheckpoint();
    if (cp.isPresent() && cp.get().height().equals(b.height())) {
      String before = written.put(b.height().value(), cp.get().rootHash().hex());
      if (before != null) {
        assertEquals(before, cp.get().rootHash().hex(), "checkpoint " + b.height().value() + " rewritten differently");
      }
    }
  }

  /** The heights the rule picks, computed independently of the state manager. */
  static List<Long> expectedHeights() {
    List<Long> out = new ArrayList<>();
    Long last = null;
    for (long h = 1; h <= LAST; h++) {
      if (h % INTERVAL == 0 && (last == null || time(h) - last >= SPACING)) {
        out.add(h);
        last = time(h);
      }
    }
    return out;
  }

  TreeMap<Long, String> uninterrupted(Path root, List<StateHash> hashes) throws Exception {
    TreeMap<Long, String> written = new TreeMap<>();
    try (StateManager m = StateManager.open(config(root), FaultyFs.noSync(), FakeExecutor::genesis)) {
      for (long h = 1; h <= LAST; h++) {
        step(m, batch(h), true, written);
        hashes.add(m.stateHashAt(Height.of(h)).orElseThrow());
      }
    }
    return written;
  }

  @Test
  void checkpointsOnlyEverySpacingOfBatchTime() throws Exception {
    TreeMap<Long, String> written = uninterrupted(dir.resolve("ref"), new ArrayList<>());
    List<Long> expected = expectedHeights();
    assertEquals(expected, List.copyOf(written.keySet()));
    // The spacing matters: it skips most multiples of the interval, but not all.
    assertTrue(expected.size() >= 5, expected.toString());
    assertTrue(expected.size() <= LAST / INTERVAL - 5, expected.toString());
    assertEquals(INTERVAL, expected.get(0), "the first multiple after genesis is always checkpointed");
    for (int i = 1; i < expected.size(); i++) {
      assertTrue(time(expected.get(i)) - time(expected.get(i - 1)) >= SPACING);
    }
  }

  @Test
  void restartsAtAwkwardHeightsWriteTheSameCheckpoints() throws Exception {
    List<StateHash> refHashes = new ArrayList<>();
    TreeMap<Long, String> reference = uninterrupted(dir.resolve("ref"), refHashes);
    List<Long> cps = List.copyOf(reference.keySet());
    // Restart right after genesis, just before, at and just after checkpoints, and at a multiple of
    // the interval that was skipped; at two of them the newest checkpoint is lost too, so the node
    // restarts from the one before (the batch log must still reach back to it).
    long skipped = 0;
    for (long h = INTERVAL; h <= LAST; h += INTERVAL) {
      if (!reference.containsKey(h) && h > cps.get(1)) {
        skipped = h;
        break;
      }
    }
    Set<Long> restarts = new java.util.TreeSet<>(List.of(1L, cps.get(0), cps.get(1) - 1, cps.get(1), cps.get(2) + 1,
        skipped, cps.get(3), cps.get(4) + 2, LAST - 1));
    Set<Long> dropNewest = Set.of(cps.get(3), cps.get(4) + 2);
    Path node = dir.resolve("node");
    TreeMap<Long, String> written = new TreeMap<>();
    long next = 1;
    int replayed = 0;
    while (next <= LAST) {
      try (StateManager m = StateManager.open(config(node), FaultyFs.noSync(), FakeExecutor::genesis)) {
        for (Batch b : m.batchesToReplay()) {
          step(m, b, false, written);
          replayed++;
        }
        assertEquals(next - 1, m.tipHeight().value());
        while (next <= LAST) {
          step(m, batch(next), true, written);
          assertEquals(refHashes.get((int) next - 1), m.stateHashAt(Height.of(next)).orElseThrow(), "height " + next);
          if (restarts.contains(next++)) {
            break;
          }
        }
      }
      if (dropNewest.contains(next - 1)) {
        Path newest;
        try (var s = Files.list(node.resolve("state/checkpoints"))) {
          newest = s.sorted().reduce((a, b) -> b).orElseThrow();
        }
        deleteTree(newest);
      }
    }
    assertEquals(reference, written);
    assertTrue(replayed > 0);
  }

  @Test
  void zeroSpacingIsTheIcRule() {
    StateManagerConfig c = StateManagerConfig.of(dir, new TreeMap<>()).withCheckpointInterval(500);
    assertEquals(0, c.minCheckpointSpacingNanos());
    assertTrue(c.checkpointDue(Height.of(1000), 0, OptionalLong.of(Long.MAX_VALUE)));
    assertFalse(c.checkpointDue(Height.of(999), Long.MAX_VALUE, OptionalLong.empty()));
  }

  @Test
  void spacingRuleEdges() {
    StateManagerConfig c = StateManagerConfig.of(dir, new TreeMap<>()).withCheckpointInterval(10)
        .withMinCheckpointSpacingNanos(SPACING);
    assertTrue(c.checkpointDue(Height.of(10), 0, OptionalLong.empty()));
    assertFalse(c.checkpointDue(Height.of(20), 100 + SPACING - 1, OptionalLong.of(100)));
    assertTrue(c.checkpointDue(Height.of(20), 100 + SPACING, OptionalLong.of(100)));
    assertFalse(c.checkpointDue(Height.of(25), Long.MAX_VALUE, OptionalLong.of(100)));
    // No overflow near the end of time: never due, rather than due at once.
    assertFalse(c.checkpointDue(Height.of(30), Long.MAX_VALUE - 1, OptionalLong.of(Long.MAX_VALUE - 2)));
    assertThrows(IllegalArgumentException.class, () -> c.withMinCheckpointSpacingNanos(-1));
  }

  static void deleteTree(Path p) throws Exception {
    try (var s = Files.walk(p)) {
      for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }
}
