package dev.jic.wasm.engine;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.MemoryLimits;

/**
 * Creates the linear memory of a new instance, so callers can plug in their own implementation
 * (e.g. a page-map backed, transactional memory). The limits are those of the module as the
 * engine runs it (after memory64 lowering, so always 32-bit and at most 2 GiB − 64 KiB).
 * The memory returned must be fresh (the engine initialises it from the data segments) and must
 * trap (throw Chicory's runtime exception) on any out-of-bounds access, negative addresses included.
 */
@FunctionalInterface
public interface MemoryFactory {
  /** A new memory for {@code limits}. */
  Memory create(MemoryLimits limits);

  /** Chicory's plain heap memory (a byte array), the default. */
  static MemoryFactory heap() {
    return ByteArrayMemory::new;
  }
}
