package dev.jic.wasm.engine;

import com.dylibso.chicory.compiler.Cache;
import dev.jic.types.hash.Sha;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Chicory's compiler cache ({@link Cache}: the compiler asks {@code get} before compiling and
 * stores the generated classes, as a jar, with {@code putIfAbsent} after) for one module, on disk
 * under {@code <root>/<module sha256>/}.
 *
 * <p>The key Chicory passes is the digest of the bytes it compiles, i.e. of the rewritten
 * module, so a change to the rewriting pipeline (metering weights, lowering) gets a new entry
 * instead of stale code. The file name also carries the Chicory version: generated classes call
 * into Chicory's runtime and are only valid for the version that produced them.
 *
 * <p>Each entry is {@code <name>.jar} plus {@code <name>.sha256} holding the jar's SHA-256; both
 * are written to a temporary file and moved into place, so a crash never leaves a torn entry, and
 * an entry whose hash does not match (disk corruption) is deleted and treated as a miss. The cache
 * directory is trusted like the rest of the node's data directory: the classes in it are loaded
 * and run, so it must not be writable by anyone who is not trusted to run code on the node.
 *
 * <p>{@code null} root: nothing is stored or found (compilations are still counted).
 */
final class DiskCodeCache implements Cache {
  /** The Chicory version whose generated classes this cache holds (the pom pins 1.7.5). */
  static final String CHICORY_VERSION = "1.7.5";

  private final Path dir;
  private boolean hit;
  private boolean stored;

  DiskCodeCache(Path root, ModuleHash module) {
    this.dir = root == null ? null : root.resolve(module.hex());
  }

  /** Whether {@link #get} found an entry (so the compiler did not run). */
  boolean hit() {
    return hit;
  }

  /** Whether the compiler ran and handed its classes to {@link #putIfAbsent}. */
  boolean stored() {
    return stored;
  }

  private String fileStem(String key) {
    String keyHash = HexFormat.of().formatHex(Sha.sha256(key.getBytes(StandardCharsets.UTF_8)));
    return "chicory-" + CHICORY_VERSION + "-" + keyHash;
  }

  @Override
  public byte[] get(String key) throws IOException {
    if (dir == null) {
      return null;
    }
    Path jar = dir.resolve(fileStem(key) + ".jar");
    Path sum = dir.resolve(fileStem(key) + ".sha256");
    if (!Files.isRegularFile(jar) || !Files.isRegularFile(sum)) {
      return null;
    }
    byte[] bytes = Files.readAllBytes(jar);
    byte[] expected;
    try {
      expected = HexFormat.of().parseHex(Files.readString(sum, StandardCharsets.US_ASCII).strip());
    } catch (IllegalArgumentException e) {
      expected = new byte[0];
    }
    if (!Arrays.equals(expected, Sha.sha256(bytes))) {
      Files.deleteIfExists(jar);
      Files.deleteIfExists(sum);
      return null;
    }
    hit = true;
    return bytes;
  }

  @Override
  public void putIfAbsent(String key, byte[] jarBytes) throws IOException {
    stored = true;
    if (dir == null) {
      return;
    }
    Files.createDirectories(dir);
    Path jar = dir.resolve(fileStem(key) + ".jar");
    if (Files.isRegularFile(jar)) {
      return;
    }
    // The jar first, then its checksum: an entry counts only once both are in place.
    writeAtomically(jar, jarBytes);
    writeAtomically(dir.resolve(fileStem(key) + ".sha256"),
        HexFormat.of().formatHex(Sha.sha256(jarBytes)).getBytes(StandardCharsets.US_ASCII));
  }

  private static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
