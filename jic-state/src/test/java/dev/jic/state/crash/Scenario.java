package dev.jic.state.crash;

import dev.jic.pagemap.PageMap;
import dev.jic.pagemap.PageMapSnapshot;
import dev.jic.pagemap.PageStore;
import dev.jic.state.checkpoint.Checkpoint;
import dev.jic.state.checkpoint.CheckpointContent;
import dev.jic.state.checkpoint.CheckpointStore;
import dev.jic.state.checkpoint.CorruptCheckpointException;
import dev.jic.state.fs.CheckpointFs;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.unit.Height;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * A deterministic checkpointing workload: at height h, a few pages of two page maps change
 * (seeded by h) and a metadata blob is rewritten; the state at h is built on the latest
 * checkpoint's files, exactly as a restarted node rebuilds it (load the checkpoint, replay).
 */
final class Scenario {
  static final String[] MAPS = {"canister_states/00000000000000010101/vmemory_0", "canister_states/00000000000000010101/stable_memory"};

  private Scenario() {}

  /** The content at {@code h} built on {@code latest} (null: from genesis). */
  static CheckpointContent contentAt(long h, Checkpoint latest, int blobBytes)
      throws IOException, DecodeException {
    long from = latest == null ? 0 : latest.height().value();
    CheckpointContent.Builder b = CheckpointContent.builder();
    for (int m = 0; m < MAPS.length; m++) {
      PageStore base = latest == null ? PageStore.empty() : latest.openPageMap(MAPS[m]);
      PageMap pm = PageMap.fromSnapshot(PageMapSnapshot.of(base));
      for (long x = from + 1; x <= h; x++) {
        Random r = new Random(x * 31 + m);
        for (int k = 0; k < 3; k++) {
          long page = r.nextInt(64);
          byte[] p = pm.pageForWrite(page);
          r.nextBytes(p);
        }
        pm.commit();
      }
      b.pages(MAPS[m], pm.snapshot());
    }
    byte[] meta = new byte[blobBytes];
    new Random(h).nextBytes(meta);
    b.blob("system_metadata.bin", meta);
    return b.build();
  }

  /** The latest checkpoint in {@code store} (fully verified), or null. */
  static Checkpoint latest(CheckpointStore store) throws IOException, CorruptCheckpointException {
    List<Height> hs = store.heights();
    return hs.isEmpty() ? null : store.load(hs.get(hs.size() - 1), CheckpointStore.Verification.FULL);
  }

  /** Runs heights 1..n without faults; returns the root hashes by height (index h-1). */
  static List<String> reference(Path root, int n, int blobBytes) throws Exception {
    CheckpointStore store = CheckpointStore.open(root, CheckpointFs.real(), n);
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    Checkpoint prev = null;
    for (long h = 1; h <= n; h++) {
      prev = store.write(Height.of(h), contentAt(h, prev, blobBytes), prev);
      out.add(prev.rootHash().hex());
    }
    return out;
  }
}
