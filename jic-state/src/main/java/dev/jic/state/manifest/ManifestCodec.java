package dev.jic.state.manifest;

import dev.jic.types.encoding.DecodeException;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The canonical binary encoding of a {@link Manifest} (jic format version 1; integers big-endian):
 *
 * <pre>
 *   u32 version
 *   u32 #files,  per file:  u32 len(path) · path (UTF-8) · u64 size · file_hash[32]
 *   u32 #chunks, per chunk: u32 file_index · u32 size · u64 offset · chunk_hash[32]
 * </pre>
 *
 * {@link #decode} accepts exactly the encodings {@link #encode} produces for consistent manifests.
 */
public final class ManifestCodec {
  /** Longest relative path accepted (bytes). */
  public static final int MAX_PATH = 4096;

  private ManifestCodec() {}

  /** Encodes {@code m}. */
  public static byte[] encode(Manifest m) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 64 * m.files().size() + 48 * m.chunks().size());
    ByteBuffer b = ByteBuffer.allocate(8);
    out.writeBytes(b.putInt(m.version()).putInt(m.files().size()).array());
    for (Manifest.FileInfo f : m.files()) {
      byte[] p = f.path().getBytes(StandardCharsets.UTF_8);
      out.writeBytes(ByteBuffer.allocate(4).putInt(p.length).array());
      out.writeBytes(p);
      out.writeBytes(ByteBuffer.allocate(8).putLong(f.size()).array());
      out.writeBytes(f.hash().unsafeBytes());
    }
    out.writeBytes(ByteBuffer.allocate(4).putInt(m.chunks().size()).array());
    for (Manifest.ChunkInfo c : m.chunks()) {
      out.writeBytes(ByteBuffer.allocate(16).putInt(c.fileIndex()).putInt(c.size()).putLong(c.offset()).array());
      out.writeBytes(c.hash().unsafeBytes());
    }
    return out.toByteArray();
  }

  /**
   * Decodes and checks a manifest: known version, strictly sorted unique paths, chunks covering
   * each file contiguously in 1 MiB pieces, and every file hash equal to the hash of its chunks.
   *
   * @throws DecodeException if the bytes are not such a manifest
   */
  public static Manifest decode(byte[] bytes) throws DecodeException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    try {
      int version = b.getInt();
      if (version != Manifest.VERSION) {
        throw new DecodeException("unsupported manifest version " + version);
      }
      int nFiles = count(b, 4 + 8 + 32);
      List<Manifest.FileInfo> files = new ArrayList<>(nFiles);
      byte[] prev = null;
      for (int i = 0; i < nFiles; i++) {
        int len = b.getInt();
        if (len <= 0 || len > MAX_PATH || len > b.remaining()) {
          throw new DecodeException("bad path length " + len + " of file " + i);
        }
        byte[] p = new byte[len];
        b.get(p);
        if (prev != null && Arrays.compareUnsigned(prev, p) >= 0) {
          throw new DecodeException("file paths not strictly increasing at file " + i);
        }
        prev = p;
        long size = b.getLong();
        if (size < 0) {
          throw new DecodeException("negative size of file " + i);
        }
        files.add(new Manifest.FileInfo(utf8(p), size, digest(b)));
      }
      int nChunks = count(b, 16 + 32);
      List<Manifest.ChunkInfo> chunks = new ArrayList<>(nChunks);
      for (int i = 0; i < nChunks; i++) {
        int fi = b.getInt();
        int size = b.getInt();
        long offset = b.getLong();
        chunks.add(new Manifest.ChunkInfo(fi, size, offset, digest(b)));
      }
      if (b.hasRemaining()) {
        throw new DecodeException("trailing bytes after the manifest");
      }
      Manifest m = new Manifest(version, files, chunks);
      checkConsistent(m);
      return m;
    } catch (BufferUnderflowException e) {
      throw new DecodeException("manifest truncated");
    }
  }

  private static int count(ByteBuffer b, int minEntry) throws DecodeException {
    int n = b.getInt();
    if (n < 0 || (long) n * minEntry > b.remaining()) {
      throw new DecodeException("bad entry count " + Integer.toUnsignedString(n));
    }
    return n;
  }

  private static Digest32 digest(ByteBuffer b) {
    byte[] d = new byte[32];
    b.get(d);
    return Digest32.of(d);
  }

  private static String utf8(byte[] p) throws DecodeException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(p))
          .toString();
    } catch (CharacterCodingException e) {
      throw new DecodeException("file path is not UTF-8");
    }
  }

  /** Chunk table shape and file hashes agree with the file table. */
  static void checkConsistent(Manifest m) throws DecodeException {
    int c = 0;
    List<Manifest.ChunkInfo> chunks = m.chunks();
    for (int fi = 0; fi < m.files().size(); fi++) {
      Manifest.FileInfo f = m.files().get(fi);
      long expectChunks = (f.size() + Manifest.CHUNK_SIZE - 1) / Manifest.CHUNK_SIZE;
      if (expectChunks > chunks.size() - c) {
        throw new DecodeException("missing chunks of " + f.path());
      }
      List<Manifest.ChunkInfo> own = chunks.subList(c, c + (int) expectChunks);
      for (int k = 0; k < own.size(); k++) {
        Manifest.ChunkInfo ch = own.get(k);
        long off = (long) k * Manifest.CHUNK_SIZE;
        long size = Math.min(Manifest.CHUNK_SIZE, f.size() - off);
        if (ch.fileIndex() != fi || ch.offset() != off || ch.size() != size) {
          throw new DecodeException("chunk " + (c + k) + " does not fit file " + f.path());
        }
      }
      if (!ManifestHashes.fileHash(own).equals(f.hash())) {
        throw new DecodeException("file hash of " + f.path() + " does not match its chunks");
      }
      c += own.size();
    }
    if (c != chunks.size()) {
      throw new DecodeException("chunks beyond the last file");
    }
  }
}
