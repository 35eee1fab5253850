package dev.jic.wasm.instrument;

import dev.jic.wasm.binary.Imm;
import dev.jic.wasm.binary.Instruction;
import dev.jic.wasm.binary.Opcodes;
import dev.jic.wasm.binary.Parts.Export;
import dev.jic.wasm.binary.Parts.ExternalKind;
import dev.jic.wasm.binary.Parts.FunctionBody;
import dev.jic.wasm.binary.Parts.Global;
import dev.jic.wasm.binary.Parts.ImportDesc;
import dev.jic.wasm.binary.Parts.Locals;
import dev.jic.wasm.binary.Types.FuncType;
import dev.jic.wasm.binary.Types.GlobalType;
import dev.jic.wasm.binary.ValType;
import dev.jic.wasm.binary.WasmModule;
import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic instruction counting by rewriting the module (the engine has no fuel), plus the
 * other determinism passes applied with it (see {@link Options}).
 *
 * <p>The rewrite adds one mutable i64 global, exported as {@value #COUNTER_EXPORT}, that holds the
 * remaining budget. The host sets it before a call and reads it after.
 *
 * <ul>
 *   <li><b>Basic blocks.</b> A block starts at function entry and after every {@code block, loop,
 *       if, else, end, br, br_if, br_table, return, unreachable, call, call_indirect}; it ends with
 *       the next such instruction (inclusive). On entry to a block its whole cost is subtracted
 *       (nothing is emitted for a block of cost 0).
 *   <li><b>Weights.</b> With {@link Options#icWeights()} each original instruction costs its
 *       {@link InstructionCosts} weight (the IC's table; memory accesses times
 *       {@link Options#wasm64MemoryFactor()} in a 64-bit module); otherwise each costs
 *       {@value #WEIGHT}. The instrumentation's own instructions are free. Bulk operations
 *       ({@code memory.fill/copy/init}, {@code table.fill/copy/init}) additionally cost their length
 *       operand {@code n} (bytes or elements), charged just before the operation.
 *   <li><b>Checks.</b> At function entry and at every loop header, after charging: if the counter
 *       is negative it is set to {@link Long#MIN_VALUE} and the code executes {@code unreachable}.
 *       A trap with the counter at {@code Long.MIN_VALUE} therefore means "out of instructions".
 *       A block without a check may leave the counter negative: the host must treat a negative
 *       counter after a call returns as out of instructions too. Both outcomes depend only on the
 *       module and the budget, so every engine and run agrees.
 *   <li><b>Local counter</b> ({@link Options#localCounter()}): each function copies the global
 *       into a local on entry and charges and checks the local; it writes the local back to the
 *       global before every {@code call}, {@code call_indirect}, {@code return}, {@code unreachable},
 *       branch out of the function and the final {@code end}, and reloads it after every call. So
 *       host functions ({@code performance_counter}, charges), callees and the host after a
 *       return see exactly the count the global variant would show. After a <em>trap</em> the global
 *       holds the count at the last of those points (an engine trap unwinds the local away):
 *       still deterministic, but it omits the instructions run since then in the trapping
 *       function (at most the code since its entry, its last call or the last {@code unreachable};
 *       explicit traps through {@code ic0.trap} are calls and so exact).
 *   <li><b>Pre-charged helpers</b> (with the local counter): a function whose body is one basic
 *       block (no control flow, calls or bulk operations) and that only direct {@code call}s can
 *       reach (not exported, not in a table or {@code ref.func}, not the start function) is left
 *       uninstrumented; every call site charges its constant cost as part of the calling block and
 *       does not synchronise the counter around the call. Completed calls count exactly the same;
 *       the out-of-instructions check moves from the helper's entry to the caller's next check.
 *       See {@link Precharge}.
 *   <li><b>Then</b>, per {@link Options}: {@link StackLimit} (deterministic call depth) and
 *       {@link NanCanonicalization}; their instructions are not charged.
 * </ul>
 *
 * <p>Instructions used = budget set − counter read (while non-negative). Function, global (other
 * than the added ones, which come last), local and type indices of the original module are
 * unchanged.
 */
public final class InstructionCounting {
  private InstructionCounting() {}

  /** The export name of the counter global (reserved by IC validation, so canisters cannot use it). */
  public static final String COUNTER_EXPORT = "canister counter_instructions";

  /** Cost of each original instruction under flat weights ({@link Options#FLAT}). */
  public static final int WEIGHT = 1;

  /**
   * What the rewrite does besides counting.
   *
   * @param icWeights IC-style per-instruction weights ({@link InstructionCosts}) instead of a flat 1
   * @param wasm64MemoryFactor multiplier for memory-access weights when memory 0 is 64-bit (IC: 2)
   * @param canonicalizeNans apply {@link NanCanonicalization}
   * @param stackLimit apply {@link StackLimit} with this many stack units; 0 = off
   * @param localCounter keep the counter in a local of each function and synchronise it with the
   *     global only where someone can look (see the class documentation); same counts, much
   *     cheaper than a global access per basic block
   */
  public record Options(boolean icWeights, int wasm64MemoryFactor, boolean canonicalizeNans, int stackLimit,
      boolean localCounter) {
    /** IC weights, 2x memory accesses in wasm64, NaN canonicalisation, local counter; no stack limit. */
    public static final Options DEFAULT = new Options(true, 2, true, 0, true);
    /** Everything jic needs for determinism: {@link #DEFAULT} plus {@link StackLimit#DEFAULT_LIMIT}. */
    public static final Options DETERMINISTIC = new Options(true, 2, true, StackLimit.DEFAULT_LIMIT, true);
    /** Flat weight 1 per instruction and nothing else (the first version's behaviour). */
    public static final Options FLAT = new Options(false, 1, false, 0, false);
    /**
     * What {@link #instrument(WasmModule, long)} uses: flat weights plus NaN canonicalisation, the
     * counter in the global. The engine uses {@code ChicoryEngine.OPTIONS}.
     */
    public static final Options COMPAT = new Options(false, 1, true, 0, false);

    public Options {
      if (wasm64MemoryFactor < 1 || stackLimit < 0) {
        throw new IllegalArgumentException("wasm64MemoryFactor >= 1 and stackLimit >= 0 required");
      }
    }

    /** Options with the counter in the global ({@code localCounter} false). */
    public Options(boolean icWeights, int wasm64MemoryFactor, boolean canonicalizeNans, int stackLimit) {
      this(icWeights, wasm64MemoryFactor, canonicalizeNans, stackLimit, false);
    }
  }

  /** The instrumented module and the index of its counter global. */
  public record Result(WasmModule module, int counterGlobal) {}

  /** {@link #instrument(WasmModule, long, Options)} with {@link Options#COMPAT} (source-compatible entry point). */
  public static Result instrument(WasmModule m, long initialBudget) {
    return instrument(m, initialBudget, Options.COMPAT);
  }

  /**
   * Rewrites {@code m}. The counter's initial value {@code initialBudget} is what the start
   * function (if any) runs with; set the counter before every later call.
   */
  public static Result instrument(WasmModule m, long initialBudget, Options options) {
    int importedGlobals = (int) m.imports().stream().filter(i -> i.desc() instanceof ImportDesc.Global).count();
    int counter = importedGlobals + m.globals().size();
    boolean memory64 = !m.allMemories().isEmpty() && m.allMemories().get(0).limits().is64();
    List<FunctionBody> code = new ArrayList<>(m.code().size());
    int importedFunctions = m.importedFunctionCount();
    long[] precharged = options.localCounter() ? Precharge.costs(m, options.icWeights(), memory64 ? options.wasm64MemoryFactor() : 1)
        : new long[m.code().size()];
    if (!options.localCounter()) {
      java.util.Arrays.fill(precharged, -1);
    }
    for (int i = 0; i < m.code().size(); i++) {
      FuncType type = m.functionType(importedFunctions + i);
      int params = type == null ? 0 : type.params().size();
      code.add(precharged[i] >= 0 ? m.code().get(i)
          : body(m.code().get(i), counter, params, memory64, options, precharged, importedFunctions));
    }
    List<Global> globals = new ArrayList<>(m.globals());
    globals.add(new Global(new GlobalType(ValType.I64, true),
        List.of(new Instruction(Opcodes.I64_CONST, new Imm.I64(initialBudget)), Instruction.of(Opcodes.END))));
    List<Export> exports = new ArrayList<>(m.exports());
    exports.add(new Export(COUNTER_EXPORT, ExternalKind.GLOBAL, counter));
    WasmModule out = new WasmModule(m.types(), m.imports(), m.functions(), m.tables(), m.memories(), globals,
        exports, m.start(), m.elements(), m.dataCount(), code, m.data(), m.customSections());
    if (options.stackLimit() > 0) {
      out = StackLimit.apply(out, options.stackLimit()).module();
    }
    if (options.canonicalizeNans()) {
      out = NanCanonicalization.apply(out);
    }
    return new Result(out, counter);
  }

  private static boolean endsBlock(int op) {
    return switch (op) {
      case Opcodes.BLOCK, Opcodes.LOOP, Opcodes.IF, Opcodes.ELSE, Opcodes.END, Opcodes.BR, Opcodes.BR_IF,
          Opcodes.BR_TABLE, Opcodes.RETURN, Opcodes.UNREACHABLE, Opcodes.CALL, Opcodes.CALL_INDIRECT -> true;
      default -> false;
    };
  }

  private static FunctionBody body(FunctionBody b, int counter, int paramCount, boolean memory64, Options o,
      long[] precharged, int importedFunctions) {
    long factor = memory64 ? o.wasm64MemoryFactor() : 1;
    List<Instruction> in = b.code();
    // Scratch locals after the declared ones: bulk-operation lengths (i32, i64), the local counter.
    long declared = b.locals().stream().mapToLong(Locals::count).sum();
    int scratch32 = (int) (paramCount + declared);
    int scratch64 = scratch32 + 1;
    List<Locals> locals = new ArrayList<>(b.locals());
    locals.add(new Locals(1, ValType.I32));
    locals.add(new Locals(o.localCounter() ? 2 : 1, ValType.I64));
    Counter c = new Counter(counter, o.localCounter() ? scratch64 + 1 : -1);

    List<Instruction> out = new ArrayList<>(in.size() * 2);
    c.load(out);
    Costs costs = new Costs(o.icWeights(), factor, precharged, importedFunctions);
    c.charge(out, costs.block(in, 0));
    c.check(out);
    int nesting = 0; // open block/loop/if; a branch of depth == nesting leaves the function
    for (int i = 0; i < in.size(); i++) {
      Instruction ins = in.get(i);
      int op = ins.opcode();
      chargeBulk(out, op, c, memory64, scratch32, scratch64);
      boolean call = (op == Opcodes.CALL && costs.precharged(ins) < 0) || op == Opcodes.CALL_INDIRECT;
      if (call || op == Opcodes.RETURN || op == Opcodes.UNREACHABLE || i == in.size() - 1
          || leavesFunction(ins, nesting)) {
        c.store(out); // host functions, callers and the engine see the exact count
      }
      switch (op) {
        case Opcodes.BLOCK, Opcodes.LOOP, Opcodes.IF -> nesting++;
        case Opcodes.END -> nesting--;
        default -> {}
      }
      out.add(ins);
      if (call) {
        c.load(out); // the callee and host functions charged the global
      }
      if (endsBlock(op) && i + 1 < in.size()) {
        c.charge(out, costs.block(in, i + 1));
        if (op == Opcodes.LOOP) {
          c.check(out);
        }
      }
    }
    return new FunctionBody(locals, out);
  }

  private static boolean leavesFunction(Instruction ins, int nesting) {
    return switch (ins.opcode()) {
      case Opcodes.BR, Opcodes.BR_IF -> ((Imm.Index) ins.imm()).index() == nesting;
      case Opcodes.BR_TABLE -> {
        Imm.BrTable t = (Imm.BrTable) ins.imm();
        yield t.defaultLabel() == nesting || t.labels().contains(nesting);
      }
      default -> false;
    };
  }

  /** Where the counter lives inside a function: the global, or a local mirrored into it. */
  private record Counter(int global, int local) {
    boolean isLocal() {
      return local >= 0;
    }

    void get(List<Instruction> out) {
      out.add(isLocal() ? new Instruction(Opcodes.LOCAL_GET, new Imm.Index(local))
          : new Instruction(Opcodes.GLOBAL_GET, new Imm.Index(global)));
    }

    void set(List<Instruction> out) {
      out.add(isLocal() ? new Instruction(Opcodes.LOCAL_SET, new Imm.Index(local))
          : new Instruction(Opcodes.GLOBAL_SET, new Imm.Index(global)));
    }

    /** local := global (no-op for the global counter). */
    void load(List<Instruction> out) {
      if (isLocal()) {
        out.add(new Instruction(Opcodes.GLOBAL_GET, new Imm.Index(global)));
        out.add(new Instruction(Opcodes.LOCAL_SET, new Imm.Index(local)));
      }
    }

    /** global := local (no-op for the global counter). */
    void store(List<Instruction> out) {
      if (isLocal()) {
        out.add(new Instruction(Opcodes.LOCAL_GET, new Imm.Index(local)));
        out.add(new Instruction(Opcodes.GLOBAL_SET, new Imm.Index(global)));
      }
    }

    void charge(List<Instruction> out, long cost) {
      if (cost == 0) {
        return;
      }
      get(out);
      out.add(new Instruction(Opcodes.I64_CONST, new Imm.I64(cost)));
      out.add(Instruction.of(0x7D)); // i64.sub
      set(out);
    }

    /** If the counter is negative: global := Long.MIN_VALUE, then trap. */
    void check(List<Instruction> out) {
      get(out);
      if (isLocal()) { // the sign bit, with shifts Chicory's compiler emits inline
        out.add(new Instruction(Opcodes.I64_CONST, new Imm.I64(63)));
        out.add(Instruction.of(0x88)); // i64.shr_u
        out.add(Instruction.of(0xA7)); // i32.wrap_i64
      } else {
        out.add(new Instruction(Opcodes.I64_CONST, new Imm.I64(0)));
        out.add(Instruction.of(0x53)); // i64.lt_s
      }
      out.add(new Instruction(Opcodes.IF, new Imm.Block(new dev.jic.wasm.binary.BlockType.Empty())));
      out.add(new Instruction(Opcodes.I64_CONST, new Imm.I64(Long.MIN_VALUE)));
      out.add(new Instruction(Opcodes.GLOBAL_SET, new Imm.Index(global)));
      out.add(Instruction.of(Opcodes.UNREACHABLE));
      out.add(Instruction.of(Opcodes.END));
    }
  }

  /** Block costs: IC or flat weights, plus the cost of pre-charged callees (see {@link Precharge}). */
  private record Costs(boolean icWeights, long factor, long[] precharged, int importedFunctions) {
    /** The pre-charged cost of the function {@code call} names, or -1 if it charges itself. */
    long precharged(Instruction call) {
      int f = ((Imm.Index) call.imm()).index() - importedFunctions;
      return f >= 0 && f < precharged.length ? precharged[f] : -1;
    }

    /** Cost of the block starting at {@code from}: up to and including the next block-ending instruction. */
    long block(List<Instruction> in, int from) {
      long cost = 0;
      for (int i = from; i < in.size(); i++) {
        Instruction ins = in.get(i);
        cost += icWeights ? InstructionCosts.cost(ins.opcode(), factor) : WEIGHT;
        if (ins.opcode() == Opcodes.CALL) {
          cost += Math.max(0, precharged(ins));
        }
        if (endsBlock(ins.opcode())) {
          break;
        }
      }
      return cost;
    }
  }

  /** Before a bulk operation, charge its length operand (on top of the stack). */
  private static void chargeBulk(List<Instruction> out, int op, Counter c, boolean memory64, int s32, int s64) {
    boolean lengthIsI64;
    switch (op) {
      case Opcodes.MEMORY_FILL, Opcodes.MEMORY_COPY -> lengthIsI64 = memory64;
      case Opcodes.MEMORY_INIT, Opcodes.TABLE_FILL, Opcodes.TABLE_COPY, Opcodes.TABLE_INIT -> lengthIsI64 = false;
      default -> {
        return;
      }
    }
    out.add(new Instruction(Opcodes.LOCAL_TEE, new Imm.Index(lengthIsI64 ? s64 : s32)));
    c.get(out);
    out.add(new Instruction(Opcodes.LOCAL_GET, new Imm.Index(lengthIsI64 ? s64 : s32)));
    if (!lengthIsI64) {
      out.add(Instruction.of(0xAD)); // i64.extend_i32_u
    }
    out.add(Instruction.of(0x7D)); // i64.sub
    c.set(out);
  }

}
