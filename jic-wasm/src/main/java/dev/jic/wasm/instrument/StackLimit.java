package dev.jic.wasm.instrument;

import dev.jic.wasm.binary.BlockType;
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
 * A deterministic call-stack limit (the engines' own stack overflow depends on the JVM, the
 * engine and the thread, so it cannot decide a replicated outcome). A mutable i32 global, exported
 * as {@value #DEPTH_EXPORT}, holds the stack units in use. Every module-defined function:
 * <ul>
 *   <li>on entry adds its frame weight {@code w = 1 + (params + locals + maxStack) / 16}, where
 *       {@code maxStack} is the largest height its operand stack reaches (the JVM frame of a
 *       compiled function holds both), and traps
 *       ({@code unreachable}) if the total then exceeds the limit;
 *   <li>on every exit (the final {@code end}, {@code return}, a branch to the function's label)
 *       subtracts {@code w} (it restores the depth it found on entry, kept in a local, since
 *       callees that return restore it too): the original body is wrapped in a block of the
 *       function's result type and every {@code return} becomes a {@code br} to that block, after
 *       which the subtraction runs once.
 * </ul>
 * Functions that call nothing (leaves) are left alone: they cannot recurse, so they add at most
 * one frame above the limit, which the engine's stack margin absorbs, and they are the most
 * frequently called functions, so skipping them saves three global accesses per call.
 * A trap unwinds without the subtractions, so the host must set the global to 0 before each call
 * from outside (or restore globals after a trap). Since only the module's own instructions move
 * the counter, the trap happens at the same call on every engine, provided the limit is below
 * every engine's natural exhaustion for the frames involved ({@link #DEFAULT_LIMIT}, measured in
 * docs/WASM.md).
 */
public final class StackLimit {
  private StackLimit() {}

  /** The export name of the depth global (in the reserved {@code canister } name space). */
  public static final String DEPTH_EXPORT = "canister stack_depth";

  /** The default limit in stack units (see docs/WASM.md for the measurement behind it). */
  public static final int DEFAULT_LIMIT = 1000;

  /** The frame weight of a function with {@code slots} parameters, locals and operand stack height. */
  public static int frameWeight(long slots) {
    return (int) Math.min(1 + slots / 16, Integer.MAX_VALUE / 4);
  }

  /** The rewritten module and the index of its depth global. */
  public record Result(WasmModule module, int depthGlobal) {}

  /** Rewrites {@code m} with a limit of {@code limit} stack units. */
  public static Result apply(WasmModule m, int limit) {
    int importedGlobals = (int) m.imports().stream().filter(i -> i.desc() instanceof ImportDesc.Global).count();
    int depth = importedGlobals + m.globals().size();
    List<FuncType> types = new ArrayList<>(m.types());
    List<FunctionBody> code = new ArrayList<>(m.code().size());
    int importedFunctions = m.importedFunctionCount();
    int[] heights;
    try {
      heights = dev.jic.wasm.typecheck.WasmTypeChecker.maxOperandHeights(m);
    } catch (dev.jic.wasm.typecheck.WasmInvalidException e) {
      heights = new int[m.code().size()]; // an invalid module: validation rejects it anyway
    }
    for (int i = 0; i < m.code().size(); i++) {
      FuncType t = m.functionType(importedFunctions + i);
      if (t == null) { // an invalid module: leave the body alone, validation rejects it
        code.add(m.code().get(i));
        continue;
      }
      FunctionBody b = m.code().get(i);
      if (isLeaf(b)) { // cannot go deeper: one frame above the limit at most (see the class doc)
        code.add(b);
        continue;
      }
      long slots = t.params().size() + b.locals().stream().mapToLong(Locals::count).sum() + heights[i];
      code.add(body(b, blockType(types, t.results()), depth, frameWeight(slots), limit, t.params().size()));
    }
    List<Global> globals = new ArrayList<>(m.globals());
    globals.add(new Global(new GlobalType(ValType.I32, true),
        List.of(new Instruction(Opcodes.I32_CONST, new Imm.I32(0)), Instruction.of(Opcodes.END))));
    List<Export> exports = new ArrayList<>(m.exports());
    exports.add(new Export(DEPTH_EXPORT, ExternalKind.GLOBAL, depth));
    WasmModule out = new WasmModule(types, m.imports(), m.functions(), m.tables(), m.memories(), globals, exports,
        m.start(), m.elements(), m.dataCount(), code, m.data(), m.customSections());
    return new Result(out, depth);
  }

  /** Whether {@code b} calls nothing (no {@code call}, no {@code call_indirect}). */
  private static boolean isLeaf(FunctionBody b) {
    for (Instruction ins : b.code()) {
      if (ins.opcode() == Opcodes.CALL || ins.opcode() == Opcodes.CALL_INDIRECT) {
        return false;
      }
    }
    return true;
  }

  /** A block type producing {@code results}: empty, one value, or a (possibly new) {@code [] -> results} type. */
  private static BlockType blockType(List<FuncType> types, List<ValType> results) {
    if (results.isEmpty()) {
      return new BlockType.Empty();
    }
    if (results.size() == 1) {
      return new BlockType.Value(results.get(0));
    }
    FuncType wanted = new FuncType(List.of(), results);
    int at = types.indexOf(wanted);
    if (at < 0) {
      types.add(wanted);
      at = types.size() - 1;
    }
    return new BlockType.TypeIndex(at);
  }

  private static FunctionBody body(FunctionBody b, BlockType wrap, int depth, int weight, int limit,
      int paramCount) {
    List<Instruction> in = b.code();
    List<Instruction> out = new ArrayList<>(in.size() + 24);
    // A local keeps this frame's depth: callees that return restore the global to it, so the exit
    // needs no global read.
    int mine = (int) (paramCount + b.locals().stream().mapToLong(Locals::count).sum());
    List<Locals> locals = new ArrayList<>(b.locals());
    locals.add(new Locals(1, ValType.I32));
    // entry: depth += weight; if depth > limit (unsigned) trap
    out.add(new Instruction(Opcodes.GLOBAL_GET, new Imm.Index(depth)));
    out.add(new Instruction(Opcodes.I32_CONST, new Imm.I32(weight)));
    out.add(Instruction.of(0x6A)); // i32.add
    out.add(new Instruction(Opcodes.LOCAL_TEE, new Imm.Index(mine)));
    out.add(new Instruction(Opcodes.GLOBAL_SET, new Imm.Index(depth)));
    out.add(new Instruction(Opcodes.LOCAL_GET, new Imm.Index(mine)));
    out.add(new Instruction(Opcodes.I32_CONST, new Imm.I32(limit)));
    out.add(Instruction.of(0x4B)); // i32.gt_u
    out.add(new Instruction(Opcodes.IF, new Imm.Block(new BlockType.Empty())));
    out.add(Instruction.of(Opcodes.UNREACHABLE));
    out.add(Instruction.of(Opcodes.END));
    out.add(new Instruction(Opcodes.BLOCK, new Imm.Block(wrap)));
    int nesting = 0; // open blocks inside the wrapper
    for (Instruction ins : in) {
      switch (ins.opcode()) {
        case Opcodes.BLOCK, Opcodes.LOOP, Opcodes.IF -> nesting++;
        case Opcodes.END -> nesting--;
        default -> {}
      }
      if (ins.opcode() == Opcodes.RETURN) {
        out.add(new Instruction(Opcodes.BR, new Imm.Index(nesting)));
      } else {
        out.add(ins); // the body's final end now closes the wrapper block
      }
    }
    // exit: depth = (this frame's depth) - weight, then the function's end
    out.add(new Instruction(Opcodes.LOCAL_GET, new Imm.Index(mine)));
    out.add(new Instruction(Opcodes.I32_CONST, new Imm.I32(weight)));
    out.add(Instruction.of(0x6B)); // i32.sub
    out.add(new Instruction(Opcodes.GLOBAL_SET, new Imm.Index(depth)));
    out.add(Instruction.of(Opcodes.END));
    return new FunctionBody(locals, out);
  }
}
