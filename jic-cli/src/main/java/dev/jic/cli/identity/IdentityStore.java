package dev.jic.cli.identity;

import dev.jic.cli.client.AgentException;
import dev.jic.cli.client.Ed25519Pem;
import dev.jic.cli.client.Identity;
import dev.jic.types.encoding.DecodeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Identities on disk, laid out like dfx's: {@code <root>/<name>/identity.pem} (PKCS#8 Ed25519,
 * readable by dfx), and {@code <root>/identity.json} = {@code {"default": "<name>"}}. The
 * {@code default} identity is created on first use; {@code anonymous} is built in and has no file.
 */
public final class IdentityStore {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
  private static final Pattern DEFAULT = Pattern.compile("\"default\"\\s*:\\s*\"([^\"]*)\"");
  private final Path root;

  /** A store under {@code root} (created when something is written). */
  public IdentityStore(Path root) {
    this.root = root;
  }

  /** The directory identities live in. */
  public Path root() {
    return root;
  }

  /** The names of the stored identities (sorted), plus {@code anonymous}; creates {@code default} if there is none. */
  public List<String> list() throws AgentException {
    ensureDefault();
    List<String> names = new ArrayList<>();
    try (Stream<Path> s = Files.list(root)) {
      s.filter(p -> Files.isRegularFile(p.resolve("identity.pem"))).map(p -> p.getFileName().toString()).sorted().forEach(names::add);
    } catch (IOException e) {
      throw new AgentException("cannot list identities in " + root + ": " + e.getMessage(), "check the directory's permissions", e);
    }
    names.add("anonymous");
    return names;
  }

  /** The name of the identity in use ({@code default} unless {@code use} chose another). */
  public String currentName() throws AgentException {
    Path f = root.resolve("identity.json");
    if (Files.isRegularFile(f)) {
      try {
        Matcher m = DEFAULT.matcher(Files.readString(f, StandardCharsets.UTF_8));
        if (m.find()) {
          return m.group(1);
        }
      } catch (IOException e) {
        throw new AgentException("cannot read " + f + ": " + e.getMessage(), "check the file's permissions", e);
      }
    }
    return "default";
  }

  /** Loads {@code name} ({@code default} is created on first use). */
  public Identity load(String name) throws AgentException {
    if (name.equals("anonymous")) {
      return Identity.anonymous();
    }
    checkName(name);
    Path pem = pemPath(name);
    if (!Files.exists(pem)) {
      if (name.equals("default")) {
        return create("default");
      }
      throw new AgentException("no identity named '" + name + "'", "create it with `jic identity new " + name + "`, or see `jic identity list`");
    }
    try {
      return Identity.ed25519(name, Ed25519Pem.decode(Files.readString(pem, StandardCharsets.US_ASCII)));
    } catch (DecodeException e) {
      throw new AgentException("cannot use identity '" + name + "' (" + pem + "): " + e.getMessage(),
          "jic reads Ed25519 PKCS#8 PEM files (dfx identity new --storage-mode plaintext)", e);
    } catch (IOException e) {
      throw new AgentException("cannot read " + pem + ": " + e.getMessage(), "check the file's permissions", e);
    }
  }

  /** The identity in use. */
  public Identity current() throws AgentException {
    return load(currentName());
  }

  /** Creates a new Ed25519 identity {@code name}; fails if it exists. */
  public Identity create(String name) throws AgentException {
    checkName(name);
    if (name.equals("anonymous")) {
      throw new AgentException("'anonymous' is built in", "choose another name");
    }
    Path pem = pemPath(name);
    if (Files.exists(pem)) {
      throw new AgentException("identity '" + name + "' already exists (" + pem + ")", "pick another name, or `jic identity use " + name + "`");
    }
    byte[] seed = new byte[32];
    new SecureRandom().nextBytes(seed);
    try {
      Files.createDirectories(pem.getParent());
      Path tmp = pem.resolveSibling("identity.pem.tmp");
      Files.writeString(tmp, Ed25519Pem.encode(seed), StandardCharsets.US_ASCII);
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: keep the default permissions
      }
      Files.move(tmp, pem, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new AgentException("cannot write " + pem + ": " + e.getMessage(), "set JIC_HOME to a writable directory", e);
    }
    return Identity.ed25519(name, seed);
  }

  /** Makes {@code name} the identity in use (it must exist). */
  public void use(String name) throws AgentException {
    load(name);
    try {
      Files.createDirectories(root);
      Files.writeString(root.resolve("identity.json"), "{\n  \"default\": \"" + name + "\"\n}\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AgentException("cannot write " + root.resolve("identity.json") + ": " + e.getMessage(), "set JIC_HOME to a writable directory", e);
    }
  }

  /** The PEM file of {@code name}, if it is stored. */
  public Optional<Path> pemFile(String name) {
    Path p = pemPath(name);
    return Files.exists(p) ? Optional.of(p) : Optional.empty();
  }

  private void ensureDefault() throws AgentException {
    if (!Files.exists(pemPath("default"))) {
      create("default");
    }
  }

  private Path pemPath(String name) {
    return root.resolve(name).resolve("identity.pem");
  }

  private static void checkName(String name) throws AgentException {
    if (!NAME.matcher(name).matches()) {
      throw new AgentException("invalid identity name '" + name + "'", "use letters, digits, '.', '_', '@' and '-' (at most 64)");
    }
  }
}
