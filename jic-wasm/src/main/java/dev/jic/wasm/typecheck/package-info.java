/**
 * Wasm type validation (the core spec's validation algorithm, section 3 and its appendix): the
 * module-level rules (indices, limits, constant expressions, exports, start, segments) in
 * {@link dev.jic.wasm.typecheck.WasmTypeChecker} and the per-function operand/control-stack
 * algorithm in {@code FunctionChecker}. Features: Wasm 2.0 (multi-value, reference types, bulk
 * memory, fixed-width SIMD, sign extension, saturating truncation) plus memory64/table64 index
 * types. Pure, deterministic, never throws anything but {@link
 * dev.jic.wasm.typecheck.WasmInvalidException} on a decoded module.
 */
package dev.jic.wasm.typecheck;
