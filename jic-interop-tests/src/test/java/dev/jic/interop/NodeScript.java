package dev.jic.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Node.js script from {@code interop/js/} with a JSON (or any text) input on stdin and
 * returns its stdout. A non-zero exit, a timeout or a missing {@code node_modules} fails the
 * calling test with a message that says what to do ({@code ./jic test} installs the packages).
 */
public final class NodeScript {
  private NodeScript() {}

  /** The repository root: the {@code jic.root} system property set by Maven, else the cwd's parent. */
  public static Path repoRoot() {
    String root = System.getProperty("jic.root");
    Path p = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
    return p.toAbsolutePath();
  }

  public static Path jsDir() {
    return repoRoot().resolve("interop/js");
  }

  /** Runs {@code node interop/js/<script>} with {@code stdin}, returns stdout (trimmed). */
  public static String run(String script, String stdin) {
    Path dir = jsDir();
    if (!Files.isDirectory(dir.resolve("node_modules/@dfinity/agent"))) {
      throw new AssertionError("interop/js/node_modules is missing: run ./jic test (it runs npm ci) or `cd interop/js && npm ci`");
    }
    try {
      Process p = new ProcessBuilder("node", script).directory(dir.toFile()).start();
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      // Drain stderr on a side thread so a chatty script cannot block on a full pipe.
      var err = new java.io.ByteArrayOutputStream();
      Thread drain = Thread.ofVirtual().start(() -> {
        try {
          p.getErrorStream().transferTo(err);
        } catch (IOException ignored) {
          // the process died; the exit code tells
        }
      });
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("node " + script + " timed out");
      }
      drain.join();
      if (p.exitValue() != 0) {
        throw new AssertionError("node " + script + " exited " + p.exitValue() + ":\n" + err.toString(StandardCharsets.UTF_8)
            + "\nstdout:\n" + new String(out, StandardCharsets.UTF_8));
      }
      return new String(out, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new AssertionError("could not run node (is Node.js 20+ installed?): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
