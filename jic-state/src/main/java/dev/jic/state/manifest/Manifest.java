package dev.jic.state.manifest;

import java.util.List;
import java.util.Objects;

/**
 * The manifest of a checkpoint directory (jic manifest format, {@link #VERSION}): every file with
 * its size and hash, every 1 MiB chunk with its hash, and a root hash that identifies the
 * checkpoint. It follows the IC's state-sync manifest (PROTOCOL-DIGEST §4.2): chunks of
 * {@link #CHUNK_SIZE}, {@code chunk_hash = H(dsep("ic-state-chunk") · bytes)}, {@code file_hash =
 * H(dsep("ic-state-file") · u32 #chunks · (u32 size · u64 offset · chunk_hash)*)}, and the root is
 * a meta-manifest hash over 1 MiB pieces of the manifest's own encoding ({@link ManifestCodec}).
 *
 * <p>Files are in strictly increasing order of their relative paths' UTF-8 bytes ({@code /}
 * separated); the chunks of file {@code i} are contiguous, in offset order, and appear in file
 * order. An empty file has no chunk. Immutable.
 *
 * @param version the format version
 * @param files the file table
 * @param chunks the chunk table
 */
public record Manifest(int version, List<FileInfo> files, List<ChunkInfo> chunks) {
  /** The current (and only) manifest format version. */
  public static final int VERSION = 1;
  /** Chunk size: 1 MiB, as in the IC. */
  public static final int CHUNK_SIZE = 1 << 20;

  /** Copies the lists. */
  public Manifest {
    files = List.copyOf(files);
    chunks = List.copyOf(chunks);
  }

  /**
   * One file.
   *
   * @param path relative path, {@code /}-separated
   * @param size length in bytes
   * @param hash the file hash
   */
  public record FileInfo(String path, long size, Digest32 hash) {
    /** Rejects nulls and negative sizes (programming errors). */
    public FileInfo {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(hash, "hash");
      if (size < 0) {
        throw new IllegalArgumentException("negative size");
      }
    }
  }

  /**
   * One chunk of a file.
   *
   * @param fileIndex index into the file table
   * @param size chunk length (1 MiB except for a file's last chunk)
   * @param offset position in the file
   * @param hash the chunk hash
   */
  public record ChunkInfo(int fileIndex, int size, long offset, Digest32 hash) {
    /** Rejects a null hash. */
    public ChunkInfo {
      Objects.requireNonNull(hash, "hash");
    }
  }

  /** The canonical encoding ({@link ManifestCodec#encode}). */
  public byte[] encode() {
    return ManifestCodec.encode(this);
  }

  /** The root hash identifying the checkpoint ({@link ManifestHashes#rootHash}). */
  public Digest32 rootHash() {
    return ManifestHashes.rootHash(this);
  }

  /** The chunks of file {@code fileIndex}, in offset order. */
  public List<ChunkInfo> chunksOf(int fileIndex) {
    return chunks.stream().filter(c -> c.fileIndex() == fileIndex).toList();
  }
}
