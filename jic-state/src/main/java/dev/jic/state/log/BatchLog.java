package dev.jic.state.log;

import dev.jic.interfaces.consensus.Batch;
import dev.jic.state.fs.CheckpointFs;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.unit.Height;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The write-ahead log of batches: every batch is written before it is executed, and nothing
 * derived from it is shown to anyone before it is durable, so a restarted node can re-execute
 * the batches since its last checkpoint. Segments {@code
 * <dir>/<first height as 16 hex digits>.log}, each a sequence of records {@code u32 LE length ·
 * u32 LE CRC-32C(payload) · payload} ({@link BatchCodec}), heights consecutive across segments.
 *
 * <p><b>Group commit.</b> {@link #write} appends a record to the current segment (the OS cache)
 * and returns a future that completes once an fsync covering it returned ({@link GroupCommit}):
 * one fsync covers every record written before it, so batches written while an fsync runs share
 * the next one. Durability is prefix-closed: a height is never durable before a lower one (a
 * segment is fully synced before the log moves to the next, and a new segment's directory entry
 * is synced before its first record). A failed write or fsync fails that future and every later
 * one, and the log accepts no more writes. {@link #append} is the synchronous form.
 *
 * <p><b>Crash safety.</b> A crash can only tear records after the last fsync of the last segment
 * (earlier segments were synced before the next was created); {@link #open} drops such a tail
 * and forces what remains (records a crashed process wrote but never synced become durable
 * before they are re-offered). Any other damage (a bad
 * record before the end, a gap between heights) is reported as an {@link IOException}, never
 * skipped silently. {@link #roll} starts a new segment at the next append; {@link #dropBelow}
 * deletes whole segments below a height (after a checkpoint made them unnecessary).
 *
 * <p>Not thread-safe: one writer (the futures complete on the log's fsync thread).
 */
public final class BatchLog implements AutoCloseable {
  private static final String SUFFIX = ".log";
  private final Path dir;
  private final CheckpointFs fs;
  private final TreeMap<Long, Path> segments = new TreeMap<>();
  private final List<Batch> recovered;
  private CheckpointFs.OutputFile current;
  private long lastHeight = -1;
  private final GroupCommit sync;

  private BatchLog(Path dir, CheckpointFs fs, List<Batch> recovered) {
    this.dir = dir;
    this.fs = fs;
    this.recovered = List.copyOf(recovered);
    this.sync = new GroupCommit(recovered.isEmpty() ? -1 : recovered.getLast().height().value());
  }

  /**
   * Opens (creating if needed) the log in {@code dir}, reads every batch and truncates a torn
   * tail. Every write, fsync and deletion goes through {@code fs}.
   *
   * @throws IOException from the file system, or if the log is damaged anywhere but at its tail
   */
  public static BatchLog open(Path dir, CheckpointFs fs) throws IOException {
    fs.createDirectories(dir);
    TreeMap<Long, Path> found = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String n = p.getFileName().toString();
        if (n.length() == 16 + SUFFIX.length() && n.endsWith(SUFFIX)) {
          String hex = n.substring(0, 16);
          if (hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            found.put(HexFormat.fromHexDigitsToLong(hex), p);
          }
        }
      }
    }
    List<Batch> batches = new ArrayList<>();
    long expected = -1;
    long lastValidEnd = 0;
    for (Map.Entry<Long, Path> seg : found.entrySet()) {
      boolean last = seg.getKey().equals(found.lastKey());
      if (expected >= 0 && seg.getKey() != expected) {
        throw new IOException("batch log gap: segment " + seg.getValue().getFileName() + " after height " + (expected - 1));
      }
      expected = seg.getKey();
      byte[] all = Files.readAllBytes(seg.getValue());
      ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
      int pos = 0;
      while (pos < all.length) {
        Batch batch = record(b, pos, all.length);
        if (batch == null || batch.height().value() != expected) {
          if (last) {
            break; // a torn tail
          }
          throw new IOException("batch log segment " + seg.getValue().getFileName() + " damaged at byte " + pos);
        }
        batches.add(batch);
        expected++;
        pos += 8 + b.getInt(pos);
      }
      lastValidEnd = pos;
    }
    BatchLog log = new BatchLog(dir, fs, batches);
    log.segments.putAll(found);
    if (!found.isEmpty()) {
      log.lastHeight = expected - 1;
      Path last = found.lastEntry().getValue();
      long size = Files.size(last);
      log.current = fs.append(last);
      if (size != lastValidEnd) {
        log.current.setLength(lastValidEnd);
      }
      if (size > 0) {
        // A crashed process may have written records it never synced: make them durable before
        // anyone re-executes them and shows the results.
        log.current.sync();
      }
    }
    return log;
  }

  private static Batch record(ByteBuffer b, int pos, int end) {
    if (end - pos < 8) {
      return null;
    }
    int len = b.getInt(pos);
    int crc = b.getInt(pos + 4);
    if (len <= 0 || len > end - pos - 8) {
      return null; // zero: the end of what was written (a zero-filled tail), never a record
    }
    CRC32C c = new CRC32C();
    c.update(b.array(), pos + 8, len);
    if ((int) c.getValue() != crc) {
      return null;
    }
    try {
      return BatchCodec.decode(java.util.Arrays.copyOfRange(b.array(), pos + 8, pos + 8 + len));
    } catch (DecodeException e) {
      return null;
    }
  }

  /** Every batch found by {@link #open}, in height order (consecutive heights). */
  public List<Batch> recovered() {
    return recovered;
  }

  /** The highest height appended (or recovered), or empty if the log is empty. */
  public java.util.Optional<Height> lastHeight() {
    return lastHeight < 0 ? java.util.Optional.empty() : java.util.Optional.of(Height.of(lastHeight));
  }

  /**
   * Appends {@code b} and forces it to the disk before returning: {@link #write} and waiting for
   * its durability.
   *
   * @throws IllegalArgumentException if the log is not empty and {@code b} does not follow its
   *     last height
   * @throws IOException from the file system (the batch may or may not be durable then; the log
   *     accepts no more writes)
   */
  public void append(Batch b) throws IOException {
    awaitDurable(write(b));
  }

  /**
   * Writes {@code b} after the last record (no fsync) and returns its durability: a future that
   * completes with {@code b}'s height once an fsync covering it (and so every earlier batch)
   * returned, or exceptionally with an {@link IOException} if the write or an fsync failed (then
   * every later future fails too). Completes on the log's fsync thread, in height order.
   *
   * @throws IllegalArgumentException if the log is not empty and {@code b} does not follow its
   *     last height
   * @throws IOException if the write failed, or an earlier write or fsync did (the log accepts
   *     no more writes then)
   */
  public CompletableFuture<Height> write(Batch b) throws IOException {
    long h = b.height().value();
    if (lastHeight >= 0 && h != lastHeight + 1) {
      throw new IllegalArgumentException("batch " + h + " does not follow " + lastHeight);
    }
    IOException earlier = sync.failure();
    if (earlier != null) {
      throw new IOException("the batch log failed earlier: " + earlier.getMessage(), earlier);
    }
    byte[] payload = BatchCodec.encode(b);
    CRC32C c = new CRC32C();
    c.update(payload);
    ByteBuffer buf = ByteBuffer.allocate(8 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
    buf.putInt(payload.length).putInt((int) c.getValue()).put(payload).flip();
    try {
      if (current == null) {
        Path p = dir.resolve(HexFormat.of().toHexDigits(h) + SUFFIX);
        current = fs.create(p);
        segments.put(h, p);
        fs.fsyncDirectory(dir);
      }
      current.write(buf);
    } catch (IOException e) {
      sync.fail(e);
      throw e;
    }
    lastHeight = h;
    return sync.registered(h, current).copy();
  }

  /**
   * Waits for {@code durability} (from {@link #write}).
   *
   * @throws IOException if the batch could not be made durable
   */
  public static void awaitDurable(CompletableFuture<Height> durability) throws IOException {
    try {
      durability.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while waiting for the batch log fsync");
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof IOException io ? new IOException(io.getMessage(), io)
          : new IOException("batch log fsync failed: " + cause, cause);
    }
  }

  /** The highest height known durable ({@code -1} if none), for tests and metrics. */
  public long durableHeight() {
    return sync.durable();
  }

  /** The number of fsyncs the group commit ran (several batches share one), for tests and metrics. */
  public long groupFsyncs() {
    return sync.fsyncs();
  }

  /**
   * Ends the current segment after every record written to it is durable (waits for the pending
   * fsync, so no batch is ever both not durable and outside the current segment): the next write
   * starts a new one.
   *
   * @throws IOException if a write or fsync failed (the segment stays current then)
   */
  public void roll() throws IOException {
    if (current != null) {
      sync.awaitAllDurable();
      current.close();
      current = null;
    }
  }

  /**
   * Deletes every closed segment whose batches all lie below {@code h} (and are durable: a
   * segment whose fsync is pending is never deleted).
   *
   * @return the number of segments deleted
   */
  public int dropBelow(Height h) throws IOException {
    int n = 0;
    List<Long> firsts = new ArrayList<>(segments.keySet());
    for (int i = 0; i < firsts.size(); i++) {
      boolean isLast = i == firsts.size() - 1;
      long lastInSegment = isLast ? lastHeight : firsts.get(i + 1) - 1;
      if ((isLast && current != null) || lastInSegment >= h.value() || lastInSegment > sync.durable()) {
        // The current segment, one still needed, or (never, as roll syncs) one whose fsync is pending.
        break;
      }
      fs.deleteRecursively(segments.remove(firsts.get(i)));
      n++;
    }
    if (n > 0) {
      fs.fsyncDirectory(dir);
    }
    return n;
  }

  /**
   * Makes every written batch durable (drains the group commit), stops the fsync thread and closes
   * the current segment.
   *
   * @throws IOException if a write or fsync failed (some written batches are not durable)
   */
  @Override
  public void close() throws IOException {
    try {
      sync.close();
    } finally {
      if (current != null) {
        current.close();
        current = null;
      }
    }
  }
}
