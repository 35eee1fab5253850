/**
 * Lowering of memory64/table64 modules to 32-bit form for an engine that only runs 32-bit memories
 * and tables: {@link dev.jic.wasm.lower.Memory64Lowering}.
 *
 * <p>Properties: (1) for a valid 64-bit module whose memory stays within
 * {@link dev.jic.wasm.lower.Memory64Lowering#ENGINE_MAX_PAGES}, the lowered module returns the same
 * results, writes the same bytes and traps at the same instruction with the same trap kind as the
 * original on a 64-bit engine; {@code memory.grow} past the engine limit returns -1. (2) Import
 * signatures, exports and the function/global/type index spaces are unchanged. (3) The output is a
 * pure function of the input. (4) 32-bit modules are returned unchanged (same instance).
 */
package dev.jic.wasm.lower;
