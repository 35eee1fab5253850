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
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The write-ahead log of batches: every batch is appended and fsynced before it is executed, so a
 * restarted node can re-execute the batches since its last checkpoint. Segments {@code
 * <dir>/<first height as 16 hex digits>.log}, each a sequence of records {@code u32 LE length ·
 * u32 LE CRC-32C(payload) · payload} ({@link BatchCodec}), heights consecutive across segments.
 *
 * <p><b>Crash safety.</b> A crash can only tear the last record of the last segment (records are
 * appended and forced one at a time); {@link #open} drops such a tail. Any other damage (a bad
 * record before the end, a gap between heights) is reported as an {@link IOException}, never
 * skipped silently. {@link #roll} starts a new segment at the next append; {@link #dropBelow}
 * deletes whole segments below a height (after a checkpoint made them unnecessary).
 *
 * <p>Not thread-safe: one writer.
 */
public final class BatchLog implements AutoCloseable {
  private static final String SUFFIX = ".log";
  private final Path dir;
  private final CheckpointFs fs;
  private final TreeMap<Long, Path> segments = new TreeMap<>();
  private final List<Batch> recovered;
  private CheckpointFs.OutputFile current;
  private long lastHeight = -1;

  private BatchLog(Path dir, CheckpointFs fs, List<Batch> recovered) {
    this.dir = dir;
    this.fs = fs;
    this.recovered = List.copyOf(recovered);
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
    if (len < 0 || len > end - pos - 8) {
      return null;
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
   * Appends {@code b} and forces it to the disk before returning.
   *
   * @throws IllegalArgumentException if the log is not empty and {@code b} does not follow its
   *     last height
   * @throws IOException from the file system (the batch may or may not be durable then)
   */
  public void append(Batch b) throws IOException {
    long h = b.height().value();
    if (lastHeight >= 0 && h != lastHeight + 1) {
      throw new IllegalArgumentException("batch " + h + " does not follow " + lastHeight);
    }
    if (current == null) {
      Path p = dir.resolve(HexFormat.of().toHexDigits(h) + SUFFIX);
      current = fs.create(p);
      segments.put(h, p);
      fs.fsyncDirectory(dir);
    }
    byte[] payload = BatchCodec.encode(b);
    CRC32C c = new CRC32C();
    c.update(payload);
    ByteBuffer buf = ByteBuffer.allocate(8 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
    buf.putInt(payload.length).putInt((int) c.getValue()).put(payload).flip();
    current.write(buf);
    current.sync();
    lastHeight = h;
  }

  /** Ends the current segment: the next append starts a new one. */
  public void roll() throws IOException {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  /**
   * Deletes every closed segment whose batches all lie below {@code h}.
   *
   * @return the number of segments deleted
   */
  public int dropBelow(Height h) throws IOException {
    int n = 0;
    List<Long> firsts = new ArrayList<>(segments.keySet());
    for (int i = 0; i < firsts.size(); i++) {
      boolean isLast = i == firsts.size() - 1;
      long lastInSegment = isLast ? lastHeight : firsts.get(i + 1) - 1;
      if ((isLast && current != null) || lastInSegment >= h.value()) {
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

  /** Closes the current segment. */
  @Override
  public void close() throws IOException {
    roll();
  }
}
