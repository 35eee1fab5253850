package dev.jic.state.checkpoint;

import dev.jic.pagemap.MappedFilePageStore;
import dev.jic.pagemap.PageMapSnapshot;
import dev.jic.pagemap.Pages;
import dev.jic.state.fs.CheckpointFs;
import dev.jic.types.encoding.DecodeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a {@link PageMapSnapshot} into a checkpoint directory as layer files, and opens them back
 * as a {@link LayeredPageStore}.
 *
 * <p>A page map named {@code n} (a relative path such as {@code canister_states/<id>/vmemory_0})
 * is stored as {@code n.base} (raw pages, zero pages left as holes, length = page bound × 4 KiB)
 * plus overlays {@code n.overlay.0001}, {@code n.overlay.0002}, ... ({@link OverlayFile}; a
 * higher number wins). When the snapshot's base is the store of the same page map in an earlier
 * checkpoint, its layer files are hard-linked (never rewritten) and only the snapshot's delta is
 * written as one new overlay. When there would be more than {@link #MAX_OVERLAYS} overlays, or the
 * base is anything else, the full content is written as a fresh base. The choice depends only on
 * the previous layout and the delta, so replicas with the same history write the same files.
 */
public final class PageMapFiles {
  /** Overlays kept before the layers are merged into a fresh base. */
  public static final int MAX_OVERLAYS = 4;
  private static final String BASE_SUFFIX = ".base";
  private static final String OVERLAY_INFIX = ".overlay.";

  private PageMapFiles() {}

  /**
   * The files of one page map in one checkpoint directory.
   *
   * @param directory the checkpoint directory (or temporary directory while writing)
   * @param name the page map's relative name
   * @param overlays number of overlay files ({@code n.overlay.0001 ..})
   */
  public record Layout(Path directory, String name, int overlays) {
    /** Relative path of the base file. */
    public String baseFile() {
      return name + BASE_SUFFIX;
    }

    /** Relative path of overlay {@code k} (1-based). */
    public String overlayFile(int k) {
      return name + OVERLAY_INFIX + String.format("%04d", k);
    }

    /** Relative paths of all layer files, base first. */
    public List<String> files() {
      List<String> out = new ArrayList<>();
      out.add(baseFile());
      for (int k = 1; k <= overlays; k++) {
        out.add(overlayFile(k));
      }
      return out;
    }
  }

  /**
   * What writing a page map did.
   *
   * @param layout the layout in the target directory
   * @param linked relative paths hard-linked from {@code linkedFrom} (byte-identical there)
   * @param linkedFrom the checkpoint directory the links point into (null if nothing linked)
   */
  public record Written(Layout layout, List<String> linked, Path linkedFrom) {}

  /**
   * Writes {@code snapshot} as page map {@code name} under {@code dir}: links unchanged layers of
   * the previous checkpoint and writes the delta, or writes the whole content (see class doc).
   * Files are synced; the caller syncs the directories.
   *
   * @throws IOException from the file system (the partially written files stay; the caller
   *     discards the temporary directory)
   */
  public static Written write(CheckpointFs fs, Path dir, String name, PageMapSnapshot snapshot)
      throws IOException {
    Path parent = dir.resolve(name).getParent();
    if (parent != null) {
      fs.createDirectories(parent);
    }
    if (snapshot.base() instanceof LayeredPageStore prev
        && prev.layout().name().equals(name)
        && prev.overlayCount() + (snapshot.deltaPageCount() > 0 ? 1 : 0) <= MAX_OVERLAYS
        && filesExist(prev.layout())) {
      Layout old = prev.layout();
      List<String> linked = old.files();
      for (String f : linked) {
        fs.createLink(dir.resolve(f), old.directory().resolve(f));
      }
      int overlays = old.overlays();
      if (snapshot.deltaPageCount() > 0) {
        overlays++;
        writeOverlay(fs, dir.resolve(new Layout(dir, name, overlays).overlayFile(overlays)), snapshot);
      }
      return new Written(new Layout(dir, name, overlays), linked, old.directory());
    }
    writeFull(fs, dir.resolve(name + BASE_SUFFIX), snapshot);
    return new Written(new Layout(dir, name, 0), List.of(), null);
  }

  private static boolean filesExist(Layout l) {
    for (String f : l.files()) {
      if (!Files.isRegularFile(l.directory().resolve(f))) {
        return false;
      }
    }
    return true;
  }

  private static void writeOverlay(CheckpointFs fs, Path file, PageMapSnapshot snapshot)
      throws IOException {
    long n = snapshot.deltaPageCount();
    long[] indices = new long[Math.toIntExact(n)];
    int[] k = {0};
    snapshot.forEachDeltaPage((i, p) -> indices[k[0]++] = i);
    try (CheckpointFs.OutputFile out = fs.create(file)) {
      out.write(OverlayFile.header(indices));
      IOException[] failure = {null};
      snapshot.forEachDeltaPage(
          (i, p) -> {
            if (failure[0] == null) {
              try {
                out.write(p.asByteBuffer());
              } catch (IOException e) {
                failure[0] = e;
              }
            }
          });
      if (failure[0] != null) {
        throw failure[0];
      }
      out.sync();
    }
  }

  private static void writeFull(CheckpointFs fs, Path file, PageMapSnapshot snapshot)
      throws IOException {
    long bound = snapshot.pageBound();
    long baseCount = snapshot.base().pageCount();
    // Pages below the base's end are read one by one; above it only delta pages can be non-zero.
    long[] extra = new long[Math.toIntExact(snapshot.deltaPageCount())];
    int[] n = {0};
    snapshot.forEachDeltaPage(
        (i, p) -> {
          if (i >= baseCount) {
            extra[n[0]++] = i;
          }
        });
    byte[] page = new byte[Pages.PAGE_SIZE];
    try (CheckpointFs.OutputFile out = fs.create(file)) {
      long position = 0;
      for (long k = 0; k < baseCount + n[0]; k++) {
        long i = k < baseCount ? k : extra[(int) (k - baseCount)];
        snapshot.copyPage(i, page);
        if (isZero(page)) {
          continue;
        }
        long at = i * Pages.PAGE_SIZE;
        if (at > position) {
          out.skip(at - position);
        }
        out.write(ByteBuffer.wrap(page));
        position = at + Pages.PAGE_SIZE;
      }
      out.setLength(bound * Pages.PAGE_SIZE);
      out.sync();
    }
  }

  private static final byte[] ZERO = new byte[Pages.PAGE_SIZE];

  private static boolean isZero(byte[] page) {
    return Arrays.mismatch(page, ZERO) < 0;
  }

  /**
   * Opens page map {@code name} in checkpoint directory {@code dir}: maps its base and overlays
   * (found by name, numbered consecutively from 1). Touches no page data. The mappings stay valid
   * while the returned store is reachable (see {@link LayeredPageStore}).
   *
   * @throws IOException if the base file is missing or a file cannot be mapped
   * @throws DecodeException if an overlay is malformed or the overlay numbering has a gap
   */
  public static LayeredPageStore open(Path dir, String name) throws IOException, DecodeException {
    Path base = dir.resolve(name + BASE_SUFFIX);
    int overlays = countOverlays(dir, name);
    Layout layout = new Layout(dir, name, overlays);
    MappedFilePageStore b = MappedFilePageStore.openUntilUnreachable(base);
    List<OverlayFile> opened = new ArrayList<>();
    for (int k = 1; k <= overlays; k++) {
      opened.add(OverlayFile.open(dir.resolve(layout.overlayFile(k))));
    }
    return new LayeredPageStore(layout, b, opened);
  }

  private static int countOverlays(Path dir, String name) throws IOException, DecodeException {
    Path full = dir.resolve(name);
    Path parent = full.getParent();
    String prefix = full.getFileName() + OVERLAY_INFIX;
    int max = 0;
    int count = 0;
    try (var s = Files.list(parent)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String f = p.getFileName().toString();
        if (f.startsWith(prefix)) {
          String num = f.substring(prefix.length());
          if (num.length() != 4 || !num.chars().allMatch(Character::isDigit)) {
            throw new DecodeException("unexpected overlay file name " + f);
          }
          max = Math.max(max, Integer.parseInt(num));
          count++;
        }
      }
    }
    if (max != count) {
      throw new DecodeException("overlay numbering of " + name + " has a gap");
    }
    return count;
  }
}
