package dev.jic.state.manifest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a checkpoint directory against a manifest: the same set of files, the same sizes, and
 * every chunk's hash. Reads every byte of every file.
 */
public final class ManifestVerifier {
  private ManifestVerifier() {}

  /**
   * All problems found (empty if the directory matches {@code m} exactly). Never throws for bad
   * content: unreadable files are reported as {@link CheckpointProblem.Unreadable}.
   *
   * @param excluded relative paths not covered by the manifest (e.g. the stored manifest)
   */
  public static List<CheckpointProblem> verify(Path dir, Manifest m, Set<String> excluded) {
    List<CheckpointProblem> problems = new ArrayList<>();
    Set<String> present;
    try {
      present = new TreeSet<>(ManifestBuilder.listFiles(dir, excluded));
    } catch (IOException e) {
      problems.add(new CheckpointProblem.Unreadable(".", e.toString()));
      return problems;
    }
    Set<String> listed = new TreeSet<>();
    ByteBuffer buf = ByteBuffer.allocate(Manifest.CHUNK_SIZE);
    int c = 0;
    for (int i = 0; i < m.files().size(); i++) {
      Manifest.FileInfo f = m.files().get(i);
      listed.add(f.path());
      int start = c;
      while (c < m.chunks().size() && m.chunks().get(c).fileIndex() == i) {
        c++;
      }
      List<Manifest.ChunkInfo> expected = m.chunks().subList(start, c);
      Path p = dir.resolve(f.path());
      if (!present.contains(f.path())) {
        problems.add(new CheckpointProblem.MissingFile(f.path()));
        continue;
      }
      try {
        long size = Files.size(p);
        if (size != f.size()) {
          problems.add(new CheckpointProblem.SizeMismatch(f.path(), f.size(), size));
          continue;
        }
        List<Manifest.ChunkInfo> actual = ManifestBuilder.hashFile(p, i, buf);
        for (int k = 0; k < expected.size(); k++) {
          if (k >= actual.size() || !actual.get(k).hash().equals(expected.get(k).hash())) {
            problems.add(
                new CheckpointProblem.ChunkMismatch(f.path(), k, expected.get(k).offset()));
          }
        }
      } catch (IOException e) {
        problems.add(new CheckpointProblem.Unreadable(f.path(), e.toString()));
      }
    }
    for (String p : present) {
      if (!listed.contains(p)) {
        problems.add(new CheckpointProblem.UnexpectedFile(p));
      }
    }
    return problems;
  }
}
