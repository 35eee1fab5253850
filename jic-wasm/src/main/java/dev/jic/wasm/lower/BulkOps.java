package dev.jic.wasm.lower;

import dev.jic.wasm.binary.BlockType;
import dev.jic.wasm.binary.Imm;
import dev.jic.wasm.binary.Instruction;
import dev.jic.wasm.binary.Opcodes;
import dev.jic.wasm.binary.ValType;

/**
 * Lowering of the bulk memory and table instructions on 64-bit operands. Unlike single accesses
 * (where saturating the address suffices), these get an explicit range check in i64 against the
 * current size, as the memory64 spec states it: trap iff {@code x > size} or {@code n > size - x}
 * for each start operand {@code x} (no overflow possible). Only then are the operands wrapped to i32
 * for the 32-bit instruction. Reason: Chicory 1.7.5's own 32-bit checks compute {@code x + n} in
 * Java int and skip some negative-start cases (e.g. {@code table.fill} at index {@code 0xFFFFFFFF}
 * with {@code n = 0} does not trap), so they cannot be relied on for saturated values. On failure
 * the code executes an access the engine itself rejects, so the trap kind is the engine's
 * ("out of bounds memory access" / "out of bounds table access"), followed by {@code unreachable}.
 *
 * <p>i64 temporaries: slot 2 = size (destination), 3 = destination start, 4 = source start,
 * 5 = length, 6 = source table size.
 */
final class BulkOps {
  private BulkOps() {}

  private static final int I64_GT_U = 0x56, I64_SUB = 0x7D, I64_SHL = 0x86, I32_OR = 0x72;
  private static final int SIZE = 2, DST = 3, SRC = 4, LEN = 5, SRC_SIZE = 6;

  /** {@code memory.fill}: [d i64, v i32, n i64]. */
  static void memoryFill(FunctionLowering.Rewriter r, Instruction ins) {
    int n = r.stash(ValType.I64, LEN);
    int v = r.stash(ValType.I32, 0);
    int d = r.stash(ValType.I64, DST);
    int size = memorySize(r);
    outOfRange(r, size, d, n);
    trapIf(r, () -> memoryTrap(r));
    wrapped(r, d);
    r.restore(v);
    wrapped(r, n);
    r.out.add(ins);
  }

  /** {@code memory.copy}: [d i64, s i64, n i64]. */
  static void memoryCopy(FunctionLowering.Rewriter r, Instruction ins) {
    int n = r.stash(ValType.I64, LEN);
    int s = r.stash(ValType.I64, SRC);
    int d = r.stash(ValType.I64, DST);
    int size = memorySize(r);
    outOfRange(r, size, d, n);
    outOfRange(r, size, s, n);
    r.emit(I32_OR);
    trapIf(r, () -> memoryTrap(r));
    wrapped(r, d);
    wrapped(r, s);
    wrapped(r, n);
    r.out.add(ins);
  }

  /** {@code memory.init}: [d i64, s i32, n i32]; the segment side is checked by the 32-bit instruction. */
  static void memoryInit(FunctionLowering.Rewriter r, Instruction ins) {
    int n32 = r.stash(ValType.I32, 0);
    int s = r.stash(ValType.I32, 1);
    int d = r.stash(ValType.I64, DST);
    int n = extended(r, n32);
    int size = memorySize(r);
    outOfRange(r, size, d, n);
    trapIf(r, () -> memoryTrap(r));
    wrapped(r, d);
    r.restore(s);
    r.restore(n32);
    r.out.add(ins);
  }

  /** {@code table.fill t} on a 64-bit table: [i i64, ref, n i64]. */
  static void tableFill(FunctionLowering.Rewriter r, Instruction ins, int table) {
    int n = r.stash(ValType.I64, LEN);
    int ref = r.stash(r.ctx.elem(table), 0);
    int d = r.stash(ValType.I64, DST);
    int size = tableSize(r, table, SIZE);
    outOfRange(r, size, d, n);
    trapIf(r, () -> tableTrap(r, table));
    wrapped(r, d);
    r.restore(ref);
    wrapped(r, n);
    r.out.add(ins);
  }

  /** {@code table.copy dst src} where at least one table is 64-bit: [d idx(dst), s idx(src), n idx(min)]. */
  static void tableCopy(FunctionLowering.Rewriter r, Instruction ins, int dst, int src) {
    boolean d64 = r.ctx.table64(dst);
    boolean s64 = r.ctx.table64(src);
    int n = d64 && s64 ? r.stash(ValType.I64, LEN) : extended(r, r.stash(ValType.I32, 0));
    int s = s64 ? r.stash(ValType.I64, SRC) : extended(r, r.stash(ValType.I32, 1), SRC);
    int d = d64 ? r.stash(ValType.I64, DST) : extended(r, r.stash(ValType.I32, 2), DST);
    int dSize = tableSize(r, dst, SIZE);
    int sSize = tableSize(r, src, SRC_SIZE);
    outOfRange(r, dSize, d, n);
    outOfRange(r, sSize, s, n);
    r.emit(I32_OR);
    trapIf(r, () -> tableTrap(r, dst));
    wrapped(r, d);
    wrapped(r, s);
    wrapped(r, n);
    r.out.add(ins);
  }

  /** {@code table.init e t} on a 64-bit table: [d i64, s i32, n i32]. */
  static void tableInit(FunctionLowering.Rewriter r, Instruction ins, int table) {
    int n32 = r.stash(ValType.I32, 0);
    int s = r.stash(ValType.I32, 1);
    int d = r.stash(ValType.I64, DST);
    int n = extended(r, n32);
    int size = tableSize(r, table, SIZE);
    outOfRange(r, size, d, n);
    trapIf(r, () -> tableTrap(r, table));
    wrapped(r, d);
    r.restore(s);
    r.restore(n32);
    r.out.add(ins);
  }

  /** Current memory size in bytes into an i64 temp. */
  private static int memorySize(FunctionLowering.Rewriter r) {
    r.emit(Opcodes.MEMORY_SIZE);
    r.emit(FunctionLowering.I64_EXTEND_I32_U);
    r.emit(Opcodes.I64_CONST, new Imm.I64(16));
    r.emit(I64_SHL);
    return r.stash(ValType.I64, SIZE);
  }

  private static int tableSize(FunctionLowering.Rewriter r, int table, int slot) {
    r.emit(Opcodes.TABLE_SIZE, new Imm.Index(table));
    r.emit(FunctionLowering.I64_EXTEND_I32_U);
    return r.stash(ValType.I64, slot);
  }

  /** Pushes i32 {@code x > size || n > size - x} (unsigned; the second term only matters when x <= size). */
  private static void outOfRange(FunctionLowering.Rewriter r, int size, int x, int n) {
    r.restore(x);
    r.restore(size);
    r.emit(I64_GT_U);
    r.restore(n);
    r.restore(size);
    r.restore(x);
    r.emit(I64_SUB);
    r.emit(I64_GT_U);
    r.emit(I32_OR);
  }

  private static void trapIf(FunctionLowering.Rewriter r, Runnable trap) {
    r.emit(Opcodes.IF, new Imm.Block(new BlockType.Empty()));
    trap.run();
    r.emit(Opcodes.END);
  }

  private static void memoryTrap(FunctionLowering.Rewriter r) {
    r.outOfBoundsTrap();
  }

  /** {@code table.get t} at {@code 0xFFFFFFFF}: no table that large exists, the engine reports out of bounds. */
  private static void tableTrap(FunctionLowering.Rewriter r, int table) {
    r.emit(Opcodes.I32_CONST, new Imm.I32(-1));
    r.emit(Opcodes.TABLE_GET, new Imm.Index(table));
    r.emit(Opcodes.DROP);
    r.emit(Opcodes.UNREACHABLE);
  }

  /** Pushes the i64 local as i32 (only after a range check proved it below 2^32). */
  private static void wrapped(FunctionLowering.Rewriter r, int local) {
    r.restore(local);
    r.emit(FunctionLowering.I32_WRAP_I64);
  }

  /** Zero-extends an i32 local into i64 temp {@code slot} (default: the length slot). */
  private static int extended(FunctionLowering.Rewriter r, int local32) {
    return extended(r, local32, LEN);
  }

  private static int extended(FunctionLowering.Rewriter r, int local32, int slot) {
    r.restore(local32);
    r.emit(FunctionLowering.I64_EXTEND_I32_U);
    return r.stash(ValType.I64, slot);
  }
}
