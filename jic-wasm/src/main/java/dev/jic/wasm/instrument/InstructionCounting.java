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
 * Deterministic instruction counting by rewriting the module (the engine has no fuel).
 *
 * <p>The rewrite adds one mutable i64 global, exported as {@value #COUNTER_EXPORT}, that holds the
 * remaining budget. The host sets it before a call and reads it after.
 *
 * <ul>
 *   <li><b>Basic blocks.</b> A block starts at function entry and after every {@code block, loop,
 *       if, else, end, br, br_if, br_table, return, unreachable, call, call_indirect}; it ends with
 *       the next such instruction (inclusive). On entry to a block its whole cost is subtracted.
 *   <li><b>Weights.</b> Every original instruction costs {@value #WEIGHT} (the instrumentation's own
 *       instructions are free). Bulk operations ({@code memory.fill/copy/init}, {@code table.fill/
 *       copy/init}) additionally cost their length operand {@code n} (bytes or elements), charged
 *       just before the operation from the value on the stack.
 *   <li><b>Checks.</b> At function entry and at every loop header, after charging: if the counter
 *       is negative it is set to {@link Long#MIN_VALUE} and the code executes {@code unreachable}.
 *       A trap with the counter at {@code Long.MIN_VALUE} therefore means "out of instructions".
 *       A block without a check may leave the counter negative: the host must treat a negative
 *       counter after a call returns as out of instructions too. Both outcomes depend only on the
 *       module and the budget, so every engine and run agrees.
 * </ul>
 *
 * <p>Instructions used = budget set − counter read (while non-negative). Function, global (other
 * than the new one), local and type indices of the original module are unchanged.
 */
public final class InstructionCounting {
  private InstructionCounting() {}

  /** The export name of the counter global (reserved by IC validation, so canisters cannot use it). */
  public static final String COUNTER_EXPORT = "canister counter_instructions";

  /** Cost of each original instruction. */
  public static final int WEIGHT = 1;

  /** The instrumented module and the index of its counter global. */
  public record Result(WasmModule module, int counterGlobal) {}

  /**
   * Rewrites {@code m}. The counter's initial value {@code initialBudget} is what the start
   * function (if any) runs with; set the counter before every later call.
   */
  public static Result instrument(WasmModule m, long initialBudget) {
    int importedGlobals = (int) m.imports().stream().filter(i -> i.desc() instanceof ImportDesc.Global).count();
    int counter = importedGlobals + m.globals().size();
    boolean memory64 = !m.allMemories().isEmpty() && m.allMemories().get(0).limits().is64();
    List<FunctionBody> code = new ArrayList<>(m.code().size());
    int importedFunctions = m.importedFunctionCount();
    for (int i = 0; i < m.code().size(); i++) {
      FuncType type = m.functionType(importedFunctions + i);
      int params = type == null ? 0 : type.params().size();
      code.add(body(m.code().get(i), counter, params, memory64));
    }
    List<Global> globals = new ArrayList<>(m.globals());
    globals.add(new Global(new GlobalType(ValType.I64, true),
        List.of(new Instruction(Opcodes.I64_CONST, new Imm.I64(initialBudget)), Instruction.of(Opcodes.END))));
    List<Export> exports = new ArrayList<>(m.exports());
    exports.add(new Export(COUNTER_EXPORT, ExternalKind.GLOBAL, counter));
    WasmModule out = new WasmModule(m.types(), m.imports(), m.functions(), m.tables(), m.memories(), globals,
        exports, m.start(), m.elements(), m.dataCount(), code, m.data(), m.customSections());
    return new Result(out, counter);
  }

  private static boolean endsBlock(int op) {
    return switch (op) {
      case Opcodes.BLOCK, Opcodes.LOOP, Opcodes.IF, Opcodes.ELSE, Opcodes.END, Opcodes.BR, Opcodes.BR_IF,
          Opcodes.BR_TABLE, Opcodes.RETURN, Opcodes.UNREACHABLE, Opcodes.CALL, Opcodes.CALL_INDIRECT -> true;
      default -> false;
    };
  }

  private static FunctionBody body(FunctionBody b, int counter, int paramCount, boolean memory64) {
    List<Instruction> in = b.code();
    // Two scratch locals for bulk-operation lengths (i32 and i64), after the declared ones.
    long declared = b.locals().stream().mapToLong(Locals::count).sum();
    int scratch32 = (int) (paramCount + declared);
    int scratch64 = scratch32 + 1;
    List<Locals> locals = new ArrayList<>(b.locals());
    locals.add(new Locals(1, ValType.I32));
    locals.add(new Locals(1, ValType.I64));

    List<Instruction> out = new ArrayList<>(in.size() * 2);
    charge(out, counter, blockCost(in, 0));
    check(out, counter);
    for (int i = 0; i < in.size(); i++) {
      Instruction ins = in.get(i);
      chargeBulk(out, ins.opcode(), counter, memory64, scratch32, scratch64);
      out.add(ins);
      if (endsBlock(ins.opcode()) && i + 1 < in.size()) {
        charge(out, counter, blockCost(in, i + 1));
        if (ins.opcode() == Opcodes.LOOP) {
          check(out, counter);
        }
      }
    }
    return new FunctionBody(locals, out);
  }

  /** Cost of the block starting at {@code from}: up to and including the next block-ending instruction. */
  private static long blockCost(List<Instruction> in, int from) {
    long cost = 0;
    for (int i = from; i < in.size(); i++) {
      cost += WEIGHT;
      if (endsBlock(in.get(i).opcode())) {
        break;
      }
    }
    return cost;
  }

  private static void charge(List<Instruction> out, int counter, long cost) {
    out.add(new Instruction(Opcodes.GLOBAL_GET, new Imm.Index(counter)));
    out.add(new Instruction(Opcodes.I64_CONST, new Imm.I64(cost)));
    out.add(Instruction.of(0x7D)); // i64.sub
    out.add(new Instruction(Opcodes.GLOBAL_SET, new Imm.Index(counter)));
  }

  private static void check(List<Instruction> out, int counter) {
    out.add(new Instruction(Opcodes.GLOBAL_GET, new Imm.Index(counter)));
    out.add(new Instruction(Opcodes.I64_CONST, new Imm.I64(0)));
    out.add(Instruction.of(0x53)); // i64.lt_s
    out.add(new Instruction(Opcodes.IF, new Imm.Block(new dev.jic.wasm.binary.BlockType.Empty())));
    out.add(new Instruction(Opcodes.I64_CONST, new Imm.I64(Long.MIN_VALUE)));
    out.add(new Instruction(Opcodes.GLOBAL_SET, new Imm.Index(counter)));
    out.add(Instruction.of(Opcodes.UNREACHABLE));
    out.add(Instruction.of(Opcodes.END));
  }

  /** Before a bulk operation, charge its length operand (on top of the stack). */
  private static void chargeBulk(List<Instruction> out, int op, int counter, boolean memory64, int s32, int s64) {
    boolean lengthIsI64;
    switch (op) {
      case Opcodes.MEMORY_FILL, Opcodes.MEMORY_COPY -> lengthIsI64 = memory64;
      case Opcodes.MEMORY_INIT, Opcodes.TABLE_FILL, Opcodes.TABLE_COPY, Opcodes.TABLE_INIT -> lengthIsI64 = false;
      default -> {
        return;
      }
    }
    out.add(new Instruction(Opcodes.LOCAL_TEE, new Imm.Index(lengthIsI64 ? s64 : s32)));
    out.add(new Instruction(Opcodes.GLOBAL_GET, new Imm.Index(counter)));
    out.add(new Instruction(Opcodes.LOCAL_GET, new Imm.Index(lengthIsI64 ? s64 : s32)));
    if (!lengthIsI64) {
      out.add(Instruction.of(0xAD)); // i64.extend_i32_u
    }
    out.add(Instruction.of(0x7D)); // i64.sub
    out.add(new Instruction(Opcodes.GLOBAL_SET, new Imm.Index(counter)));
  }

}
