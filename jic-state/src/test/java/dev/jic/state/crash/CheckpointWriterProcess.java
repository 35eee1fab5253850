package dev.jic.state.crash;

import dev.jic.state.checkpoint.Checkpoint;
import dev.jic.state.checkpoint.CheckpointStore;
import dev.jic.state.fs.CheckpointFs;
import dev.jic.types.unit.Height;
import java.nio.file.Path;

/**
 * The victim of {@link SigkillCrashTest}: opens the store at {@code args[0]}, resumes from its
 * latest checkpoint and writes heights up to {@code args[1]}, printing {@code committed <h>
 * <root hash>} after each write returns. Blobs are large so a kill often lands mid-write.
 */
public final class CheckpointWriterProcess {
  static final int BLOB_BYTES = 6 << 20;

  private CheckpointWriterProcess() {}

  /** Entry point: {@code <root> <last height>}. */
  public static void main(String[] args) throws Exception {
    CheckpointStore store = CheckpointStore.open(Path.of(args[0]), CheckpointFs.real(), 1000);
    Checkpoint prev = Scenario.latest(store);
    long last = Long.parseLong(args[1]);
    for (long h = prev == null ? 1 : prev.height().value() + 1; h <= last; h++) {
      prev = store.write(Height.of(h), Scenario.contentAt(h, prev, BLOB_BYTES), prev);
      System.out.println("committed " + h + " " + prev.rootHash().hex());
      System.out.flush();
    }
  }
}
