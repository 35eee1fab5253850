package dev.jic.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local node's checkpoint spacing ({@link ReplicaConfig#checkpointSpacingMillis}): its default,
 * and that it reaches the state manager (a spaced node writes only its first checkpoint within the
 * spacing, an unspaced one every interval).
 */
class LocalReplicaCheckpointTest {

  @Test
  void defaultsToTenSecondsAndCanBeChanged(@TempDir Path data) {
    ReplicaConfig c = ReplicaConfig.local(0, data);
    assertEquals(500, c.checkpointInterval());
    assertEquals(10_000, c.checkpointSpacingMillis());
    assertEquals(0, c.withCheckpointSpacingMillis(0).checkpointSpacingMillis());
    assertEquals(10_000, c.withCheckpointInterval(7).checkpointSpacingMillis());
    assertThrows(IllegalArgumentException.class, () -> c.withCheckpointSpacingMillis(-1));
  }

  @Test
  void spacingReachesTheStateManager(@TempDir Path data) throws Exception {
    // One checkpoint per height without spacing (two kept); with an hour's spacing only height 1's.
    List<Long> unspaced = runUntilHeight(ReplicaConfig.local(0, data.resolve("a")).withCheckpointInterval(1)
        .withCheckpointSpacingMillis(0), 4);
    assertEquals(2, unspaced.size(), unspaced.toString());
    assertTrue(unspaced.get(0) > 1, unspaced.toString());
    List<Long> spaced = runUntilHeight(ReplicaConfig.local(0, data.resolve("b")).withCheckpointInterval(1)
        .withCheckpointSpacingMillis(3_600_000), 4);
    assertEquals(List.of(1L), spaced);
  }

  /** Starts a node, waits until it certified {@code height} (idle heights come every 200 ms), stops it. */
  private static List<Long> runUntilHeight(ReplicaConfig config, long height) throws Exception {
    try (LocalReplica r = LocalReplica.start(config, line -> {})) {
      long h = 0;
      for (long deadline = System.nanoTime() + 30_000_000_000L; h < height && System.nanoTime() < deadline; ) {
        Thread.sleep(20);
        h = r.certified().latestCertified().map(s -> s.height().value()).orElse(0L);
      }
      assertTrue(h >= height, "height " + h);
    }
    try (var s = Files.list(config.dataDir().resolve("state/checkpoints"))) {
      return s.map(p -> Long.parseLong(p.getFileName().toString(), 16)).sorted().toList();
    }
  }
}
