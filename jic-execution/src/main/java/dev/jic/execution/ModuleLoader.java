package dev.jic.execution;

import dev.jic.replicated.IcpSection;
import dev.jic.wasm.binary.Parts.ExternalKind;
import dev.jic.wasm.binary.WasmEncoder;
import dev.jic.wasm.binary.WasmModule;
import dev.jic.wasm.engine.Compilation;
import dev.jic.wasm.engine.CompiledModule;
import dev.jic.wasm.engine.WasmEngine;
import dev.jic.wasm.validation.IcLimits;
import dev.jic.wasm.validation.IcModuleValidator;
import dev.jic.wasm.validation.IcValidationResult;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns installed module bytes into something runnable: IC validation (raw or gzip), the
 * callback trampoline ({@link CallbackTrampoline}), then the engine's compile (metering, memory64
 * lowering, code cache). Also extracts what the replicated state keeps: exports, {@code icp:}
 * sections, pointer width.
 */
final class ModuleLoader {
  private ModuleLoader() {}

  /** A loaded module, or why it is not valid. */
  sealed interface Result {}

  /** The module compiled. */
  record Loaded(CompiledModule compiled, boolean wasm64, List<String> exports, SortedMap<String, IcpSection> metadata,
      boolean trampoline) implements Result {}

  /** The module is not valid. */
  record Invalid(HypervisorError error) implements Result {}

  static Result load(WasmEngine engine, byte[] bytes) {
    WasmModule module;
    boolean wasm64;
    SortedMap<String, IcpSection> metadata = new TreeMap<>();
    switch (IcModuleValidator.validate(bytes, IcLimits.DEFAULT)) {
      case IcValidationResult.Invalid inv -> {
        return new Invalid(new HypervisorError.InvalidWasm(inv.error().message()));
      }
      case IcValidationResult.Valid v -> {
        module = v.module();
        wasm64 = v.wasm64();
        for (Map.Entry<String, IcValidationResult.IcpSection> e : v.icpSections().entrySet()) {
          metadata.put(e.getKey(), new IcpSection(e.getKey(), e.getValue().isPublic(), e.getValue().content()));
        }
      }
    }
    List<String> exports = module.exports().stream().filter(e -> e.kind() == ExternalKind.FUNC).map(e -> e.name())
        .sorted().toList();
    WasmModule withTrampoline = CallbackTrampoline.add(module, wasm64);
    boolean trampoline = withTrampoline != module;
    return switch (engine.compile(WasmEncoder.encode(withTrampoline))) {
      case Compilation.Compiled c -> new Loaded(c.module(), wasm64, exports, metadata, trampoline);
      case Compilation.Rejected r -> new Invalid(new HypervisorError.InvalidWasm(r.error().message()));
    };
  }
}
