package dev.jic.state.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.state.checkpoint.Checkpoint;
import dev.jic.state.checkpoint.CheckpointStore;
import dev.jic.state.fs.CheckpointFs;
import dev.jic.types.unit.Height;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fails the checkpoint writer (and garbage collection) at every k-th file-system operation of a
 * 5-height run, "restarts" on the same directory, and checks: no committed checkpoint is lost,
 * nothing half-written is visible, every visible checkpoint verifies against its manifest with the
 * root hash of the run without failures, and finishing the run reaches the same root hashes.
 */
class FaultInjectionCrashTest {
  static final int HEIGHTS = 5;
  static final int KEEP = 2;
  @TempDir Path tmp;

  @Test
  void everyFailurePointRecoversToTheReferenceHashes() throws Exception {
    List<String> reference = Scenario.reference(tmp.resolve("reference"), HEIGHTS, 3000);
    FaultyFs counting = new FaultyFs(Long.MAX_VALUE);
    run(tmp.resolve("count"), counting);
    long total = counting.operations();
    assertTrue(total > 50, "ops " + total);
    int runs = 0;
    for (long k = 1; k <= total; k += 1 + total / 60) {
      Path root = tmp.resolve("run" + k);
      FaultyFs fs = new FaultyFs(k);
      int committed = run(root, fs);
      assertTrue(fs.failed(), "failure " + k + " was injected");
      recoverAndCheck(root, committed, reference);
      runs++;
    }
    assertTrue(runs >= 40, "runs " + runs);
  }

  /** Runs heights 1..HEIGHTS with gc; returns how many writes returned before a failure. */
  private static int run(Path root, CheckpointFs fs) throws Exception {
    int committed = 0;
    try {
      CheckpointStore store = CheckpointStore.open(root, fs, KEEP);
      Checkpoint prev = null;
      for (long h = 1; h <= HEIGHTS; h++) {
        prev = store.write(Height.of(h), Scenario.contentAt(h, prev, 3000), prev);
        committed++;
        store.gc();
      }
    } catch (IOException injected) {
      // the "process" died here
    }
    return committed;
  }

  private static void recoverAndCheck(Path root, int committed, List<String> reference) throws Exception {
    if (!Files.exists(root)) {
      return; // died before creating anything
    }
    CheckpointStore store = CheckpointStore.open(root, CheckpointFs.real(), KEEP);
    try (var s = Files.list(root.resolve("tmp"))) {
      assertEquals(0, s.count(), "tmp cleaned");
    }
    List<Height> hs = store.heights();
    // The committed heights that gc had no reason to delete are all there.
    for (long h = Math.max(1, committed - KEEP + 1); h <= committed; h++) {
      assertTrue(hs.contains(Height.of(h)), "committed height " + h + " lost: " + hs);
    }
    // At most the one in-flight height beyond the committed ones is visible, and only complete.
    for (Height h : hs) {
      assertTrue(h.value() <= committed + 1, "unexpected " + h);
      Checkpoint c = store.load(h, CheckpointStore.Verification.FULL);
      assertEquals(reference.get((int) h.value() - 1), c.rootHash().hex(), "height " + h);
    }
    // Finish the run on the real file system: same hashes as without the failure.
    Checkpoint prev = Scenario.latest(store);
    List<String> finished = new ArrayList<>();
    for (long h = prev == null ? 1 : prev.height().value() + 1; h <= HEIGHTS; h++) {
      prev = store.write(Height.of(h), Scenario.contentAt(h, prev, 3000), prev);
      finished.add(prev.rootHash().hex());
      store.gc();
    }
    assertEquals(reference.subList(HEIGHTS - finished.size(), HEIGHTS), finished);
  }
}
