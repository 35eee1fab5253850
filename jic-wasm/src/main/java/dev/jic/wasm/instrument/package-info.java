/**
 * Rewriting passes applied after IC validation and before compilation. So far:
 * {@link dev.jic.wasm.instrument.InstructionCounting}, deterministic instruction metering.
 */
package dev.jic.wasm.instrument;
