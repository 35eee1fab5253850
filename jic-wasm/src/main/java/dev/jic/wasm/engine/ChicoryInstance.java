package dev.jic.wasm.engine;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UnlinkableException;
import com.dylibso.chicory.wasm.types.FunctionImport;
import dev.jic.types.unit.NumInstructions;
import dev.jic.wasm.binary.Parts.Import;
import dev.jic.wasm.binary.Parts.ImportDesc;
import dev.jic.wasm.binary.Types.FuncType;
import dev.jic.wasm.engine.WasmError.Category;
import dev.jic.wasm.instrument.InstructionCounting;
import dev.jic.wasm.instrument.StackLimit;
import dev.jic.wasm.memory.RestorableTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A Chicory instance of a metered module. The budget lives in the module's counter global
 * ({@link InstructionCounting#COUNTER_EXPORT}): set to the budget before a call, read after.
 * Instructions used = budget − counter; a negative counter (after a return, a trap, or at a host
 * call) means out of instructions. A host function is never entered with a negative counter: the
 * call ends with {@link CallOutcome.OutOfInstructions} instead, so no System API side effect
 * happens after the budget is gone.
 *
 * <p>Every call (and instantiation, which may run the start function) runs on an
 * {@link EngineThreads} thread with a large fixed stack; the depth global
 * ({@link StackLimit#DEPTH_EXPORT}) is set to 0 before each call, and a trap with the depth above
 * {@link ChicoryEngine#STACK_LIMIT} is {@link TrapKind#STACK_OVERFLOW}. Host functions therefore
 * run on that thread too. Tables are {@link RestorableTable}s, so
 * {@link dev.jic.wasm.memory.TablesSnapshot} can undo any table change.
 */
final class ChicoryInstance implements WasmInstance, HostContext {
  private final CompiledModule module;
  private Instance instance;
  private GlobalInstance counter;
  private GlobalInstance depth;
  private long budget;
  private final Map<String, ExportFunction> exports = new HashMap<>();

  private ChicoryInstance(CompiledModule module) {
    this.module = module;
  }

  /** Thrown through Wasm frames when a host charge exhausts the budget. */
  private static final class OutOfInstructionsSignal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutOfInstructionsSignal() {
      super("out of instructions", null, false, false);
    }
  }

  static Instantiation instantiate(CompiledModule module, ImportResolver resolver, MemoryFactory memory,
      NumInstructions startBudget) {
    return EngineThreads.run(() -> instantiateHere(module, resolver, memory, startBudget));
  }

  private static Instantiation instantiateHere(CompiledModule module, ImportResolver resolver, MemoryFactory memory,
      NumInstructions startBudget) {
    ChicoryInstance self = new ChicoryInstance(module);
    List<ImportFunction> functions = new ArrayList<>();
    var chicoryImports = module.runnable().importSection();
    List<Import> imports = module.original().imports();
    for (int i = 0; i < imports.size(); i++) {
      Import imp = imports.get(i);
      if (!(imp.desc() instanceof ImportDesc.Func f) || !(chicoryImports.getImport(i) instanceof FunctionImport ci)) {
        return failed(Category.UNLINKABLE, "import " + imp.module() + "." + imp.name()
            + " is not a function: only function imports can be provided");
      }
      FuncType type = module.original().types().get(f.typeIndex());
      Optional<dev.jic.wasm.engine.HostFunction> fn = resolver.resolve(imp.module(), imp.name(), type);
      if (fn.isEmpty()) {
        return failed(Category.UNLINKABLE, "unknown import " + imp.module() + "." + imp.name());
      }
      dev.jic.wasm.engine.HostFunction host = fn.get();
      functions.add(new HostFunction(imp.module(), imp.name(),
          module.runnable().typeSection().getType(ci.typeIndex()), (inst, args) -> self.callHost(host, args)));
    }
    Instance.Builder b = Instance.builder(module.runnable())
        .withImportValues(ImportValues.builder().withFunctions(functions).build())
        .withMemoryFactory(memory::create)
        .withTableFactory(RestorableTable::new)
        .withStart(false);
    if (module.machineFactory() != null) {
      b.withMachineFactory(module.machineFactory());
    }
    try {
      self.instance = b.build();
    } catch (UnlinkableException e) {
      return failed(Category.UNLINKABLE, e.getMessage());
    } catch (ChicoryException e) {
      return failed(Category.TRAP, e.getMessage());
    }
    self.counter = self.instance.exports().global(InstructionCounting.COUNTER_EXPORT);
    self.depth = self.instance.exports().global(StackLimit.DEPTH_EXPORT);
    CallOutcome start = module.start().isPresent()
        ? self.run(() -> self.instance.getMachine().call(module.start().getAsInt(), new long[0]), startBudget)
        : new CallOutcome.Completed(List.of(), NumInstructions.ZERO);
    return new Instantiation.Instantiated(self, start);
  }

  private static Instantiation failed(Category c, String message) {
    return new Instantiation.Failed(new WasmError(c, message == null ? "(no message)" : message));
  }

  private long[] callHost(dev.jic.wasm.engine.HostFunction host, long[] args) {
    if (counter.getValue() < 0) {
      throw new OutOfInstructionsSignal();
    }
    return host.call(this, args);
  }

  @Override
  public CompiledModule module() {
    return module;
  }

  @Override
  public CallOutcome call(String export, List<Long> args, NumInstructions budget) {
    FuncType type = module.exportedFunction(export)
        .orElseThrow(() -> new IllegalArgumentException("no exported function '" + export + "'"));
    if (type.params().size() != args.size()) {
      throw new IllegalArgumentException("'" + export + "' takes " + type.params().size() + " arguments, got "
          + args.size());
    }
    ExportFunction fn = exports.computeIfAbsent(export, instance::export);
    long[] raw = new long[args.size()];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = args.get(i);
    }
    return run(() -> fn.apply(raw), budget);
  }

  private CallOutcome run(Supplier<long[]> body, NumInstructions budget) {
    return EngineThreads.run(() -> runHere(body, budget));
  }

  private CallOutcome runHere(Supplier<long[]> body, NumInstructions budget) {
    long b = budget.value();
    this.budget = b;
    counter.setValue(b);
    depth.setValue(0);
    try {
      long[] r = body.get();
      long c = counter.getValue();
      if (c < 0) {
        return new CallOutcome.OutOfInstructions(budget);
      }
      List<Long> results = new ArrayList<>(r == null ? 0 : r.length);
      if (r != null) {
        for (long v : r) {
          results.add(v);
        }
      }
      return new CallOutcome.Completed(results, NumInstructions.of(b - c));
    } catch (RuntimeException | StackOverflowError e) {
      return failure(e, budget);
    }
  }

  private CallOutcome failure(Throwable e, NumInstructions budget) {
    HostTrap hostTrap = null;
    RuntimeException hostBug = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof OutOfInstructionsSignal) {
        return new CallOutcome.OutOfInstructions(budget);
      } else if (t instanceof HostTrap h) {
        hostTrap = h;
        break;
      } else if (t instanceof RuntimeException r && !(t instanceof ChicoryException) && hostBug == null) {
        hostBug = r;
      }
    }
    if (e instanceof StackOverflowError || (hostTrap == null && hostBug == null
        && TrapKind.fromMessage(e.getMessage()) == TrapKind.STACK_OVERFLOW)) {
      // The JVM's stack ran out before the deterministic limit: where that happens depends on the
      // JVM, so the outcome must not. Same kind as the limit, and the whole budget is charged.
      return new CallOutcome.Trapped(TrapKind.STACK_OVERFLOW, "call stack exhausted (engine stack)", budget);
    }
    long c = counter.getValue();
    if (c < 0) {
      return new CallOutcome.OutOfInstructions(budget);
    }
    NumInstructions used = NumInstructions.of(this.budget - c);
    if ((depth.getValue() & 0xFFFF_FFFFL) > ChicoryEngine.STACK_LIMIT) {
      return new CallOutcome.Trapped(TrapKind.STACK_OVERFLOW, "call stack exhausted", used);
    }
    if (hostTrap != null) {
      return new CallOutcome.Trapped(TrapKind.HOST, hostTrap.getMessage(), used);
    }
    if (hostBug != null) {
      throw hostBug;
    }
    String message = String.valueOf(e.getMessage());
    return new CallOutcome.Trapped(TrapKind.fromMessage(message), message, used);
  }

  @Override
  public Memory memory() {
    return module.runnable().memorySection().isPresent() || hasImportedMemory() ? instance.memory() : null;
  }

  private boolean hasImportedMemory() {
    return module.original().imports().stream().anyMatch(i -> i.desc() instanceof ImportDesc.Memory);
  }

  @Override
  public Instance chicoryInstance() {
    return instance;
  }

  @Override
  public NumInstructions performanceCounter() {
    long c = counter.getValue();
    return NumInstructions.of(c < 0 ? budget : budget - c);
  }

  @Override
  public NumInstructions remaining() {
    return NumInstructions.of(Math.max(0, counter.getValue()));
  }

  @Override
  public void charge(NumInstructions n) {
    long c = counter.getValue();
    if (n.value() > c) {
      counter.setValue(Long.MIN_VALUE);
      throw new OutOfInstructionsSignal();
    }
    counter.setValue(c - n.value());
  }
}
