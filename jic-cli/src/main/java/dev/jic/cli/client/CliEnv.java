package dev.jic.cli.client;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a command may read of its process: environment variables, the user's home, the working
 * directory, and where to print. Injected, so tests run commands with their own directories.
 *
 * @param env environment variables ({@code JIC_HOME}, {@code JIC_NETWORK}, {@code JIC_IDENTITY})
 * @param home the user's home directory (identities default to {@code ~/.config/jic/identity})
 * @param cwd the working directory (relative paths resolve against it)
 */
public record CliEnv(Map<String, String> env, Path home, Path cwd, PrintStream out, PrintStream err) {

  /** Copies the map; null is a programming error (NPE). */
  public CliEnv {
    env = Map.copyOf(env);
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(cwd, "cwd");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
  }

  /** The process's environment, home and working directory. */
  public static CliEnv system(PrintStream out, PrintStream err) {
    return new CliEnv(System.getenv(), Path.of(System.getProperty("user.home")), Path.of("").toAbsolutePath(), out, err);
  }

  /** Where identities live: {@code $JIC_HOME/identity}, else {@code ~/.config/jic/identity}. */
  public Path identityRoot() {
    String h = env.get("JIC_HOME");
    return h != null && !h.isBlank() ? Path.of(h).resolve("identity") : home.resolve(".config").resolve("jic").resolve("identity");
  }

  /** {@code path} resolved against the working directory. */
  public Path resolve(String path) {
    return cwd.resolve(path);
  }
}
