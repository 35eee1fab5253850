package dev.jic.state.checkpoint;

import dev.jic.state.manifest.Digest32;
import dev.jic.state.manifest.Manifest;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.unit.Height;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A committed checkpoint: its height, directory and manifest. Its files are immutable. Reading
 * them after the checkpoint was garbage-collected fails with {@link IOException} (stores opened
 * before stay readable: their files are mapped).
 *
 * @param height the height
 * @param directory {@code <root>/checkpoints/<16 hex digits>}
 * @param manifest its manifest (as stored, checked as the store's verification mode says)
 */
public record Checkpoint(Height height, Path directory, Manifest manifest) {
  /** Rejects nulls. */
  public Checkpoint {
    Objects.requireNonNull(height, "height");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(manifest, "manifest");
  }

  /** The root hash of the manifest, identifying this checkpoint's content. */
  public Digest32 rootHash() {
    return manifest.rootHash();
  }

  /** The bytes of blob entry {@code name}. */
  public byte[] readBlob(String name) throws IOException {
    return Files.readAllBytes(directory.resolve(CheckpointContent.checkName(name)));
  }

  /** True if the checkpoint has a blob entry {@code name}. */
  public boolean hasBlob(String name) {
    return Files.isRegularFile(directory.resolve(CheckpointContent.checkName(name)));
  }

  /**
   * Opens page map {@code name} lazily (memory-mapped; the caller closes the store).
   *
   * @throws IOException if its files are missing or unreadable
   * @throws DecodeException if an overlay file is malformed
   */
  public LayeredPageStore openPageMap(String name) throws IOException, DecodeException {
    return PageMapFiles.open(directory, CheckpointContent.checkName(name));
  }
}
