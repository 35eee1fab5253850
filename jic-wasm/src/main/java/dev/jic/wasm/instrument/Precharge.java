package dev.jic.wasm.instrument;

import dev.jic.wasm.binary.Imm;
import dev.jic.wasm.binary.Instruction;
import dev.jic.wasm.binary.Opcodes;
import dev.jic.wasm.binary.Parts.ElementItems;
import dev.jic.wasm.binary.Parts.ElementSegment;
import dev.jic.wasm.binary.Parts.Export;
import dev.jic.wasm.binary.Parts.ExternalKind;
import dev.jic.wasm.binary.Parts.FunctionBody;
import dev.jic.wasm.binary.Parts.Global;
import dev.jic.wasm.binary.WasmModule;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the functions whose instruction cost {@link InstructionCounting} charges at their call
 * sites instead of inside them: small straight-line helpers (getters, setters, arithmetic
 * wrappers) that compilers emit in great numbers and call in hot loops. Charging at the call site
 * lets the caller skip the counter synchronisation around the call and the helper skip its own
 * load, charge, check and store, while every completed call counts exactly what it would
 * otherwise.
 *
 * <p>A defined function qualifies when its body is a single basic block (no {@code block, loop,
 * if, else, br, br_if, br_table, return, unreachable, call, call_indirect}, and no bulk memory or
 * table operation, whose cost depends on an operand) and only direct {@code call}s can reach it:
 * it is not exported, not the start function, not named by an element segment, a global
 * initialiser or a {@code ref.func}.
 */
final class Precharge {
  private Precharge() {}

  /**
   * Per defined function (code-section order): the cost its call sites charge, or -1 if it charges
   * itself.
   */
  static long[] costs(WasmModule m, boolean icWeights, long factor) {
    int imported = m.importedFunctionCount();
    boolean[] escapes = new boolean[m.code().size()];
    for (Export x : m.exports()) {
      if (x.kind() == ExternalKind.FUNC) {
        mark(escapes, x.index() - imported);
      }
    }
    if (m.start().isPresent()) {
      mark(escapes, m.start().getAsInt() - imported);
    }
    for (ElementSegment e : m.elements()) {
      switch (e.items()) {
        case ElementItems.Functions f -> f.indices().forEach(i -> mark(escapes, i - imported));
        case ElementItems.Expressions x -> x.exprs().forEach(expr -> refFuncs(expr, escapes, imported));
      }
    }
    for (Global g : m.globals()) {
      refFuncs(g.init(), escapes, imported);
    }
    for (FunctionBody b : m.code()) {
      refFuncs(b.code(), escapes, imported);
    }
    long[] out = new long[m.code().size()];
    Arrays.fill(out, -1);
    for (int i = 0; i < out.length; i++) {
      if (!escapes[i]) {
        out[i] = straightLineCost(m.code().get(i).code(), icWeights, factor);
      }
    }
    return out;
  }

  private static void mark(boolean[] escapes, int definedIndex) {
    if (definedIndex >= 0 && definedIndex < escapes.length) {
      escapes[definedIndex] = true;
    }
  }

  private static void refFuncs(List<Instruction> code, boolean[] escapes, int imported) {
    for (Instruction ins : code) {
      if (ins.opcode() == Opcodes.REF_FUNC) {
        mark(escapes, ((Imm.Index) ins.imm()).index() - imported);
      }
    }
  }

  /** The cost of a body that is one basic block ending with the function's end, or -1. */
  private static long straightLineCost(List<Instruction> code, boolean icWeights, long factor) {
    long cost = 0;
    for (int i = 0; i < code.size(); i++) {
      int op = code.get(i).opcode();
      boolean last = i == code.size() - 1;
      if (last ? op != Opcodes.END : endsBlockOrDynamic(op)) {
        return -1;
      }
      cost += icWeights ? InstructionCosts.cost(op, factor) : InstructionCounting.WEIGHT;
    }
    return cost;
  }

  private static boolean endsBlockOrDynamic(int op) {
    return switch (op) {
      case Opcodes.BLOCK, Opcodes.LOOP, Opcodes.IF, Opcodes.ELSE, Opcodes.END, Opcodes.BR, Opcodes.BR_IF,
          Opcodes.BR_TABLE, Opcodes.RETURN, Opcodes.UNREACHABLE, Opcodes.CALL, Opcodes.CALL_INDIRECT,
          Opcodes.MEMORY_FILL, Opcodes.MEMORY_COPY, Opcodes.MEMORY_INIT, Opcodes.TABLE_FILL, Opcodes.TABLE_COPY,
          Opcodes.TABLE_INIT -> true;
      default -> false;
    };
  }
}
