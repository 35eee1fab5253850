package dev.jic.interop;

import com.upokecenter.cbor.CBORObject;
import dev.jic.types.hash.Sha;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The Motoko test programs of {@code src/test/resources/motoko/}, compiled at test time by
 * {@code interop/js/moc.mjs} (npm {@code motoko@4.10.0} with {@code mo:core}) for both targets,
 * once per JVM: one Node process per mode, the two in parallel (a process compiles its files in
 * one batch, which saves moc.js's start-up; modes are never mixed in one process, see
 * {@code canisters/README.md}).
 *
 * <p>With the environment variable {@code JIC_MOTOKO_CACHE=1} the modules are also kept under
 * {@code jic-interop-tests/target/motoko-cache/}, keyed by the SHA-256 of the source, the mode and
 * {@code interop/js/package.json} (a local convenience; CI starts clean and always compiles).
 */
final class MotokoPrograms {
  /** The compilation target. */
  enum Mode {
    /** {@code classicOP}: wasm32, classic persistence (stable variables serialised on upgrade). */
    WASM32("classicOP"),
    /** {@code enhancedOP}: wasm64 (memory64, table64), enhanced orthogonal persistence. */
    WASM64("enhancedOP");

    final String moc;

    Mode(String moc) {
      this.moc = moc;
    }
  }

  /**
   * The programs (file names under {@code src/test/resources/motoko/} without {@code .mo}) compiled
   * up front for each mode: those the enabled scenarios use. Any other program is compiled on
   * demand, alone (about a second of moc.js start-up more).
   */
  static final Map<Mode, List<String>> PROGRAMS = Map.of(
      Mode.WASM32, List.of("Counter", "UpgradeV1", "UpgradeV2", "Faults", "Caller", "Timers", "Wallet", "Certified"),
      Mode.WASM64, List.of("Counter", "MapStore", "UpgradeV1", "UpgradeV2", "UpgradeBad", "Faults", "Caller", "Timers",
          "Wallet", "Certified"));

  private static Map<Mode, Map<String, byte[]>> compiled;

  private MotokoPrograms() {}

  /**
   * The module of {@code program} for {@code mode}; the first call compiles {@link #PROGRAMS}.
   *
   * @throws AssertionError if Node, moc.js or the source is missing, or moc reports errors
   */
  static synchronized byte[] wasm(String program, Mode mode) {
    if (compiled == null) {
      compiled = compileAll();
    }
    byte[] w = compiled.get(mode).get(program);
    if (w == null) {
      try {
        w = compileMode(mode, List.of(program)).get(program);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      compiled.get(mode).put(program, w);
    }
    return w.clone();
  }

  static Path sourceDir() {
    return NodeScript.repoRoot().resolve("jic-interop-tests/src/test/resources/motoko");
  }

  private static Map<Mode, Map<String, byte[]>> compileAll() {
    if (!Files.isDirectory(NodeScript.jsDir().resolve("node_modules/motoko"))) {
      throw new AssertionError("interop/js/node_modules/motoko is missing: run `cd interop/js && npm ci`");
    }
    Map<Mode, Map<String, byte[]>> out = new EnumMap<>(Mode.class);
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Map<Mode, Future<Map<String, byte[]>>> jobs = new EnumMap<>(Mode.class);
      for (Mode m : Mode.values()) {
        jobs.put(m, pool.submit(() -> compileMode(m, PROGRAMS.get(m))));
      }
      for (var e : jobs.entrySet()) {
        out.put(e.getKey(), e.getValue().get());
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AssertionError a) {
        throw a;
      }
      throw new AssertionError("Motoko compile failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    return out;
  }

  private static Map<String, byte[]> compileMode(Mode mode, List<String> programs) throws IOException {
    boolean useCache = "1".equals(System.getenv("JIC_MOTOKO_CACHE"));
    Path cacheDir = NodeScript.repoRoot().resolve("jic-interop-tests/target/motoko-cache");
    byte[] packageJson = Files.readAllBytes(NodeScript.jsDir().resolve("package.json"));
    Map<String, byte[]> result = new TreeMap<>();
    Map<String, Path> cacheFiles = new TreeMap<>();
    CBORObject batch = CBORObject.NewArray();
    for (String p : programs) {
      Path src = sourceDir().resolve(p + ".mo");
      byte[] key = Sha.sha256(Files.readAllBytes(src), mode.moc.getBytes(StandardCharsets.US_ASCII), packageJson);
      Path cached = cacheDir.resolve(p + "-" + HexFormat.of().formatHex(key, 0, 8) + "-" + mode.moc + ".wasm");
      cacheFiles.put(p, cached);
      if (useCache && Files.isRegularFile(cached)) {
        result.put(p, Files.readAllBytes(cached));
      } else {
        batch.Add(CBORObject.NewMap().Add("path", src.toString()).Add("mode", mode.moc));
      }
    }
    if (batch.size() == 0) {
      return result;
    }
    CBORObject answers = CBORObject.FromJSONString(NodeScript.run("moc.mjs", batch.ToJSONString()));
    if (answers.size() != batch.size()) {
      throw new AssertionError("moc.mjs answered " + answers.size() + " modules for " + batch.size() + " sources");
    }
    for (int i = 0; i < answers.size(); i++) {
      CBORObject a = answers.get(i);
      String name = Path.of(a.get("path").AsString()).getFileName().toString().replaceFirst("\\.mo$", "");
      byte[] wasm = Base64.getDecoder().decode(a.get("wasm").AsString());
      result.put(name, wasm);
      if (useCache) {
        Files.createDirectories(cacheDir);
        Files.write(cacheFiles.get(name), wasm);
      }
    }
    return result;
  }
}
