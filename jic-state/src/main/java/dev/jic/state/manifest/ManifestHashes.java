package dev.jic.state.manifest;

import dev.jic.types.hash.Sha;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;

/**
 * The hash functions of manifests, with the IC's domain separators (PROTOCOL-DIGEST §4.2); all
 * integers big-endian.
 */
public final class ManifestHashes {
  static final byte[] CHUNK_SEP = Sha.domainSeparator("ic-state-chunk");
  static final byte[] FILE_SEP = Sha.domainSeparator("ic-state-file");
  static final byte[] SUB_MANIFEST_SEP = Sha.domainSeparator("ic-state-sub-manifest");
  static final byte[] META_MANIFEST_SEP = Sha.domainSeparator("ic-state-meta-manifest");

  private ManifestHashes() {}

  /** A fresh SHA-256 already fed with the chunk separator; feed the chunk bytes and digest. */
  public static MessageDigest chunkHasher() {
    MessageDigest md = Sha.sha256Digest();
    md.update(CHUNK_SEP);
    return md;
  }

  /** {@code H(dsep("ic-state-chunk") · bytes)}. */
  public static Digest32 chunkHash(byte[] bytes) {
    return Digest32.of(Sha.sha256(CHUNK_SEP, bytes));
  }

  /** {@code H(dsep("ic-state-file") · u32 #chunks · (u32 size · u64 offset · chunk_hash)*)}. */
  public static Digest32 fileHash(List<Manifest.ChunkInfo> chunks) {
    MessageDigest md = Sha.sha256Digest();
    md.update(FILE_SEP);
    md.update(ByteBuffer.allocate(4).putInt(chunks.size()).array());
    for (Manifest.ChunkInfo c : chunks) {
      md.update(ByteBuffer.allocate(12).putInt(c.size()).putLong(c.offset()).array());
      md.update(c.hash().unsafeBytes());
    }
    return Digest32.of(md.digest());
  }

  /**
   * The root hash: the encoding split into 1 MiB sub-manifests, each hashed as {@code
   * H(dsep("ic-state-sub-manifest") · piece)}, then {@code H(dsep("ic-state-meta-manifest") · u32
   * version · u32 #subs · sub hashes)}.
   */
  public static Digest32 rootHash(Manifest m) {
    byte[] enc = ManifestCodec.encode(m);
    int subs = (enc.length + Manifest.CHUNK_SIZE - 1) / Manifest.CHUNK_SIZE;
    MessageDigest meta = Sha.sha256Digest();
    meta.update(META_MANIFEST_SEP);
    meta.update(ByteBuffer.allocate(8).putInt(m.version()).putInt(subs).array());
    for (int i = 0; i < subs; i++) {
      int off = i * Manifest.CHUNK_SIZE;
      int len = Math.min(Manifest.CHUNK_SIZE, enc.length - off);
      MessageDigest sub = Sha.sha256Digest();
      sub.update(SUB_MANIFEST_SEP);
      sub.update(enc, off, len);
      meta.update(sub.digest());
    }
    return Digest32.of(meta.digest());
  }
}
