package dev.jic.wasm.lower;

import dev.jic.wasm.binary.Imm;
import dev.jic.wasm.binary.Instruction;
import dev.jic.wasm.binary.Opcodes;
import dev.jic.wasm.binary.Parts.FunctionBody;
import dev.jic.wasm.binary.Parts.Locals;
import dev.jic.wasm.binary.ValType;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites one function body for {@link Memory64Lowering}: every i64 operand of the 64-bit memory
 * or of a 64-bit table is saturated to i32 right before the instruction that consumes it, and i32
 * results that a 64-bit engine returns as i64 are extended. Operands below the top of the stack are
 * moved through fresh locals appended to the function's locals.
 */
final class FunctionLowering {
  private FunctionLowering() {}

  /** What the module declares: whether memory 0 is 64-bit, and per table whether it is 64-bit and its element type. */
  record Context(boolean memory64, boolean[] table64, List<ValType> tableElems) {
    boolean table64(int index) {
      return index >= 0 && index < table64.length && table64[index];
    }

    ValType elem(int index) {
      return index >= 0 && index < tableElems.size() ? tableElems.get(index) : ValType.FUNCREF;
    }
  }

  static final int I64_EQZ = 0x50, I64_SHR_U = 0x88, I32_WRAP_I64 = 0xA7, I64_EXTEND_I32_S = 0xAC,
      I64_EXTEND_I32_U = 0xAD, I32_LOAD8_U = 0x2D;
  private static final long MAX_U32 = 0xFFFF_FFFFL;

  static FunctionBody lower(FunctionBody body, int params, Context ctx) throws Memory64LoweringException {
    long declared = params;
    for (Locals l : body.locals()) {
      declared += l.count();
    }
    Rewriter r = new Rewriter(declared, ctx);
    for (Instruction ins : body.code()) {
      r.instruction(ins);
    }
    if (r.temps.isEmpty() && !r.changed) {
      return body;
    }
    if (declared + r.temps.size() > Integer.MAX_VALUE) {
      throw new Memory64LoweringException("function has too many locals to add temporaries");
    }
    List<Locals> locals = new ArrayList<>(body.locals());
    for (ValType t : r.temps) {
      locals.add(new Locals(1, t));
    }
    return new FunctionBody(locals, r.out);
  }

  /** Single-pass rewriter over one body; {@code temps} are the types of the appended locals, in index order. */
  static final class Rewriter {
    final long base;
    final Context ctx;
    final List<Instruction> out = new ArrayList<>();
    final List<ValType> temps = new ArrayList<>();
    final List<String> tempKeys = new ArrayList<>();
    boolean changed;
    /** Whether the last instruction in {@code out} is an {@code i64.const} copied verbatim (straight-line predecessor). */
    boolean lastIsI64Const;

    Rewriter(long base, Context ctx) {
      this.base = base;
      this.ctx = ctx;
    }

    /** The index of temporary local number {@code slot} of {@code type}, allocated on first use. */
    int temp(ValType type, int slot) {
      String key = type + "#" + slot;
      int i = tempKeys.indexOf(key);
      if (i < 0) {
        tempKeys.add(key);
        temps.add(type);
        i = temps.size() - 1;
      }
      return (int) (base + i);
    }

    void emit(int opcode) {
      out.add(Instruction.of(opcode));
    }

    void emit(int opcode, Imm imm) {
      out.add(new Instruction(opcode, imm));
    }

    /** Saturates the i64 on top of the stack to an i32 ({@code v < 2^32 ? v : 0xFFFFFFFF}). */
    void saturateTop(boolean topIsCopiedConst) {
      if (topIsCopiedConst) {
        Instruction c = out.removeLast();
        emit(Opcodes.I32_CONST, new Imm.I32(Memory64Lowering.saturate(((Imm.I64) c.imm()).value())));
        return;
      }
      // select(wrap(v), 0xFFFFFFFF, (v >>> 32) == 0): 8 instructions, about 13 bytes, no branch.
      int t = temp(ValType.I64, 0);
      emit(Opcodes.LOCAL_TEE, new Imm.Index(t));
      emit(I32_WRAP_I64);
      emit(Opcodes.I32_CONST, new Imm.I32(-1));
      emit(Opcodes.LOCAL_GET, new Imm.Index(t));
      emit(Opcodes.I64_CONST, new Imm.I64(32));
      emit(I64_SHR_U);
      emit(I64_EQZ);
      emit(Opcodes.SELECT);
    }

    /** Pops the top of the stack into temp ({@code type}, {@code slot}) and returns its index. */
    int stash(ValType type, int slot) {
      int t = temp(type, slot);
      emit(Opcodes.LOCAL_SET, new Imm.Index(t));
      return t;
    }

    void restore(int local) {
      emit(Opcodes.LOCAL_GET, new Imm.Index(local));
    }

    /** An access that no memory below 4 GiB can satisfy: the engine's own out-of-bounds trap. */
    void outOfBoundsTrap() {
      emit(Opcodes.I32_CONST, new Imm.I32(-1));
      emit(I32_LOAD8_U, new Imm.MemArg(0, 0));
      emit(Opcodes.DROP);
      emit(Opcodes.UNREACHABLE);
    }

    void instruction(Instruction ins) {
      boolean prevConst = lastIsI64Const;
      lastIsI64Const = false;
      int op = ins.opcode();
      if (ctx.memory64() && memoryOp(ins, prevConst)) {
        changed = true;
        return;
      }
      if (tableOp(ins, prevConst)) {
        changed = true;
        return;
      }
      out.add(ins);
      lastIsI64Const = op == Opcodes.I64_CONST && ins.imm() instanceof Imm.I64;
    }

    /** Rewrites {@code ins} if it is a memory instruction; false if it is not one. */
    private boolean memoryOp(Instruction ins, boolean prevConst) {
      int op = ins.opcode();
      if (op >= 0x28 && op <= 0x35) { // loads: [addr] -> [v]
        access(ins, prevConst, null);
        return true;
      }
      if (op >= 0x36 && op <= 0x3E) { // stores: [addr, v] -> []
        access(ins, false, storeType(op));
        return true;
      }
      if (Opcodes.isSimd(op)) {
        int sub = op & 0xFFFF;
        if (sub <= 10 || sub == 92 || sub == 93) {
          access(ins, prevConst, null);
          return true;
        }
        if (sub == 11 || (sub >= 84 && sub <= 91)) { // v128.store, lane loads/stores: [addr, v128]
          access(ins, false, ValType.V128);
          return true;
        }
        return false;
      }
      switch (op) {
        case Opcodes.MEMORY_SIZE -> {
          out.add(ins);
          emit(I64_EXTEND_I32_U);
        }
        case Opcodes.MEMORY_GROW -> {
          saturateTop(prevConst);
          out.add(ins);
          emit(I64_EXTEND_I32_S);
        }
        case Opcodes.MEMORY_FILL -> BulkOps.memoryFill(this, ins);
        case Opcodes.MEMORY_COPY -> BulkOps.memoryCopy(this, ins);
        case Opcodes.MEMORY_INIT -> BulkOps.memoryInit(this, ins);
        default -> {
          return false;
        }
      }
      return true;
    }

    /** A load or store: saturate the address under an optional value of type {@code value}. */
    private void access(Instruction ins, boolean addrIsConst, ValType value) {
      long offset = switch (ins.imm()) {
        case Imm.MemArg m -> m.offset();
        case Imm.MemLane m -> m.offset();
        default -> 0;
      };
      if (Long.compareUnsigned(offset, MAX_U32) > 0) {
        outOfBoundsTrap(); // operands left on the stack are discarded by unreachable
        return;
      }
      if (value == null) {
        saturateTop(addrIsConst);
        out.add(ins);
        return;
      }
      int v = stash(value, value == ValType.I64 ? 1 : 0);
      saturateTop(false);
      restore(v);
      out.add(ins);
    }

    private static ValType storeType(int op) {
      return switch (op) {
        case 0x36, 0x3A, 0x3B -> ValType.I32;
        case 0x37, 0x3C, 0x3D, 0x3E -> ValType.I64;
        case 0x38 -> ValType.F32;
        default -> ValType.F64; // 0x39
      };
    }

    /** Rewrites {@code ins} if it is a table instruction on a 64-bit table; false otherwise. */
    private boolean tableOp(Instruction ins, boolean prevConst) {
      int op = ins.opcode();
      Imm imm = ins.imm();
      switch (op) {
        case Opcodes.CALL_INDIRECT -> { // [args..., i]
          if (!(imm instanceof Imm.Index2 x) || !ctx.table64(x.second())) {
            return false;
          }
          saturateTop(prevConst);
          out.add(ins);
        }
        case Opcodes.TABLE_GET -> { // [i] -> [ref]
          if (!(imm instanceof Imm.Index x) || !ctx.table64(x.index())) {
            return false;
          }
          saturateTop(prevConst);
          out.add(ins);
        }
        case Opcodes.TABLE_SET -> { // [i, ref]
          if (!(imm instanceof Imm.Index x) || !ctx.table64(x.index())) {
            return false;
          }
          int ref = stash(ctx.elem(x.index()), 0);
          saturateTop(false);
          restore(ref);
          out.add(ins);
        }
        case Opcodes.TABLE_SIZE -> {
          if (!(imm instanceof Imm.Index x) || !ctx.table64(x.index())) {
            return false;
          }
          out.add(ins);
          emit(I64_EXTEND_I32_U);
        }
        case Opcodes.TABLE_GROW -> { // [ref, n] -> [old]
          if (!(imm instanceof Imm.Index x) || !ctx.table64(x.index())) {
            return false;
          }
          saturateTop(prevConst);
          out.add(ins);
          emit(I64_EXTEND_I32_S);
        }
        case Opcodes.TABLE_FILL -> {
          if (!(imm instanceof Imm.Index x) || !ctx.table64(x.index())) {
            return false;
          }
          BulkOps.tableFill(this, ins, x.index());
        }
        case Opcodes.TABLE_COPY -> {
          if (!(imm instanceof Imm.Index2 x) || (!ctx.table64(x.first()) && !ctx.table64(x.second()))) {
            return false;
          }
          BulkOps.tableCopy(this, ins, x.first(), x.second());
        }
        case Opcodes.TABLE_INIT -> {
          if (!(imm instanceof Imm.Index2 x) || !ctx.table64(x.second())) {
            return false;
          }
          BulkOps.tableInit(this, ins, x.second());
        }
        default -> {
          return false;
        }
      }
      return true;
    }
  }
}
