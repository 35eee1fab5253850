package dev.jic.wasm.engine;

import dev.jic.types.hash.Sha;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The SHA-256 of a module's bytes exactly as installed (before gzip decompression, validation or
 * any rewriting): the key under which the engine caches compiled code.
 */
public final class ModuleHash {
  private final byte[] bytes;

  private ModuleHash(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The hash of {@code moduleBytes}. */
  public static ModuleHash of(byte[] moduleBytes) {
    return new ModuleHash(Sha.sha256(moduleBytes));
  }

  /** The 32 hash bytes (a copy). */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Lower-case hex, 64 characters: also the module's cache directory name. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModuleHash h && Arrays.equals(h.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
