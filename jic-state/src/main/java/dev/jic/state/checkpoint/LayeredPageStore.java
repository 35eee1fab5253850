package dev.jic.state.checkpoint;

import dev.jic.pagemap.MappedFilePageStore;
import dev.jic.pagemap.PageStore;
import dev.jic.pagemap.Pages;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@link PageStore} served straight from a checkpoint's page-map files: a memory-mapped base
 * file overlaid by memory-mapped overlay files (a later overlay wins). Opening maps the files and
 * reads only the overlay indices' headers; a page is loaded by the OS when first read, so a
 * restarted node touches only what it reads.
 *
 * <p>Immutable content; safe for concurrent reads. <b>Lifetime:</b> the layers are mapped in
 * automatic arenas, unmapped by the garbage collector once no one refers to this store (or its
 * {@link #content()}): a {@link dev.jic.pagemap.PageMap} or {@link dev.jic.pagemap.PageMapSnapshot}
 * built on it can be read for as long as it is held, even after its checkpoint was garbage
 * collected (on Linux an unlinked file stays readable while mapped; its disk blocks are freed at
 * unmapping). {@link #close()} therefore releases nothing and never makes reads fail.
 */
public final class LayeredPageStore implements PageStore {
  private final PageMapFiles.Layout layout;
  private final MappedFilePageStore base;
  private final List<OverlayFile> overlays;
  private final long pageCount;
  private volatile MemorySegment merged;

  LayeredPageStore(PageMapFiles.Layout layout, MappedFilePageStore base, List<OverlayFile> overlays) {
    this.layout = layout;
    this.base = base;
    this.overlays = List.copyOf(overlays);
    long pc = base.pageCount();
    for (OverlayFile o : overlays) {
      pc = Math.max(pc, o.pageBound());
    }
    this.pageCount = pc;
  }

  /** Where this store's files are (checkpoint directory, page-map name, layer files). */
  public PageMapFiles.Layout layout() {
    return layout;
  }

  /** The directory of the checkpoint these files belong to. */
  public Path directory() {
    return layout.directory();
  }

  /** Number of overlay layers above the base. */
  public int overlayCount() {
    return overlays.size();
  }

  @Override
  public long pageCount() {
    return pageCount;
  }

  @Override
  public void readPage(long pageIndex, byte[] dst) {
    if (pageIndex < 0) {
      throw new IllegalArgumentException("negative page index " + pageIndex);
    }
    if (dst.length < Pages.PAGE_SIZE) {
      throw new IllegalArgumentException("destination shorter than a page: " + dst.length);
    }
    for (int i = overlays.size() - 1; i >= 0; i--) {
      OverlayFile o = overlays.get(i);
      long pos = o.find(pageIndex);
      if (pos >= 0) {
        o.copy(pos, dst);
        return;
      }
    }
    base.readPage(pageIndex, dst);
  }

  /**
   * The content as one segment: the base mapping if there are no overlays, otherwise a merged
   * copy made on first call (costs {@code pageCount * 4 KiB} of off-heap memory; meant for bulk
   * hashing or copying only).
   */
  @Override
  public MemorySegment content() {
    if (overlays.isEmpty()) {
      return base.content();
    }
    MemorySegment m = merged;
    if (m == null) {
      synchronized (this) {
        m = merged;
        if (m == null) {
          m = Arena.ofAuto().allocate(pageCount * Pages.PAGE_SIZE, Pages.PAGE_SIZE);
          byte[] page = new byte[Pages.PAGE_SIZE];
          for (long p = 0; p < pageCount; p++) {
            readPage(p, page);
            MemorySegment.copy(MemorySegment.ofArray(page), 0, m, p * Pages.PAGE_SIZE, Pages.PAGE_SIZE);
          }
          merged = m;
        }
      }
    }
    return m.asReadOnly();
  }

  /**
   * Does nothing: the layers are unmapped when this store becomes unreachable, never while a
   * snapshot or page map may still read it.
   */
  @Override
  public void close() {}
}
