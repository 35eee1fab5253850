/**
 * IC install-time module validation: {@link dev.jic.wasm.validation.IcModuleValidator} returns an
 * {@link dev.jic.wasm.validation.IcValidationResult} value (valid, with pointer width and
 * {@code icp:} sections, or the first {@link dev.jic.wasm.validation.IcValidationError}); it never
 * throws on any input bytes.
 */
package dev.jic.wasm.validation;
