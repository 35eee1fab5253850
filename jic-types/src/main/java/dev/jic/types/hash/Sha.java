package dev.jic.types.hash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 and SHA-224 helpers over byte arrays (the IC's {@code H} is SHA-256).
 *
 * <p>Each call clones a prototype digest created once, instead of asking the JCA for a provider
 * on every call ({@code MessageDigest.getInstance} walks the provider list and was a measurable
 * share of request handling). The prototypes are never used directly, only cloned, so this is
 * thread-safe; the JDK's SUN SHA-2 implementations support {@code clone()}.
 */
public final class Sha {
  private static final MessageDigest SHA256 = prototype("SHA-256");
  private static final MessageDigest SHA224 = prototype("SHA-224");

  private Sha() {}

  /** SHA-256 of the concatenation of {@code parts}. */
  public static byte[] sha256(byte[]... parts) {
    MessageDigest md = sha256Digest();
    for (byte[] p : parts) {
      md.update(p);
    }
    return md.digest();
  }

  /** SHA-224 of the concatenation of {@code parts}. */
  public static byte[] sha224(byte[]... parts) {
    MessageDigest md = copy(SHA224);
    for (byte[] p : parts) {
      md.update(p);
    }
    return md.digest();
  }

  /** A fresh SHA-256 digest, for streaming use (owned by the caller, not shared). */
  public static MessageDigest sha256Digest() {
    return copy(SHA256);
  }

  private static MessageDigest prototype(String algorithm) {
    try {
      MessageDigest md = MessageDigest.getInstance(algorithm);
      md.clone(); // fail at class initialisation, not per call, if cloning is unsupported
      return md;
    } catch (NoSuchAlgorithmException | CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK lacks a cloneable " + algorithm, e);
    }
  }

  private static MessageDigest copy(MessageDigest prototype) {
    try {
      return (MessageDigest) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("checked at class initialisation", e);
    }
  }

  /**
   * An IC domain separator: one length byte followed by the ASCII string, e.g.
   * {@code domainSeparator("ic-request")} is {@code 0x0A "ic-request"}.
   */
  public static byte[] domainSeparator(String ascii) {
    byte[] s = ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    if (s.length > 255) {
      throw new IllegalArgumentException("domain separator longer than 255 bytes");
    }
    byte[] out = new byte[s.length + 1];
    out[0] = (byte) s.length;
    System.arraycopy(s, 0, out, 1, s.length);
    return out;
  }
}
