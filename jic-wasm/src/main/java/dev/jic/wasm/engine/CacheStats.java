package dev.jic.wasm.engine;

/**
 * What the compile cache did since the engine was created.
 *
 * @param memoryHits compiles answered from the in-memory cache
 * @param diskHits compiles that loaded previously generated classes from the disk cache
 * @param compilations compiles that ran the Chicory compiler (or, for the interpreter backend,
 *     prepared a module without generating code)
 * @param rejections compiles that returned {@link Compilation.Rejected}
 */
public record CacheStats(long memoryHits, long diskHits, long compilations, long rejections) {}
