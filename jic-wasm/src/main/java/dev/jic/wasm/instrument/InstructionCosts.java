package dev.jic.wasm.instrument;

import dev.jic.wasm.binary.Opcodes;

/**
 * jic's per-instruction cost table, following the IC replica's documented weights
 * ({@code instruction_to_cost} in {@code rs/embedders/src/wasm_utils/instrumentation.rs}); the
 * full table is in docs/WASM.md. Memory accesses cost {@code base × wasm64Factor} in a 64-bit
 * module (the IC charges 2 instead of 1). Bulk operations have a static cost here; their length
 * is charged at run time by {@link InstructionCounting}. Data table: one file by design.
 */
public final class InstructionCosts {
  private InstructionCosts() {}

  private static final int[] BASE = new int[256];
  private static final int[] MISC = new int[18];
  private static final int[] SIMD = new int[256];

  private static void set(int[] t, int cost, int... ops) {
    for (int op : ops) {
      t[op] = cost;
    }
  }

  private static void range(int[] t, int cost, int from, int to) {
    for (int i = from; i <= to; i++) {
      t[i] = cost;
    }
  }

  static {
    java.util.Arrays.fill(BASE, 1);
    java.util.Arrays.fill(SIMD, 1);
    set(BASE, 0, Opcodes.BLOCK, Opcodes.LOOP, Opcodes.ELSE, Opcodes.END);
    set(BASE, 2, Opcodes.IF, Opcodes.BR, Opcodes.BR_IF, Opcodes.BR_TABLE);
    set(BASE, 5, Opcodes.CALL);
    set(BASE, 10, Opcodes.CALL_INDIRECT);
    set(BASE, 2, Opcodes.GLOBAL_GET, Opcodes.GLOBAL_SET);
    set(BASE, 5, Opcodes.TABLE_GET, Opcodes.TABLE_SET);
    set(BASE, 20, Opcodes.MEMORY_SIZE);
    set(BASE, 300, Opcodes.MEMORY_GROW);
    set(BASE, 10, 0x6D, 0x6E, 0x6F, 0x70, 0x7F, 0x80, 0x81, 0x82); // integer div/rem
    range(BASE, 3, 0x5B, 0x66); // float comparisons
    set(BASE, 2, 0x8D, 0x8E, 0x8F, 0x90, 0x92, 0x93, 0x94); // f32 ceil floor trunc nearest add sub mul
    set(BASE, 2, 0x9B, 0x9C, 0x9D, 0x9E, 0xA0, 0xA1, 0xA2); // f64 the same
    set(BASE, 3, 0x95); // f32.div
    set(BASE, 5, 0xA3); // f64.div
    set(BASE, 18, 0x96, 0x97, 0xA4, 0xA5); // min, max
    set(BASE, 2, 0x98); // f32.copysign
    set(BASE, 3, 0xA6); // f64.copysign
    set(BASE, 5, 0x91); // f32.sqrt
    set(BASE, 8, 0x9F); // f64.sqrt
    set(BASE, 20, 0xA8, 0xA9, 0xAA, 0xAB, 0xAE, 0xAF, 0xB0, 0xB1); // trapping float -> int truncation
    set(BASE, 3, 0xB2, 0xB4, 0xB7, 0xB9); // signed int -> float
    set(BASE, 16, 0xB3, 0xB5, 0xB8, 0xBA); // unsigned int -> float
    set(BASE, 5, Opcodes.REF_IS_NULL);
    set(BASE, 130, Opcodes.REF_FUNC);
    range(MISC, 20, 0, 7); // saturating truncation
    set(MISC, 100, 8, 10, 11, 12, 14, 17); // memory.init/copy/fill, table.init/copy/fill (static part)
    set(MISC, 300, 9, 13, 15); // data.drop, elem.drop, table.grow
    set(MISC, 100, 16); // table.size
    // SIMD: the IC's non-unit weights (sub-opcodes of 0xFD); loads/stores are scaled in cost().
    set(SIMD, 3, 13, 98, 107, 108, 127, 204);
    set(SIMD, 2, 38, 40, 48, 50, 58, 60, 109, 125, 139, 140, 141, 157, 159, 171, 172, 173, 181, 188, 189, 190,
        191, 203, 205, 103, 104, 105, 106, 116, 117, 122, 148, 224, 225, 228, 229, 230, 236, 237, 240, 241, 242, 248,
        252);
    set(SIMD, 4, 213, 232, 233, 244, 249, 251);
    set(SIMD, 5, 227, 245);
    set(SIMD, 10, 231);
    set(SIMD, 12, 243);
    set(SIMD, 14, 239);
    set(SIMD, 3, 253);
  }

  /** Whether {@code opcode} accesses linear memory at an address (the wasm64 factor applies). */
  static boolean isMemoryAccess(int opcode) {
    if (opcode >= 0x28 && opcode <= 0x3E) {
      return true;
    }
    int sub = opcode & 0xFFFF;
    return (opcode >>> 16) == Opcodes.PREFIX_SIMD && (sub <= 11 || (sub >= 84 && sub <= 93));
  }

  /**
   * The static cost of one instruction.
   *
   * @param wasm64Factor multiplier for memory accesses in a module with a 64-bit memory (the IC
   *     uses 2); pass 1 for a 32-bit module
   */
  public static long cost(int opcode, long wasm64Factor) {
    if (isMemoryAccess(opcode)) {
      return wasm64Factor;
    }
    int prefix = opcode >>> 16;
    int sub = opcode & 0xFFFF;
    if (prefix == 0) {
      return opcode < 256 ? BASE[opcode] : 1;
    }
    if (prefix == Opcodes.PREFIX_MISC) {
      return sub < MISC.length ? MISC[sub] : 1;
    }
    if (prefix == Opcodes.PREFIX_SIMD && sub < 256) {
      return SIMD[sub];
    }
    return 1;
  }
}
