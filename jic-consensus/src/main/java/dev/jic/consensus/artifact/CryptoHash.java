package dev.jic.consensus.artifact;

import dev.jic.types.hash.Sha;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 32-byte SHA-256 content hash of a consensus artifact, always computed over a domain separator
 * followed by jic's canonical encoding ({@link Wire}). Immutable; ordered bytewise unsigned.
 */
public final class CryptoHash implements Comparable<CryptoHash> {
  public static final int LENGTH = 32;
  /** All zeroes: the parent of the genesis block. */
  public static final CryptoHash ZERO = new CryptoHash(new byte[LENGTH]);

  private final byte[] bytes;
  private final int hashCode;

  private CryptoHash(byte[] bytes) {
    this.bytes = bytes;
    this.hashCode = Arrays.hashCode(bytes);
  }

  /** Wraps a copy of 32 bytes; throws {@link IllegalArgumentException} otherwise. */
  public static CryptoHash of(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException("a crypto hash has 32 bytes");
    }
    return new CryptoHash(bytes.clone());
  }

  /** SHA-256 of {@code domainSeparator(domain) || content}. */
  public static CryptoHash compute(String domain, byte[] content) {
    return new CryptoHash(Sha.sha256(Sha.domainSeparator(domain), content));
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The first 8 bytes as a long (big-endian), for seeding and compact traces. */
  public long prefixLong() {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (bytes[i] & 0xff);
    }
    return v;
  }

  @Override
  public int compareTo(CryptoHash o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CryptoHash h && hashCode == h.hashCode && Arrays.equals(bytes, h.bytes);
  }

  @Override
  public int hashCode() {
    return hashCode;
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes, 0, 6);
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }
}
