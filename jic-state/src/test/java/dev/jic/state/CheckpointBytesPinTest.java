package dev.jic.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jic.state.crash.FaultyFs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the manifest root hashes of the checkpoints of a fixed {@link FakeExecutor} run, so any
 * change to a checkpoint encoding (system metadata, ingress history, canister blobs, page-map
 * layout) is caught. The expected values are not hand-derived: they were produced by the encoders
 * as they were at commit 025e7ac, before {@link dev.jic.state.codec.BinWriter} was optimised, and
 * must stay the same for as long as the checkpoint format is version 1.
 */
class CheckpointBytesPinTest {
  static final List<String> EXPECTED = List.of(
      "856be2ff1e0a0262f05bd72fc81ed3e9469fd72fdbe2f2a61212fdfeb146a5bb", // height 6
      "93f871dc6973b063c622f7910a6ed9e3142383bfeaabe38c20d150cc485120af", // height 12
      "2d29df8235b2a9d12f6cefedd811f7b307aa5cf1acfbea995e4051cc093ce481"); // height 18;

  @Test
  void checkpointManifestsAreUnchanged(@TempDir Path dir) throws Exception {
    List<String> roots = new ArrayList<>();
    try (StateManager m = StateManager.open(StateManagerTest.config(dir, 6), FaultyFs.noSync(), FakeExecutor::genesis)) {
      for (long h = 1; h <= 18; h++) {
        StateManagerTest.run(m, 11, h, h);
        if (h % 6 == 0) {
          roots.add(m.lastCheckpoint().orElseThrow().rootHash().hex());
        }
      }
    }
    assertEquals(EXPECTED, roots);
  }
}
