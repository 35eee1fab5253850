package dev.jic.types.hash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 and SHA-224 helpers over byte arrays (the IC's {@code H} is SHA-256). */
public final class Sha {
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
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-224");
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-224", e);
    }
  }

  /** A fresh SHA-256 digest, for streaming use. */
  public static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
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
