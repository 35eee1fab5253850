package dev.jic.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.pagemap.PageMapSnapshot;
import dev.jic.replicated.CanisterState;
import dev.jic.state.crash.FaultyFs;
import dev.jic.types.id.CanisterId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Page-map snapshots taken from the tip (as query states do) stay readable, with their content
 * unchanged, however many checkpoints are written and garbage-collected after them, including
 * snapshots of a restarted node whose page maps are served from the loaded checkpoint's files.
 */
class SnapshotLifetimeTest {
  @TempDir Path dir;

  /** A snapshot and the content of its pages when it was taken. */
  private record Taken(PageMapSnapshot snapshot, List<byte[]> pages) {}

  private static List<Taken> snapshotHeapsAndStables(StateManager m) {
    List<Taken> out = new ArrayList<>();
    for (long i = 0; i < 5; i++) {
      CanisterState cs = m.tip().canister(CanisterId.fromU64(i));
      if (cs == null || cs.execution() == null) {
        continue;
      }
      out.add(take(cs.execution().heap().snapshot()));
      out.add(take(cs.execution().stable().pageMap().snapshot()));
    }
    return out;
  }

  private static Taken take(PageMapSnapshot s) {
    List<byte[]> pages = new ArrayList<>();
    for (long p = 0; p < s.pageBound(); p++) {
      byte[] b = new byte[4096];
      s.copyPage(p, b);
      pages.add(b);
    }
    return new Taken(s, pages);
  }

  private static void assertUnchanged(List<Taken> taken) {
    assertFalse(taken.isEmpty());
    byte[] b = new byte[4096];
    for (Taken t : taken) {
      for (int p = 0; p < t.pages().size(); p++) {
        t.snapshot().copyPage(p, b);
        assertArrayEquals(t.pages().get(p), b, "page " + p);
      }
    }
  }

  @Test
  void snapshotsOfARestartedNodeOutliveManyCheckpoints() throws Exception {
    try (StateManager m = StateManager.open(StateManagerTest.config(dir, 3), FaultyFs.noSync(), FakeExecutor::genesis)) {
      StateManagerTest.run(m, 7, 1, 7);
    }
    try (StateManager m = StateManager.open(StateManagerTest.config(dir, 3), FaultyFs.noSync(), FakeExecutor::genesis)) {
      StateManagerTest.replay(m);
      // Heaps and stable memories are now served by the loaded checkpoint's files.
      List<Taken> taken = snapshotHeapsAndStables(m);
      StateManagerTest.run(m, 7, m.expectedBatchHeight().value(), 30);
      assertFalse(Files.exists(dir.resolve("state/checkpoints/0000000000000006")), "checkpoint 6 was GC'd");
      assertUnchanged(taken);
    }
  }

  @Test
  void snapshotsTakenEveryHeightOutliveTheirCheckpoints() throws Exception {
    try (StateManager m = StateManager.open(StateManagerTest.config(dir, 1), FaultyFs.noSync(), FakeExecutor::genesis)) {
      List<List<Taken>> all = new ArrayList<>();
      for (long h = 1; h <= 12; h++) {
        StateManagerTest.run(m, 3, h, h);
        all.add(snapshotHeapsAndStables(m));
      }
      assertTrue(m.lastCheckpoint().isPresent());
      for (List<Taken> t : all) {
        assertUnchanged(t);
      }
    }
  }
}
