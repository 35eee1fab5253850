package dev.jic.wasm.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import dev.jic.wasm.binary.Parts.ExternalKind;
import dev.jic.wasm.binary.Types.FuncType;
import dev.jic.wasm.binary.WasmModule;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * A module that passed decoding, validation and rewriting (metering, memory64 lowering) and was
 * compiled: immutable, thread-safe, and shareable by any number of instances. Identified by the
 * {@link ModuleHash} of the bytes it was compiled from.
 */
public final class CompiledModule {
  private final ModuleHash hash;
  private final WasmModule original;
  private final boolean wasm64;
  private final com.dylibso.chicory.wasm.WasmModule runnable;
  private final Function<Instance, Machine> machineFactory;

  CompiledModule(ModuleHash hash, WasmModule original, boolean wasm64,
      com.dylibso.chicory.wasm.WasmModule runnable, Function<Instance, Machine> machineFactory) {
    this.hash = hash;
    this.original = original;
    this.wasm64 = wasm64;
    this.runnable = runnable;
    this.machineFactory = machineFactory;
  }

  /** The SHA-256 of the module bytes as given to {@link WasmEngine#compile}. */
  public ModuleHash hash() {
    return hash;
  }

  /** Whether the original module has a 64-bit memory (it runs lowered to 32 bits). */
  public boolean wasm64() {
    return wasm64;
  }

  /** The decoded original module (before any rewriting). */
  public WasmModule original() {
    return original;
  }

  /** The type of the exported function {@code name} (as the original declares it), if exported. */
  public Optional<FuncType> exportedFunction(String name) {
    return original.exports().stream()
        .filter(e -> e.kind() == ExternalKind.FUNC && e.name().equals(name))
        .findFirst()
        .map(e -> original.functionType(e.index()));
  }

  /** The start function's index, if the module has one. */
  OptionalInt start() {
    return original.start();
  }

  /** The rewritten module as Chicory runs it. */
  com.dylibso.chicory.wasm.WasmModule runnable() {
    return runnable;
  }

  /** The compiled code's machine factory, or null to interpret. */
  Function<Instance, Machine> machineFactory() {
    return machineFactory;
  }

  @Override
  public String toString() {
    return "CompiledModule[" + hash + (wasm64 ? ", wasm64" : "") + (machineFactory == null ? ", interpreted" : "") + "]";
  }
}
