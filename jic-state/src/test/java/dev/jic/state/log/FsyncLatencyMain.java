package dev.jic.state.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Not a test: measures the latency of one batch-log record write + fsync on this machine's disk,
 * for each durability variant the batch log could use. Run with
 * {@code java jic-state/src/test/java/dev/jic/state/log/FsyncLatencyMain.java [dir] [records] [bytes]}
 * (the source launcher; no build needed). Prints median / p90 / max in microseconds.
 *
 * <ul>
 *   <li>append+force(true): what the batch log does (fsync: data and metadata, the size grows);
 *   <li>append+force(false): fdatasync on a growing file (the size change still forces metadata);
 *   <li>prefilled+force(false): the segment pre-written with zeros, records overwrite it in place
 *       (no size or extent change, so fdatasync flushes data only);
 *   <li>sparse+force(false): the segment extended with a hole (setLength), records fill it (block
 *       allocation still changes metadata).
 * </ul>
 */
public final class FsyncLatencyMain {
  private FsyncLatencyMain() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int size = args.length > 2 ? Integer.parseInt(args[2]) : 16 * 1024;
    long segment = 64L << 20;
    byte[] record = new byte[size];
    Arrays.fill(record, (byte) 7);
    for (String variant : new String[] {"append+force(true)", "append+force(false)", "prefilled+force(false)",
        "sparse+force(false)"}) {
      Path f = Files.createTempFile(dir, "fsync-bench", ".log");
      try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
        if (variant.startsWith("prefilled")) {
          ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
          for (long p = 0; p < segment; p += zeros.capacity()) {
            zeros.clear();
            ch.write(zeros, p);
          }
          ch.force(true);
        } else if (variant.startsWith("sparse")) {
          ch.write(ByteBuffer.wrap(new byte[1]), segment - 1);
          ch.force(true);
        }
        boolean meta = variant.endsWith("force(true)");
        long[] micros = new long[n];
        long pos = 0;
        for (int i = 0; i < n; i++) {
          long t0 = System.nanoTime();
          ByteBuffer b = ByteBuffer.wrap(record);
          while (b.hasRemaining()) {
            pos += ch.write(b, pos);
          }
          ch.force(meta);
          micros[i] = (System.nanoTime() - t0) / 1000;
        }
        Arrays.sort(micros);
        System.out.printf("%-24s records=%d bytes=%d  median=%dus p90=%dus max=%dus%n", variant, n, size,
            micros[n / 2], micros[n * 9 / 10], micros[n - 1]);
      } finally {
        Files.deleteIfExists(f);
      }
    }
  }
}
