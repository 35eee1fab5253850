/**
 * Rewriting passes applied after validation and before compilation, all deterministic functions
 * of the module: {@link dev.jic.wasm.instrument.InstructionCounting} (metering with
 * {@link dev.jic.wasm.instrument.InstructionCosts}, the IC-style weights),
 * {@link dev.jic.wasm.instrument.NanCanonicalization} and {@link dev.jic.wasm.instrument.StackLimit}
 * (a deterministic call-depth limit). See docs/WASM.md.
 */
package dev.jic.wasm.instrument;
