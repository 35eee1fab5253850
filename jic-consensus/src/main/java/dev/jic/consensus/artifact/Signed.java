package dev.jic.consensus.artifact;

import dev.jic.types.hash.Sha;

/** Helper: {@code domainSeparator(domain) || body}. */
final class Signed {
  private Signed() {}

  static byte[] bytes(String domain, byte[] body) {
    byte[] sep = Sha.domainSeparator(domain);
    byte[] out = new byte[sep.length + body.length];
    System.arraycopy(sep, 0, out, 0, sep.length);
    System.arraycopy(body, 0, out, sep.length, body.length);
    return out;
  }
}
