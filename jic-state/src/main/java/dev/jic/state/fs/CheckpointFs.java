package dev.jic.state.fs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The file-system operations the checkpoint writer and the checkpoint store use: a seam so tests
 * can inject failures at any point ({@link #real()} is the production implementation).
 *
 * <p>Every method either completes or throws {@link IOException}; an implementation that throws
 * may have done part of the work (as a crash would), and callers must cope with that: they write
 * into temporary directories and publish only by {@link #atomicMove}.
 */
public interface CheckpointFs {

  /** The real file system (java.nio), with fsync through {@code FileChannel.force(true)}. */
  static CheckpointFs real() {
    return RealFs.INSTANCE;
  }

  /** Creates {@code dir} and missing parents. */
  void createDirectories(Path dir) throws IOException;

  /** Creates a new file for writing (fails if it exists). */
  OutputFile create(Path file) throws IOException;

  /**
   * Opens {@code file} for appending (creating it if missing): every write goes to the current
   * end of the file; {@link OutputFile#setLength} may cut a torn tail first. Used by the batch log.
   */
  OutputFile append(Path file) throws IOException;

  /** Creates a hard link {@code link} to the existing file {@code existing}. */
  void createLink(Path link, Path existing) throws IOException;

  /** Flushes a directory's entries (names) to the disk. */
  void fsyncDirectory(Path dir) throws IOException;

  /** Renames {@code from} to {@code to} atomically (a directory or file; {@code to} must not exist). */
  void atomicMove(Path from, Path to) throws IOException;

  /** Deletes {@code path} and, for a directory, everything under it; missing is fine. */
  void deleteRecursively(Path path) throws IOException;

  /** A file being written sequentially. */
  interface OutputFile extends Closeable {
    /** Writes all remaining bytes of {@code src} at the current position. */
    void write(ByteBuffer src) throws IOException;

    /** Writes {@code b} at the current position. */
    default void write(byte[] b) throws IOException {
      write(ByteBuffer.wrap(b));
    }

    /** Moves the position forward by {@code n} bytes without writing (a hole reads as zeros). */
    void skip(long n) throws IOException;

    /** Sets the file length (used after trailing holes). */
    void setLength(long length) throws IOException;

    /** Forces content and metadata to the disk. */
    void sync() throws IOException;

    /**
     * Forces content and the metadata needed to read it back (the file size) to the disk, like
     * {@code fdatasync}: cheaper than {@link #sync} for an append-only file (the batch log). By
     * default {@link #sync}.
     */
    default void syncData() throws IOException {
      sync();
    }
  }
}
