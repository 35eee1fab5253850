package dev.jic.types.candid;

import java.nio.charset.StandardCharsets;

/**
 * Candid field-name hashing (Candid spec, "Records"): {@code idl_hash(id) = (Σ_i utf8(id)[i] ·
 * 223^(k-i)) mod 2^32}, i.e. {@code h = h·223 + byte (mod 2^32)} over the UTF-8 bytes.
 */
public final class IdlHash {
  private IdlHash() {}

  /** The 32-bit hash of {@code name}, as a non-negative long. */
  public static long hash(String name) {
    long h = 0;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h = (h * 223 + (b & 0xff)) & 0xffff_ffffL;
    }
    return h;
  }
}
