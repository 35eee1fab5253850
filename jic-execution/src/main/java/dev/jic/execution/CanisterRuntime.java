package dev.jic.execution;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.MutabilityType;
import dev.jic.execution.systemapi.Ic0Linker;
import dev.jic.replicated.ExecutionState;
import dev.jic.wasm.binary.Parts.DataSegment;
import dev.jic.wasm.binary.Parts.SegmentMode;
import dev.jic.wasm.engine.CompiledModule;
import dev.jic.wasm.engine.WasmInstance;
import dev.jic.wasm.memory.GlobalsSnapshot;
import dev.jic.wasm.memory.PageMapMemory;
import dev.jic.wasm.memory.TablesSnapshot;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The live, NON-replicated side of an installed canister: its compiled module, Wasm instance,
 * heap memory (a {@link PageMapMemory} over the execution state's heap page map) and System API
 * linker. Rebuilt from the replicated {@link ExecutionState} whenever missing (after a restart or
 * eviction) or {@link #stale}. One thread at a time.
 *
 * <p><b>One instance, many messages.</b> The replica builds a fresh Wasm instance for every
 * execution (dfinity/ic {@code WasmtimeEmbedder::new_instance}) from the module, the persisted
 * memory and the exported globals, so tables, element segments and passive data segments start
 * every message as instantiated. jic keeps one instance and gets the same effect: the tables and
 * element segments as they were right after instantiation ({@link #tables}) are put back after
 * every execution ({@link #endExecution}), and a data segment dropped by a committed execution
 * (which a rollback of the memory cannot undo any more) makes the runtime stale, so the next
 * execution gets a fresh instance over the committed state.
 */
final class CanisterRuntime {
  final CompiledModule module;
  final WasmInstance instance;
  final PageMapMemory memory;
  final Ic0Linker linker;
  /** The execution state this runtime mirrors; a different object means the runtime is stale. */
  ExecutionState state;
  final boolean hasTrampoline;
  /** Tables and element segments right after instantiation (and the start function). */
  private final TablesSnapshot tables;
  /**
   * Indices of the module's non-empty passive data segments, if it can drop any (a module using
   * {@code data.drop} must have a data count section); a segment that reads empty was dropped.
   */
  private final int[] droppable;
  /** Set when an execution committed a {@code data.drop}: this instance must not run again. */
  boolean stale;

  CanisterRuntime(CompiledModule module, WasmInstance instance, PageMapMemory memory, Ic0Linker linker,
      boolean hasTrampoline) {
    this.module = module;
    this.instance = instance;
    this.memory = memory;
    this.linker = linker;
    this.hasTrampoline = hasTrampoline;
    Instance inst = instance.chicoryInstance();
    this.tables = TablesSnapshot.capture(inst);
    List<DataSegment> data = module.original().data();
    this.droppable = module.original().dataCount().isEmpty() ? new int[0] : IntStream.range(0, data.size())
        .filter(i -> data.get(i).mode() instanceof SegmentMode.Passive && data.get(i).size() > 0).toArray();
  }

  /**
   * Ends an execution (committed or not): puts the tables and element segments back as
   * instantiated; if a data segment was dropped, marks the runtime {@link #stale}. Call before
   * committing the memory (a commit keeps dropped segments).
   */
  void endExecution() {
    Instance inst = instance.chicoryInstance();
    tables.restoreTo(inst);
    for (int i : droppable) {
      // Chicory hands out a copy of the segment: only modules with passive segments and a data
      // count section pay it (azle: ~0.8 MB per execution, tens of microseconds).
      if (inst.dataSegmentData(i).length == 0) {
        stale = true;
        return;
      }
    }
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
