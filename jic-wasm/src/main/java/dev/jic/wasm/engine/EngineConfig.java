package dev.jic.wasm.engine;

import dev.jic.wasm.validation.IcLimits;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a {@link ChicoryEngine} runs modules.
 *
 * @param backend compiled to JVM bytecode (production) or interpreted (a differential oracle)
 * @param cacheDir where generated classes are kept across restarts (e.g. {@code .jic/wasm-cache}),
 *     or null for no disk cache
 * @param memoryCacheEntries how many compiled modules the in-memory LRU keeps ({@code >= 1})
 * @param icRules whether modules must pass the IC's install-time rules ({@code ic0} imports,
 *     export names, limits); when false only decoding and Wasm type checking apply
 * @param limits the IC limits used when {@code icRules} is set
 */
public record EngineConfig(Backend backend, Path cacheDir, int memoryCacheEntries, boolean icRules, IcLimits limits) {

  /** Which Chicory execution mode runs the rewritten module. */
  public enum Backend {
    /** {@code MachineFactoryCompiler}: Wasm compiled to JVM bytecode once per module. */
    COMPILER,
    /** Chicory's interpreter: 30–120x slower; same outcomes and counts. */
    INTERPRETER
  }

  public EngineConfig {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(limits, "limits");
    if (memoryCacheEntries < 1) {
      throw new IllegalArgumentException("memoryCacheEntries must be >= 1: " + memoryCacheEntries);
    }
  }

  /** Compiler backend, IC rules and limits, 64 modules in memory, no disk cache. */
  public static EngineConfig defaults() {
    return new EngineConfig(Backend.COMPILER, null, 64, true, IcLimits.DEFAULT);
  }

  /** This configuration with another backend. */
  public EngineConfig withBackend(Backend b) {
    return new EngineConfig(b, cacheDir, memoryCacheEntries, icRules, limits);
  }

  /** This configuration with a disk cache under {@code dir} (null: none). */
  public EngineConfig withCacheDir(Path dir) {
    return new EngineConfig(backend, dir, memoryCacheEntries, icRules, limits);
  }

  /** This configuration with IC install-time rules on or off. */
  public EngineConfig withIcRules(boolean on) {
    return new EngineConfig(backend, cacheDir, memoryCacheEntries, on, limits);
  }

  /** This configuration with an in-memory LRU of {@code n} modules. */
  public EngineConfig withMemoryCacheEntries(int n) {
    return new EngineConfig(backend, cacheDir, n, icRules, limits);
  }
}
