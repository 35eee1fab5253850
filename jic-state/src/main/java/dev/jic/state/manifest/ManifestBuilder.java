package dev.jic.state.manifest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Computes the {@link Manifest} of a checkpoint directory: every regular file under it except the
 * excluded top-level names, in {@link #comparePaths} order, read in 1 MiB chunks.
 *
 * <p>Deterministic: the result depends only on the files' relative paths and bytes. Files whose
 * entries are given in {@code reuse} (hard links of files hashed before, same size) are not read.
 */
public final class ManifestBuilder {
  private static final byte[] ZERO_CHUNK = new byte[Manifest.CHUNK_SIZE];
  private static final Digest32 ZERO_CHUNK_HASH = ManifestHashes.chunkHash(ZERO_CHUNK);

  private ManifestBuilder() {}

  /** A file's hashed entry and its chunks, for reuse by a later manifest (file index ignored). */
  public record FileEntry(Manifest.FileInfo file, List<Manifest.ChunkInfo> chunks) {
    /** Copies the list. */
    public FileEntry {
      chunks = List.copyOf(chunks);
    }
  }

  /** Orders relative paths by their UTF-8 bytes (unsigned). */
  public static int comparePaths(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** The relative paths of the regular files under {@code dir}, sorted, minus {@code excluded}. */
  public static List<String> listFiles(Path dir, Set<String> excluded) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .map(p -> relative(dir, p))
          .filter(r -> !excluded.contains(r))
          .sorted(ManifestBuilder::comparePaths)
          .toList();
    }
  }

  static String relative(Path dir, Path p) {
    Path r = dir.relativize(p);
    StringBuilder sb = new StringBuilder();
    for (Path part : r) {
      if (!sb.isEmpty()) {
        sb.append('/');
      }
      sb.append(part);
    }
    return sb.toString();
  }

  /**
   * Computes the manifest of {@code dir}.
   *
   * @param excluded relative paths left out (e.g. the stored manifest itself)
   * @param reuse entries of files known to be byte-identical to earlier hashed ones, by path
   * @throws IOException if a file cannot be read
   */
  public static Manifest compute(Path dir, Set<String> excluded, Map<String, FileEntry> reuse)
      throws IOException {
    List<Manifest.FileInfo> files = new ArrayList<>();
    List<Manifest.ChunkInfo> chunks = new ArrayList<>();
    ByteBuffer buf = ByteBuffer.allocate(Manifest.CHUNK_SIZE);
    for (String rel : listFiles(dir, excluded)) {
      Path p = dir.resolve(rel);
      int index = files.size();
      FileEntry known = reuse.get(rel);
      if (known != null && known.file().size() == Files.size(p)) {
        for (Manifest.ChunkInfo c : known.chunks()) {
          chunks.add(new Manifest.ChunkInfo(index, c.size(), c.offset(), c.hash()));
        }
        files.add(new Manifest.FileInfo(rel, known.file().size(), known.file().hash()));
        continue;
      }
      List<Manifest.ChunkInfo> own = hashFile(p, index, buf);
      chunks.addAll(own);
      files.add(new Manifest.FileInfo(rel, Files.size(p), ManifestHashes.fileHash(own)));
    }
    return new Manifest(Manifest.VERSION, files, chunks);
  }

  /** The chunks of one file (file index {@code index}). */
  static List<Manifest.ChunkInfo> hashFile(Path p, int index, ByteBuffer buf) throws IOException {
    List<Manifest.ChunkInfo> out = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      long size = ch.size();
      for (long off = 0; off < size; off += Manifest.CHUNK_SIZE) {
        int len = (int) Math.min(Manifest.CHUNK_SIZE, size - off);
        buf.clear().limit(len);
        while (buf.hasRemaining()) {
          if (ch.read(buf, off + buf.position()) < 0) {
            throw new IOException(p + " shrank while hashing");
          }
        }
        buf.flip();
        Digest32 h;
        if (len == Manifest.CHUNK_SIZE
            && Arrays.mismatch(buf.array(), 0, len, ZERO_CHUNK, 0, len) < 0) {
          h = ZERO_CHUNK_HASH; // sparse page-map files: most chunks are holes
        } else {
          MessageDigest md = ManifestHashes.chunkHasher();
          md.update(buf);
          h = Digest32.of(md.digest());
        }
        out.add(new Manifest.ChunkInfo(index, len, off, h));
      }
    }
    return out;
  }

  /** The entries of {@code m} by path, for {@code reuse} in a later manifest. */
  public static Map<String, FileEntry> entries(Manifest m) {
    Map<String, FileEntry> out = new java.util.TreeMap<>();
    int c = 0;
    for (int i = 0; i < m.files().size(); i++) {
      Manifest.FileInfo f = m.files().get(i);
      int start = c;
      while (c < m.chunks().size() && m.chunks().get(c).fileIndex() == i) {
        c++;
      }
      out.put(f.path(), new FileEntry(f, m.chunks().subList(start, c)));
    }
    return out;
  }
}
