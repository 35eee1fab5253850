package dev.jic.state.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/** {@link CheckpointFs} over java.nio (Linux semantics: directories can be opened and forced). */
final class RealFs implements CheckpointFs {
  static final RealFs INSTANCE = new RealFs();

  private RealFs() {}

  @Override
  public void createDirectories(Path dir) throws IOException {
    Files.createDirectories(dir);
  }

  @Override
  public OutputFile create(Path file) throws IOException {
    return output(FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
  }

  @Override
  public OutputFile append(Path file) throws IOException {
    return output(
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
  }

  private static OutputFile output(FileChannel ch) {
    return new OutputFile() {
      @Override
      public void write(ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
          ch.write(src);
        }
      }

      @Override
      public void skip(long n) throws IOException {
        ch.position(ch.position() + n);
      }

      @Override
      public void setLength(long length) throws IOException {
        long size = ch.size();
        if (length < size) {
          ch.truncate(length);
        } else if (length > size) {
          // Extend with a hole: write one zero byte at the last position.
          ch.write(ByteBuffer.wrap(new byte[1]), length - 1);
        }
      }

      @Override
      public void sync() throws IOException {
        ch.force(true);
      }

      @Override
      public void syncData() throws IOException {
        ch.force(false);
      }

      @Override
      public void close() throws IOException {
        ch.close();
      }
    };
  }

  @Override
  public void createLink(Path link, Path existing) throws IOException {
    Files.createLink(link, existing);
  }

  @Override
  public void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  @Override
  public void atomicMove(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        path,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
            if (exc != null) {
              throw exc;
            }
            delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static void delete(Path p) throws IOException {
    try {
      Files.delete(p);
    } catch (NoSuchFileException e) {
      // already gone
    }
  }
}
