/**
 * The Wasm engine SPI ({@link dev.jic.wasm.engine.WasmEngine}) and its Chicory 1.7.5 backend
 * ({@link dev.jic.wasm.engine.ChicoryEngine}).
 *
 * <p><b>Safety (determinism).</b> For the same module bytes, arguments, host behaviour and budget,
 * every call has the same outcome: results, trap kind, instruction count, and memory/global
 * contents, on every machine and with either backend (compiler or interpreter). Instruction counts
 * come only from the module rewrite ({@link dev.jic.wasm.instrument.InstructionCounting}); the
 * engine reads the counter global, never a clock. Call depth is limited by the instrumented
 * code too ({@link dev.jic.wasm.instrument.StackLimit},
 * {@link dev.jic.wasm.engine.ChicoryEngine#STACK_LIMIT} units), and calls run on threads with a
 * fixed 256 MiB stack so that limit, not the JVM's stack, decides
 * {@link dev.jic.wasm.engine.TrapKind#STACK_OVERFLOW}.
 *
 * <p><b>Liveness.</b> Every call terminates: each loop iteration and function entry checks the
 * budget, so a call uses at most its budget (plus one basic block) before
 * {@link dev.jic.wasm.engine.CallOutcome.OutOfInstructions}.
 *
 * <p><b>Errors</b> follow the Wasm spec's categories ({@link dev.jic.wasm.engine.WasmError.Category}:
 * malformed, invalid, unlinkable, trap) and are values ({@link dev.jic.wasm.engine.Compilation},
 * {@link dev.jic.wasm.engine.Instantiation}, {@link dev.jic.wasm.engine.CallOutcome}); mapping them
 * to IC reject codes is the execution layer's, in one place. Exceptions mean bugs (a caller asking
 * for a missing export, a host function throwing something other than
 * {@link dev.jic.wasm.engine.HostTrap}).
 *
 * <p><b>Compile cache.</b> Compiled modules are cached by {@link dev.jic.wasm.engine.ModuleHash}
 * in a bounded in-memory LRU and, optionally, on disk as the class files Chicory's compiler
 * generated (Chicory 1.7.5's own {@code MachineFactoryCompiler.Builder.withCache} hook), so a
 * restarted node loads classes instead of compiling; see {@link dev.jic.wasm.engine.DiskCodeCache}.
 */
package dev.jic.wasm.engine;
