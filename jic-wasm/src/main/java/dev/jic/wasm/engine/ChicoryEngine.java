package dev.jic.wasm.engine;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.MalformedException;
import com.dylibso.chicory.wasm.Parser;
import dev.jic.types.unit.NumInstructions;
import dev.jic.wasm.binary.WasmBinary;
import dev.jic.wasm.binary.WasmEncoder;
import dev.jic.wasm.binary.WasmMalformedException;
import dev.jic.wasm.binary.WasmModule;
import dev.jic.wasm.engine.WasmError.Category;
import dev.jic.wasm.instrument.InstructionCounting;
import dev.jic.wasm.instrument.LoopStackSpill;
import dev.jic.wasm.instrument.StackLimit;
import dev.jic.wasm.lower.Memory64Lowering;
import dev.jic.wasm.lower.Memory64LoweringException;
import dev.jic.wasm.validation.IcModuleValidator;
import dev.jic.wasm.validation.IcValidationError;
import dev.jic.wasm.validation.IcValidationResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@link WasmEngine} over Chicory 1.7.5.
 *
 * <p><b>Pipeline</b> ({@link #compile}): SHA-256 of the bytes → in-memory LRU → decode (gzip
 * accepted) → IC install-time validation (optional, {@link EngineConfig#icRules}) → metering
 * ({@link InstructionCounting} with {@link #OPTIONS}: IC weights, NaN canonicalisation, the
 * deterministic stack limit) → memory64 lowering when the memory is 64-bit
 * ({@link Memory64Lowering}; metering runs first, so counts are those of the original 64-bit
 * code) → {@link LoopStackSpill} (empty operand stack at loop headers, so the JVM can compile hot
 * loops on the stack) → {@link ChicoryBlockTypes} (block types moved off the type indices Chicory
 * misreads) → start section removed (the instance runs the start function itself, metered) → encode → Chicory parse, which type-checks → {@code MachineFactoryCompiler} with a
 * {@link DiskCodeCache}: on a disk hit the generated classes are loaded instead of compiled.
 * Type errors are therefore reported for the rewritten module; the rewrites preserve validity, so
 * a module is valid exactly when its rewrite is.
 *
 * <p><b>Thread safety</b>: {@code compile} is serialised (one compilation at a time, so a module
 * is never compiled twice concurrently); instances are single-threaded.
 */
public final class ChicoryEngine implements WasmEngine {
  /**
   * The deterministic call-stack limit, in {@link StackLimit} units, that every module is
   * instrumented with. Calls run on {@link EngineThreads} ({@value EngineThreads#STACK_BYTES}-byte
   * stacks), where the natural exhaustion is far deeper (measured in docs/WASM.md), so a call
   * always stops at this limit, never at the JVM's.
   */
  public static final int STACK_LIMIT = 50_000;

  /**
   * The rewriting the engine applies: IC weights, NaN canonicalisation, {@link #STACK_LIMIT}, the
   * counter kept in a local of each function.
   */
  public static final InstructionCounting.Options OPTIONS =
      new InstructionCounting.Options(true, InstructionCounting.Options.DETERMINISTIC.wasm64MemoryFactor(), true,
          STACK_LIMIT, true);

  private final EngineConfig config;
  private final Map<ModuleHash, CompiledModule> lru;
  private long memoryHits;
  private long diskHits;
  private long compilations;
  private long rejections;

  /**
   * Runs {@code body} on one of the engine's large-stack threads and returns its result (rethrowing
   * what it throws). Every {@link WasmInstance#call} made inside runs inline on that thread; outside,
   * each call is handed to such a thread (tens of microseconds per call on a loaded 2-core
   * machine). Use it to run a batch of calls, e.g. a scheduler round, with one hand-off.
   */
  public static <T> T onEngineThread(java.util.function.Supplier<T> body) {
    return EngineThreads.run(body);
  }

  /** An engine with {@code config}. */
  public ChicoryEngine(EngineConfig config) {
    this.config = config;
    int capacity = config.memoryCacheEntries();
    this.lru = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<ModuleHash, CompiledModule> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The configuration. */
  public EngineConfig config() {
    return config;
  }

  @Override
  public synchronized Compilation compile(byte[] moduleBytes) {
    ModuleHash hash = ModuleHash.of(moduleBytes);
    CompiledModule cached = lru.get(hash);
    if (cached != null) {
      memoryHits++;
      return new Compilation.Compiled(cached);
    }
    Compilation result = build(hash, moduleBytes);
    switch (result) {
      case Compilation.Compiled c -> lru.put(hash, c.module());
      case Compilation.Rejected r -> rejections++;
    }
    return result;
  }

  private Compilation build(ModuleHash hash, byte[] moduleBytes) {
    WasmModule original;
    if (config.icRules()) {
      switch (IcModuleValidator.validate(moduleBytes, config.limits())) {
        case IcValidationResult.Valid v -> original = v.module();
        case IcValidationResult.Invalid inv -> {
          Category c = inv.error().kind() == IcValidationError.Kind.MALFORMED ? Category.MALFORMED : Category.INVALID;
          return rejected(c, inv.error().message());
        }
      }
    } else {
      try {
        original = WasmBinary.decode(moduleBytes);
      } catch (WasmMalformedException e) {
        return rejected(Category.MALFORMED, e.getMessage());
      }
    }
    boolean wasm64 = Memory64Lowering.needsLowering(original);
    WasmModule rewritten = withoutStart(InstructionCounting.instrument(original, 0, OPTIONS).module());
    if (wasm64) {
      try {
        rewritten = Memory64Lowering.lower(rewritten);
      } catch (Memory64LoweringException e) {
        return rejected(Category.INVALID, "wasm64 module cannot run on this engine: " + e.getMessage());
      }
    }
    rewritten = ChicoryBlockTypes.apply(LoopStackSpill.apply(rewritten));
    com.dylibso.chicory.wasm.WasmModule runnable;
    try {
      runnable = Parser.parse(WasmEncoder.encode(rewritten));
    } catch (MalformedException e) {
      return rejected(Category.MALFORMED, e.getMessage());
    } catch (InvalidException e) {
      return rejected(Category.INVALID, e.getMessage());
    } catch (ChicoryException e) {
      return rejected(Category.INVALID, String.valueOf(e.getMessage()));
    }
    Function<Instance, Machine> factory = null;
    if (config.backend() == EngineConfig.Backend.COMPILER) {
      DiskCodeCache cache = new DiskCodeCache(config.cacheDir(), hash);
      try {
        factory = compileWith(runnable, cache);
      } catch (RuntimeException | LinkageError e) {
        if (!cache.hit()) {
          if (e instanceof ChicoryException) {
            return rejected(Category.INVALID, "compilation failed: " + e.getMessage());
          }
          throw e;
        }
        // An unloadable cache entry (its checksum matched, so it was written that way, e.g. by
        // another Chicory build): compile afresh and do not trust the disk for this module.
        cache = new DiskCodeCache(null, hash);
        factory = compileWith(runnable, cache);
      }
      if (cache.hit()) {
        diskHits++;
      } else {
        compilations++;
      }
    } else {
      compilations++;
    }
    return new Compilation.Compiled(new CompiledModule(hash, original, wasm64, runnable, factory));
  }

  private static Function<Instance, Machine> compileWith(com.dylibso.chicory.wasm.WasmModule runnable,
      DiskCodeCache cache) {
    return MachineFactoryCompiler.builder(runnable)
        .withInterpreterFallback(InterpreterFallback.SILENT)
        .withCache(cache)
        .compile();
  }

  /**
   * Chicory 1.7.5 always runs a start section during instantiation, before the host can set the
   * budget: the engine drops the section and calls the start function itself (same index).
   */
  private static WasmModule withoutStart(WasmModule m) {
    if (m.start().isEmpty()) {
      return m;
    }
    return new WasmModule(m.types(), m.imports(), m.functions(), m.tables(), m.memories(), m.globals(), m.exports(),
        java.util.OptionalInt.empty(), m.elements(), m.dataCount(), m.code(), m.data(), m.customSections());
  }

  private static Compilation rejected(Category c, String message) {
    return new Compilation.Rejected(new WasmError(c, message == null ? "(no message)" : message));
  }

  @Override
  public Instantiation instantiate(CompiledModule module, ImportResolver imports, MemoryFactory memory,
      NumInstructions startBudget) {
    return ChicoryInstance.instantiate(module, imports, memory, startBudget);
  }

  @Override
  public synchronized CacheStats cacheStats() {
    return new CacheStats(memoryHits, diskHits, compilations, rejections);
  }
}
