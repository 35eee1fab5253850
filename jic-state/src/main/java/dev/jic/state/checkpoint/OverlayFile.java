package dev.jic.state.checkpoint;

import dev.jic.pagemap.Pages;
import dev.jic.types.encoding.DecodeException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A page-map overlay file (format version 1, jic's own): the pages of a page map that changed since
 * the layers below it were written.
 *
 * <pre>
 *   0   magic "JICOVL01" (8 bytes)
 *   8   u64 LE n: number of pages
 *   16  n x u64 LE page indices, strictly ascending
 *   ... zero padding to the next multiple of 4096 (the header length)
 *   H   n x 4096 bytes: the pages, in index order
 * </pre>
 *
 * The page data is page-aligned so it is served straight from the memory-mapped file. An open
 * overlay reads nothing eagerly: a lookup binary-searches the mapped index.
 */
public final class OverlayFile implements AutoCloseable {
  static final byte[] MAGIC = "JICOVL01".getBytes(StandardCharsets.US_ASCII);
  private static final ValueLayout.OfLong U64 =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final MemorySegment segment;
  private final long count;
  private final long headerLength;
  private final long pageBound;

  private OverlayFile(MemorySegment segment, long count, long headerLength) {
    this.segment = segment;
    this.count = count;
    this.headerLength = headerLength;
    this.pageBound = count == 0 ? 0 : indexAt(count - 1) + 1;
  }

  /** Length of the header (index plus padding) of an overlay with {@code n} pages. */
  static long headerLength(long n) {
    long raw = 16 + 8 * n;
    return (raw + Pages.PAGE_SIZE - 1) & -(long) Pages.PAGE_SIZE;
  }

  /** The header bytes (magic, count, indices, padding) for the given ascending page indices. */
  static byte[] header(long[] indices) {
    long len = headerLength(indices.length);
    if (len > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("overlay index too large: " + indices.length);
    }
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate((int) len).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).putLong(indices.length);
    for (long i : indices) {
      b.putLong(i);
    }
    return b.array();
  }

  /**
   * Maps an overlay file and checks its header shape: magic, a count that fits the file length
   * exactly, and strictly ascending non-negative indices (checked lazily is not enough for
   * hostile files, so the index is scanned once here; the page data is not touched).
   *
   * @throws IOException if the file cannot be read or mapped
   * @throws DecodeException if the file is not a well-formed overlay
   */
  public static OverlayFile open(Path file) throws IOException, DecodeException {
    Arena arena = Arena.ofAuto(); // unmapped once unreachable: readers never see a closed overlay
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < 16) {
        throw new DecodeException("overlay " + file.getFileName() + " shorter than its header");
      }
      MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
      byte[] magic = seg.asSlice(0, 8).toArray(ValueLayout.JAVA_BYTE);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new DecodeException("overlay " + file.getFileName() + " has a bad magic");
      }
      long n = seg.get(U64, 8);
      if (n < 0 || n > (size / Pages.PAGE_SIZE)) {
        throw new DecodeException("overlay " + file.getFileName() + " has a bad page count " + n);
      }
      long header = headerLength(n);
      if (header + n * Pages.PAGE_SIZE != size) {
        throw new DecodeException(
            "overlay " + file.getFileName() + " length " + size + " does not match " + n + " pages");
      }
      long prev = -1;
      for (long i = 0; i < n; i++) {
        long idx = seg.get(U64, 16 + 8 * i);
        if (idx <= prev) {
          throw new DecodeException("overlay " + file.getFileName() + " index not ascending at " + i);
        }
        prev = idx;
      }
      return new OverlayFile(seg, n, header);
    }
  }

  private long indexAt(long i) {
    return segment.get(U64, 16 + 8 * i);
  }

  /** Number of pages in this overlay. */
  public long pageCount() {
    return count;
  }

  /** One past the highest page index held (0 if empty). */
  public long pageBound() {
    return pageBound;
  }

  /** The position of page {@code pageIndex} in this overlay, or -1 if absent. */
  long find(long pageIndex) {
    long lo = 0;
    long hi = count - 1;
    while (lo <= hi) {
      long mid = (lo + hi) >>> 1;
      long v = indexAt(mid);
      if (v < pageIndex) {
        lo = mid + 1;
      } else if (v > pageIndex) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** Copies the page at overlay position {@code pos} into {@code dst}. */
  void copy(long pos, byte[] dst) {
    MemorySegment.copy(
        segment, ValueLayout.JAVA_BYTE, headerLength + pos * Pages.PAGE_SIZE, dst, 0, Pages.PAGE_SIZE);
  }

  /**
   * Does nothing: the mapping lives in an automatic arena and is unmapped by the garbage collector
   * once this overlay is unreachable, so a store or snapshot still holding it can always read it.
   */
  @Override
  public void close() {}
}
