package dev.jic.wasm.engine;

import dev.jic.types.unit.NumInstructions;

/**
 * Runs canister Wasm deterministically: compile once per module, instantiate many times, call
 * exports with an instruction budget. Implementations must give exactly the same outcomes
 * (results, trap kinds, instruction counts, memory contents) for the same inputs, whatever the
 * backend, machine or run.
 */
public interface WasmEngine {
  /**
   * Decodes (raw or gzip-compressed bytes), validates, rewrites (metering; memory64 lowering for
   * 64-bit modules) and compiles a module, or returns the cached result for the same bytes.
   * Thread-safe.
   *
   * @return {@link Compilation.Compiled}, or {@link Compilation.Rejected} with category
   *     {@code MALFORMED} or {@code INVALID} (never an exception for any input bytes)
   */
  Compilation compile(byte[] moduleBytes);

  /**
   * Creates an instance: resolves every import through {@code imports}, creates the memory with
   * {@code memory}, initialises memory and tables from the segments, then runs the start
   * function (if any) with {@code startBudget}.
   */
  Instantiation instantiate(CompiledModule module, ImportResolver imports, MemoryFactory memory,
      NumInstructions startBudget);

  /** Cache counters since this engine was created. */
  CacheStats cacheStats();
}
