package dev.jic.wasm.engine;

/**
 * A function the host provides for a module's import (in the IC: an {@code ic0} System API
 * function).
 *
 * <p>Values are raw Wasm values as 64-bit slots: an {@code i32} is in the low 32 bits (read it
 * with {@code (int) v}; the high bits are unspecified), an {@code i64} is the whole slot, an
 * {@code f32}/{@code f64} is its IEEE bit pattern. The returned array has exactly one slot per
 * result of the import's type (an empty array or {@code null} for none).
 *
 * <p>To trap the calling canister (e.g. {@code ic0.trap}, or a System API misuse), throw
 * {@link HostTrap}: the call ends with {@link CallOutcome.Trapped} of kind {@link TrapKind#HOST}.
 * To charge extra instructions use {@link HostContext#charge}. Any other exception is treated as
 * a bug in the host and propagates out of {@link WasmInstance#call} unchanged.
 */
@FunctionalInterface
public interface HostFunction {
  /** Runs the function with the instance's context and the Wasm arguments. */
  long[] call(HostContext context, long[] args);
}
