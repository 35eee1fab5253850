package dev.jic.state.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.state.checkpoint.Checkpoint;
import dev.jic.state.checkpoint.CheckpointStore;
import dev.jic.state.fs.CheckpointFs;
import dev.jic.types.unit.Height;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real checkpoint-writing JVM with SIGKILL at a point that varies per round (after some
 * commits plus a round-specific delay, so it usually dies inside a write), restarts it, and
 * checks after each kill that every reported commit is present, verifies, and has the root hash
 * the process reported and the fault-free run produces; finally the run completes with the
 * reference hashes.
 */
class SigkillCrashTest {
  static final int LAST = 8;
  @TempDir Path tmp;

  @Test
  void killedWriterLosesNoCommittedCheckpoint() throws Exception {
    List<String> reference = Scenario.reference(tmp.resolve("reference"), LAST, CheckpointWriterProcess.BLOB_BYTES);
    Path root = tmp.resolve("victim");
    TreeMap<Long, String> committed = new TreeMap<>();
    int kills = 0;
    for (int round = 0; round < 6 && (committed.isEmpty() || committed.lastKey() < LAST); round++) {
      Process p = start(root);
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      int seen = 0;
      String line;
      boolean killed = false;
      while ((line = out.readLine()) != null) {
        String[] parts = line.split(" ");
        committed.put(Long.parseLong(parts[1]), parts[2]);
        seen++;
        if (round < 4 && seen == 1) {
          Thread.sleep(5 + 17L * round); // test-harness timing only: vary the kill point
          p.destroyForcibly(); // SIGKILL on Linux
          killed = true;
          break;
        }
      }
      p.waitFor();
      if (killed) {
        kills++;
      }
      // Lines printed just before the kill may be lost with the pipe (destroy closes it); those
      // heights are still checked below as visible checkpoints.
      check(root, committed, reference);
    }
    assertTrue(kills >= 3, "kills " + kills);
    assertEquals(LAST, committed.lastKey());
    for (var e : committed.entrySet()) {
      assertEquals(reference.get((int) (e.getKey() - 1)), e.getValue(), "height " + e.getKey());
    }
  }

  private static Process start(Path root) throws Exception {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java, "-cp", cp, "--enable-native-access=ALL-UNNAMED",
            CheckpointWriterProcess.class.getName(), root.toString(), Integer.toString(LAST))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static void check(Path root, TreeMap<Long, String> committed, List<String> reference) throws Exception {
    try (var s = Files.list(root.resolve("tmp"))) {
      // Informational: a non-empty tmp/ means the kill landed inside a checkpoint write.
      System.out.println("restart: tmp/ leftovers " + s.map(x -> x.getFileName().toString()).toList());
    }
    CheckpointStore store = CheckpointStore.open(root, CheckpointFs.real(), 1000);
    List<Height> hs = store.heights();
    for (long h : committed.keySet()) {
      assertTrue(hs.contains(Height.of(h)), "committed " + h + " lost");
    }
    for (Height h : hs) {
      Checkpoint c = store.load(h, CheckpointStore.Verification.FULL);
      assertEquals(reference.get((int) h.value() - 1), c.rootHash().hex(), "height " + h);
    }
    try (var s = Files.list(root.resolve("tmp"))) {
      assertEquals(0, s.count());
    }
  }
}
