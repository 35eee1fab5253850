package dev.jic.execution;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.MutabilityType;
import dev.jic.execution.systemapi.Ic0Linker;
import dev.jic.replicated.ExecutionState;
import dev.jic.wasm.engine.CompiledModule;
import dev.jic.wasm.engine.WasmInstance;
import dev.jic.wasm.memory.GlobalsSnapshot;
import dev.jic.wasm.memory.PageMapMemory;

/**
 * The live, NON-replicated side of an installed canister: its compiled module, Wasm instance,
 * heap memory (a {@link PageMapMemory} over the execution state's heap page map) and System API
 * linker. Rebuilt from the replicated {@link ExecutionState} whenever missing (after a restart or
 * eviction). One thread at a time.
 */
final class CanisterRuntime {
  final CompiledModule module;
  final WasmInstance instance;
  final PageMapMemory memory;
  final Ic0Linker linker;
  /** The execution state this runtime mirrors; a different object means the runtime is stale. */
  ExecutionState state;
  final boolean hasTrampoline;

  CanisterRuntime(CompiledModule module, WasmInstance instance, PageMapMemory memory, Ic0Linker linker,
      boolean hasTrampoline) {
    this.module = module;
    this.instance = instance;
    this.memory = memory;
    this.linker = linker;
    this.hasTrampoline = hasTrampoline;
  }

  /** Current heap size in Wasm pages (0 if the module has no memory). */
  int heapPages() {
    return memory == null ? 0 : memory.pages();
  }

  GlobalsSnapshot captureGlobals() {
    return GlobalsSnapshot.capture(instance.chicoryInstance());
  }

  /** Low halves of the mutable globals in index order. */
  static long[] low(GlobalsSnapshot g) {
    long[] out = new long[g.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = g.valueLow(k);
    }
    return out;
  }

  /** High halves of the mutable globals in index order. */
  static long[] high(GlobalsSnapshot g) {
    long[] out = new long[g.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = g.valueHigh(k);
    }
    return out;
  }

  /** Writes persisted global values back into the instance's mutable globals, in index order. */
  void restoreGlobals(long[] low, long[] high) {
    Instance inst = instance.chicoryInstance();
    int k = 0;
    for (int i = 0; i < inst.globalCount() && k < low.length; i++) {
      GlobalInstance g = inst.global(i);
      if (g.getMutabilityType() == MutabilityType.Var) {
        g.setValueLow(low[k]);
        g.setValueHigh(high[k]);
        k++;
      }
    }
  }
}
