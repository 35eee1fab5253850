package dev.jic.state.checkpoint;

import dev.jic.state.fs.CheckpointFs;
import dev.jic.state.manifest.CheckpointProblem;
import dev.jic.state.manifest.Manifest;
import dev.jic.state.manifest.ManifestBuilder;
import dev.jic.state.manifest.ManifestCodec;
import dev.jic.state.manifest.ManifestVerifier;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.unit.Height;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The checkpoints under a state root: {@code <root>/checkpoints/<height as 16 hex digits>/} (each
 * with its files and {@value #MANIFEST_FILE}) and a scratch area {@code <root>/tmp/}.
 *
 * <p><b>Crash safety.</b> {@link #write} builds a checkpoint in {@code tmp/}, fsyncs every file and
 * directory, then publishes it with one atomic rename and fsyncs {@code checkpoints/}. A checkpoint
 * directory is therefore either absent or complete; once {@code write} returns, it survives a crash.
 * {@link #open} deletes whatever a crash left in {@code tmp/}. Unchanged page-map layers of the
 * previous checkpoint are hard-linked, not rewritten.
 *
 * <p>Not thread-safe: one writer (the state manager) at a time.
 */
public final class CheckpointStore {
  /** The stored manifest inside each checkpoint directory (not covered by the manifest). */
  public static final String MANIFEST_FILE = "manifest.bin";
  private static final Set<String> EXCLUDED = Set.of(MANIFEST_FILE);

  /** How much {@link #load} checks. */
  public enum Verification {
    /** Decode the manifest and check the file set and sizes: touches no page data (fast restart). */
    MANIFEST_AND_SIZES,
    /** Additionally re-hash every chunk of every file (reads everything). */
    FULL
  }

  private final Path root;
  private final Path checkpoints;
  private final Path tmp;
  private final CheckpointFs fs;
  private final int keep;

  private CheckpointStore(Path root, CheckpointFs fs, int keep) {
    this.root = root;
    this.checkpoints = root.resolve("checkpoints");
    this.tmp = root.resolve("tmp");
    this.fs = fs;
    this.keep = keep;
  }

  /**
   * Opens (creating if needed) the store at {@code root}, discarding any half-written checkpoint
   * left in {@code tmp/} by a crash.
   *
   * @param keep how many most recent checkpoints {@link #gc()} keeps (at least 1)
   * @throws IOException from the file system
   */
  public static CheckpointStore open(Path root, CheckpointFs fs, int keep) throws IOException {
    if (keep < 1) {
      throw new IllegalArgumentException("keep at least one checkpoint, not " + keep);
    }
    CheckpointStore s = new CheckpointStore(root, fs, keep);
    fs.createDirectories(s.checkpoints);
    fs.deleteRecursively(s.tmp);
    fs.createDirectories(s.tmp);
    fs.fsyncDirectory(root);
    return s;
  }

  /** The state root. */
  public Path root() {
    return root;
  }

  /** {@code checkpoints/<16 lower-case hex digits>} for {@code h}. */
  public Path directoryOf(Height h) {
    return checkpoints.resolve(name(h));
  }

  static String name(Height h) {
    return HexFormat.of().toHexDigits(h.value());
  }

  /** The heights of all published checkpoints, ascending. */
  public List<Height> heights() throws IOException {
    List<Height> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(checkpoints)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String n = p.getFileName().toString();
        if (n.length() == 16 && n.chars().allMatch(c -> Character.digit(c, 16) >= 0)
            && n.equals(n.toLowerCase(java.util.Locale.ROOT)) && Files.isDirectory(p)) {
          long v = HexFormat.fromHexDigitsToLong(n);
          if (v >= 0) {
            out.add(Height.of(v));
          }
        }
      }
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /**
   * Writes and publishes the checkpoint at {@code height}.
   *
   * @param previous the checkpoint the content's page maps were based on, if any (its manifest
   *     entries are reused for hard-linked files instead of re-reading them)
   * @return the published checkpoint
   * @throws IOException from the file system; nothing is published then (a later {@link #open}
   *     removes the leftovers), unless the failure came after the atomic rename, in which case the
   *     checkpoint is complete
   * @throws IllegalStateException if a checkpoint at {@code height} already exists
   */
  public Checkpoint write(Height height, CheckpointContent content, Checkpoint previous)
      throws IOException {
    Path target = directoryOf(height);
    if (Files.exists(target)) {
      throw new IllegalStateException("checkpoint " + name(height) + " already exists");
    }
    Path scratch = tmp.resolve("checkpoint_" + name(height));
    fs.deleteRecursively(scratch);
    fs.createDirectories(scratch);
    Map<String, ManifestBuilder.FileEntry> reuse = new TreeMap<>();
    Map<String, ManifestBuilder.FileEntry> previousEntries =
        previous == null ? Map.of() : ManifestBuilder.entries(previous.manifest());
    for (Map.Entry<String, CheckpointContent.Entry> e : content.entries().entrySet()) {
      switch (e.getValue()) {
        case CheckpointContent.Blob b -> writeBlob(scratch, e.getKey(), b.shared());
        case CheckpointContent.Pages p -> {
          PageMapFiles.Written w = PageMapFiles.write(fs, scratch, e.getKey(), p.snapshot());
          if (previous != null && previous.directory().equals(w.linkedFrom())) {
            for (String f : w.linked()) {
              ManifestBuilder.FileEntry known = previousEntries.get(f);
              if (known != null) {
                reuse.put(f, known);
              }
            }
          }
        }
      }
    }
    Manifest manifest = ManifestBuilder.compute(scratch, EXCLUDED, reuse);
    writeBlob(scratch, MANIFEST_FILE, ManifestCodec.encode(manifest));
    fsyncDirectories(scratch);
    fs.atomicMove(scratch, target);
    fs.fsyncDirectory(checkpoints);
    return new Checkpoint(height, target, manifest);
  }

  private void writeBlob(Path dir, String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Path parent = file.getParent();
    if (!parent.equals(dir)) {
      fs.createDirectories(parent);
    }
    try (CheckpointFs.OutputFile out = fs.create(file)) {
      out.write(bytes);
      out.sync();
    }
  }

  private void fsyncDirectories(Path dir) throws IOException {
    List<Path> dirs;
    try (Stream<Path> s = Files.walk(dir)) {
      dirs = s.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList();
    }
    for (Path d : dirs) {
      fs.fsyncDirectory(d);
    }
  }

  /**
   * Loads the checkpoint at {@code height} after checking it against its stored manifest.
   *
   * @throws CorruptCheckpointException if the manifest is unreadable or the files do not match it
   *     (every problem is listed with its file and chunk)
   * @throws NoSuchFileException if there is no checkpoint at {@code height}
   */
  public Checkpoint load(Height height, Verification mode)
      throws IOException, CorruptCheckpointException {
    Path dir = directoryOf(height);
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString());
    }
    Manifest m;
    try {
      m = ManifestCodec.decode(Files.readAllBytes(dir.resolve(MANIFEST_FILE)));
    } catch (NoSuchFileException e) {
      throw new CorruptCheckpointException(
          height, List.of(new CheckpointProblem.ManifestUnreadable("missing " + MANIFEST_FILE)));
    } catch (DecodeException e) {
      throw new CorruptCheckpointException(
          height, List.of(new CheckpointProblem.ManifestUnreadable(e.getMessage())));
    }
    List<CheckpointProblem> problems =
        switch (mode) {
          case FULL -> ManifestVerifier.verify(dir, m, EXCLUDED);
          case MANIFEST_AND_SIZES -> checkSizes(dir, m);
        };
    if (!problems.isEmpty()) {
      throw new CorruptCheckpointException(height, problems);
    }
    return new Checkpoint(height, dir, m);
  }

  private static List<CheckpointProblem> checkSizes(Path dir, Manifest m) throws IOException {
    List<CheckpointProblem> problems = new ArrayList<>();
    Set<String> present = new java.util.TreeSet<>(ManifestBuilder.listFiles(dir, EXCLUDED));
    Set<String> listed = new java.util.TreeSet<>();
    for (Manifest.FileInfo f : m.files()) {
      listed.add(f.path());
      if (!present.contains(f.path())) {
        problems.add(new CheckpointProblem.MissingFile(f.path()));
      } else if (Files.size(dir.resolve(f.path())) != f.size()) {
        problems.add(
            new CheckpointProblem.SizeMismatch(f.path(), f.size(), Files.size(dir.resolve(f.path()))));
      }
    }
    for (String p : present) {
      if (!listed.contains(p)) {
        problems.add(new CheckpointProblem.UnexpectedFile(p));
      }
    }
    return problems;
  }

  /**
   * Deletes all but the {@code keep} most recent checkpoints. Stores already opened on a deleted
   * checkpoint stay readable (their files are mapped; hard links keep shared layers alive).
   *
   * @return the heights deleted
   */
  public List<Height> gc() throws IOException {
    List<Height> hs = heights();
    List<Height> deleted = new ArrayList<>();
    for (int i = 0; i + keep < hs.size(); i++) {
      Height h = hs.get(i);
      // Unpublish atomically first, so a crash mid-delete never leaves a half checkpoint visible.
      Path doomed = tmp.resolve("gc_" + name(h));
      fs.deleteRecursively(doomed);
      fs.atomicMove(directoryOf(h), doomed);
      fs.fsyncDirectory(checkpoints);
      fs.deleteRecursively(doomed);
      deleted.add(h);
    }
    return deleted;
  }

  /**
   * Moves the checkpoint at {@code height} out of {@code checkpoints/} into {@code
   * <root>/corrupt/<16 hex digits>[.n]} (atomic), keeping it for inspection: used when it failed
   * verification, so it is never loaded again and its height can be written anew.
   *
   * @return where it went
   */
  public Path quarantine(Height height) throws IOException {
    Path corrupt = root.resolve("corrupt");
    fs.createDirectories(corrupt);
    Path target = corrupt.resolve(name(height));
    for (int n = 1; Files.exists(target); n++) {
      target = corrupt.resolve(name(height) + "." + n);
    }
    fs.atomicMove(directoryOf(height), target);
    fs.fsyncDirectory(checkpoints);
    fs.fsyncDirectory(corrupt);
    return target;
  }
}
