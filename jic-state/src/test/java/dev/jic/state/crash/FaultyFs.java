package dev.jic.state.crash;

import dev.jic.state.fs.CheckpointFs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A {@link CheckpointFs} that fails the {@code failAt}-th operation (1-based) and every one after
 * it, like a process that died there (the OS survives, so fsyncs are counted but skipped). A failing write first writes a prefix of its bytes, as a
 * torn write would.
 */
public final class FaultyFs implements CheckpointFs {
  private final CheckpointFs real = CheckpointFs.real();
  private final long failAt;
  private long ops;

  /** A file system that never fails and skips fsyncs: fast, for tests that crash in-process only. */
  public static FaultyFs noSync() {
    return new FaultyFs(Long.MAX_VALUE);
  }

  /** Fails the {@code failAt}-th operation and every later one. */
  public FaultyFs(long failAt) {
    this.failAt = failAt;
  }

  synchronized long operations() {
    return ops;
  }

  synchronized boolean failed() {
    return ops >= failAt;
  }

  /** Counts one operation (thread-safe: the batch log fsyncs on its own thread); true if it fails. */
  private synchronized boolean tick() {
    ops++;
    return ops >= failAt;
  }

  private void step() throws IOException {
    if (tick()) {
      throw new IOException("injected failure at operation " + operations());
    }
  }

  @Override
  public void createDirectories(Path dir) throws IOException {
    step();
    real.createDirectories(dir);
  }

  @Override
  public OutputFile create(Path file) throws IOException {
    step();
    return wrap(real.create(file));
  }

  @Override
  public OutputFile append(Path file) throws IOException {
    step();
    return wrap(real.append(file));
  }

  private OutputFile wrap(OutputFile out) {
    return new OutputFile() {
      @Override
      public void write(ByteBuffer src) throws IOException {
        if (tick()) {
          ByteBuffer half = src.slice(src.position(), src.remaining() / 2);
          out.write(half);
          throw new IOException("injected torn write at operation " + operations());
        }
        out.write(src);
      }

      @Override
      public void skip(long n) throws IOException {
        step();
        out.skip(n);
      }

      @Override
      public void setLength(long length) throws IOException {
        step();
        out.setLength(length);
      }

      @Override
      public void sync() throws IOException {
        step(); // counted, not performed: a killed process loses nothing the OS already has
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }

  @Override
  public void createLink(Path link, Path existing) throws IOException {
    step();
    real.createLink(link, existing);
  }

  @Override
  public void fsyncDirectory(Path dir) throws IOException {
    step(); // counted only (see sync)
  }

  @Override
  public void atomicMove(Path from, Path to) throws IOException {
    step();
    real.atomicMove(from, to);
  }

  @Override
  public void deleteRecursively(Path path) throws IOException {
    step();
    real.deleteRecursively(path);
  }
}
