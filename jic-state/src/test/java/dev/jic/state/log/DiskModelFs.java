package dev.jic.state.log;

import dev.jic.state.fs.CheckpointFs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link CheckpointFs} over the real one that models what a power loss keeps: it remembers, per
 * file written through it, how many bytes the last completed fsync covered, and {@link #crash}
 * cuts every such file back to that length (optionally leaving a torn tail). Fsyncs pass a gate
 * (a semaphore: tests hold them back and release them one by one) and can be made to fail. The
 * real fsync is skipped (the model decides what survives). Thread-safe.
 */
final class DiskModelFs implements CheckpointFs {
  private final CheckpointFs real = CheckpointFs.real();
  private final Map<Path, Tracked> files = new ConcurrentHashMap<>();
  private final Semaphore gate = new Semaphore(Integer.MAX_VALUE / 2);
  private final AtomicLong syncsEntered = new AtomicLong();
  private final AtomicLong syncsDone = new AtomicLong();
  private volatile boolean failSyncs;
  private volatile boolean dead;

  private static final class Tracked {
    final AtomicLong written = new AtomicLong();
    volatile long synced;
  }

  /** Holds back every later fsync until {@link #release} lets it through. */
  void hold() {
    gate.drainPermits();
  }

  /** Lets {@code n} held fsyncs through. */
  void release(int n) {
    gate.release(n);
  }

  /** Lets every fsync through from now on. */
  void open() {
    gate.release(Integer.MAX_VALUE / 2);
  }

  /** Makes every later fsync fail with an {@link IOException}. */
  void failSyncs() {
    failSyncs = true;
  }

  long syncsEntered() {
    return syncsEntered.get();
  }

  long syncsDone() {
    return syncsDone.get();
  }

  /**
   * A power loss: cuts every file back to what its last fsync covered, then appends {@code tail}
   * (a torn record, zeros from a size update whose data never reached the disk, or nothing).
   * Fsyncs still pending fail afterwards (the process is gone: nobody sees them return).
   */
  void crash(byte[] tail) throws IOException {
    dead = true;
    for (Map.Entry<Path, Tracked> e : files.entrySet()) {
      try (FileChannel ch = FileChannel.open(e.getKey(), StandardOpenOption.WRITE)) {
        ch.truncate(e.getValue().synced);
        ch.write(ByteBuffer.wrap(tail), e.getValue().synced);
      }
    }
    open();
  }

  @Override
  public void createDirectories(Path dir) throws IOException {
    real.createDirectories(dir);
  }

  @Override
  public OutputFile create(Path file) throws IOException {
    return wrap(file, real.create(file), 0);
  }

  @Override
  public OutputFile append(Path file) throws IOException {
    long size = java.nio.file.Files.exists(file) ? java.nio.file.Files.size(file) : 0;
    return wrap(file, real.append(file), size);
  }

  private OutputFile wrap(Path path, OutputFile out, long size) {
    Tracked t = new Tracked();
    t.written.set(size);
    t.synced = size;
    files.put(path, t);
    return new OutputFile() {
      @Override
      public void write(ByteBuffer src) throws IOException {
        int n = src.remaining();
        out.write(src);
        t.written.addAndGet(n);
      }

      @Override
      public void skip(long n) throws IOException {
        out.skip(n);
      }

      @Override
      public void setLength(long length) throws IOException {
        out.setLength(length);
        t.written.set(length);
        t.synced = Math.min(t.synced, length);
      }

      @Override
      public void sync() throws IOException {
        long upto = t.written.get();
        syncsEntered.incrementAndGet();
        gate.acquireUninterruptibly();
        if (failSyncs) {
          throw new IOException("injected fsync failure");
        }
        if (dead) {
          throw new IOException("the process died before this fsync returned");
        }
        t.synced = Math.max(t.synced, upto);
        syncsDone.incrementAndGet();
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }

  @Override
  public void createLink(Path link, Path existing) throws IOException {
    real.createLink(link, existing);
  }

  @Override
  public void fsyncDirectory(Path dir) {
    // names are durable at once in this model
  }

  @Override
  public void atomicMove(Path from, Path to) throws IOException {
    real.atomicMove(from, to);
  }

  @Override
  public void deleteRecursively(Path path) throws IOException {
    real.deleteRecursively(path);
  }
}
