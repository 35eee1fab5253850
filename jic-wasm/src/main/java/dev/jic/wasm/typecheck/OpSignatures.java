package dev.jic.wasm.typecheck;

import static dev.jic.wasm.binary.ValType.F32;
import static dev.jic.wasm.binary.ValType.F64;
import static dev.jic.wasm.binary.ValType.I32;
import static dev.jic.wasm.binary.ValType.I64;
import static dev.jic.wasm.binary.ValType.V128;

import dev.jic.wasm.binary.Opcodes;
import dev.jic.wasm.binary.ValType;

/**
 * The fixed stack signatures of the "plain" instructions: numeric (0x45..0xC4), saturating
 * truncation (0xFC 0..7) and the SIMD operators without memory or lane immediates. The rest
 * (control, variables, memory, tables, references, SIMD memory/lane ops) are typed in
 * {@code FunctionChecker}. Data table: one file by design (STYLE.md rule 14 exception).
 */
final class OpSignatures {
  private OpSignatures() {}

  /** {@code [params] -> [results]} of an instruction. */
  record Sig(ValType[] params, ValType[] results) {}

  private static Sig sig(ValType[] p, ValType... r) {
    return new Sig(p, r);
  }

  private static ValType[] p(ValType... ts) {
    return ts;
  }

  private static final Sig[] NUMERIC = new Sig[256];
  private static final Sig[] SIMD = new Sig[256];

  private static void range(Sig[] table, int from, int to, Sig s) {
    for (int i = from; i <= to; i++) {
      table[i] = s;
    }
  }

  static {
    Sig i32Test = sig(p(I32), I32), i32Rel = sig(p(I32, I32), I32);
    Sig i64Test = sig(p(I64), I32), i64Rel = sig(p(I64, I64), I32);
    NUMERIC[0x45] = i32Test;
    range(NUMERIC, 0x46, 0x4F, i32Rel);
    NUMERIC[0x50] = i64Test;
    range(NUMERIC, 0x51, 0x5A, i64Rel);
    range(NUMERIC, 0x5B, 0x60, sig(p(F32, F32), I32));
    range(NUMERIC, 0x61, 0x66, sig(p(F64, F64), I32));
    range(NUMERIC, 0x67, 0x69, sig(p(I32), I32));
    range(NUMERIC, 0x6A, 0x78, sig(p(I32, I32), I32));
    range(NUMERIC, 0x79, 0x7B, sig(p(I64), I64));
    range(NUMERIC, 0x7C, 0x8A, sig(p(I64, I64), I64));
    range(NUMERIC, 0x8B, 0x91, sig(p(F32), F32));
    range(NUMERIC, 0x92, 0x98, sig(p(F32, F32), F32));
    range(NUMERIC, 0x99, 0x9F, sig(p(F64), F64));
    range(NUMERIC, 0xA0, 0xA6, sig(p(F64, F64), F64));
    NUMERIC[0xA7] = sig(p(I64), I32);
    range(NUMERIC, 0xA8, 0xA9, sig(p(F32), I32));
    range(NUMERIC, 0xAA, 0xAB, sig(p(F64), I32));
    range(NUMERIC, 0xAC, 0xAD, sig(p(I32), I64));
    range(NUMERIC, 0xAE, 0xAF, sig(p(F32), I64));
    range(NUMERIC, 0xB0, 0xB1, sig(p(F64), I64));
    range(NUMERIC, 0xB2, 0xB3, sig(p(I32), F32));
    range(NUMERIC, 0xB4, 0xB5, sig(p(I64), F32));
    NUMERIC[0xB6] = sig(p(F64), F32);
    range(NUMERIC, 0xB7, 0xB8, sig(p(I32), F64));
    range(NUMERIC, 0xB9, 0xBA, sig(p(I64), F64));
    NUMERIC[0xBB] = sig(p(F32), F64);
    NUMERIC[0xBC] = sig(p(F32), I32);
    NUMERIC[0xBD] = sig(p(F64), I64);
    NUMERIC[0xBE] = sig(p(I32), F32);
    NUMERIC[0xBF] = sig(p(I64), F64);
    range(NUMERIC, 0xC0, 0xC1, sig(p(I32), I32));
    range(NUMERIC, 0xC2, 0xC4, sig(p(I64), I64));

    // SIMD (0xFD sub-opcodes), core 2.0 numbering. Default for 94..255: v128 -> v128.
    Sig unop = sig(p(V128), V128), binop = sig(p(V128, V128), V128);
    Sig shift = sig(p(V128, I32), V128), test = sig(p(V128), I32);
    range(SIMD, 94, 255, unop);
    for (int[] r : new int[][] {{14, 14}, {35, 76}, {78, 81}, {101, 102}, {110, 115}, {118, 121}, {123, 123},
        {130, 130}, {133, 134}, {142, 147}, {149, 153}, {155, 159}, {174, 174}, {177, 177}, {181, 186},
        {188, 191}, {206, 206}, {209, 209}, {213, 223}, {228, 235}, {240, 247}}) {
      range(SIMD, r[0], r[1], binop);
    }
    for (int s : new int[] {107, 108, 109, 139, 140, 141, 171, 172, 173, 203, 204, 205}) {
      SIMD[s] = shift;
    }
    for (int s : new int[] {83, 99, 100, 131, 132, 163, 164, 195, 196}) {
      SIMD[s] = test;
    }
    SIMD[77] = unop; // v128.not
    SIMD[82] = sig(p(V128, V128, V128), V128); // v128.bitselect
    range(SIMD, 15, 17, sig(p(I32), V128)); // i8x16/i16x8/i32x4.splat
    SIMD[18] = sig(p(I64), V128);
    SIMD[19] = sig(p(F32), V128);
    SIMD[20] = sig(p(F64), V128);
    for (int unassigned : new int[] {154, 162, 165, 166, 175, 176, 178, 179, 180, 187, 194, 197, 198, 207, 208,
        210, 211, 212, 226, 238}) {
      SIMD[unassigned] = null;
    }
    // 84..93 are memory ops (lane loads/stores, load_zero): typed by the checker.
    range(SIMD, 84, 93, null);
  }

  /** The signature of a plain instruction, or null if the checker types it itself. */
  static Sig of(int opcode) {
    int prefix = opcode >>> 16;
    int sub = opcode & 0xFFFF;
    if (prefix == 0) {
      return opcode < 256 ? NUMERIC[opcode] : null;
    }
    if (prefix == Opcodes.PREFIX_MISC && sub <= 7) {
      ValType from = (sub & 2) == 0 ? F32 : F64;
      ValType to = sub < 4 ? I32 : I64;
      return sig(p(from), to);
    }
    if (prefix == Opcodes.PREFIX_SIMD && sub < 256) {
      return SIMD[sub];
    }
    return null;
  }
}
