package dev.jic.wasm.validation;

import dev.jic.wasm.binary.Instruction;
import dev.jic.wasm.binary.Opcodes;
import java.util.List;

/**
 * The IC's per-function "complexity" (the replica's {@code wasm_function_complexity} in
 * {@code rs/embedders/src/wasm_utils/validation.rs}): a weighted instruction count that
 * approximates the compiled code size, limited to {@link IcLimits#maxFunctionComplexity()} (1,000,000
 * on the IC) so a single function cannot make compilation blow up. Weights:
 * <ul>
 *   <li>50: block, loop, if, br, br_if, br_table, call, call_indirect, memory.grow, table.grow
 *   <li>14 table.get; 8 ref.func; 7 table.set; 6 ref.is_null
 *   <li>5: table.fill, the float-to-int truncations, i64.extend_i32_s/u, int-to-float
 *       conversions, f32.demote_f64
 *   <li>4: f32/f64.neg/abs, table.copy, table.init, memory.copy
 *   <li>3: copysign, f64.eq, integer div/rem, memory.fill, every load, saturating truncations
 *   <li>2: global.get, popcnt, select, memory.size, every store, integer comparisons and eqz,
 *       float comparisons (other than f64.eq), ceil, floor, sqrt, trunc, reinterpretations, wrap,
 *       sign extensions, f64.promote_f32
 *   <li>1: everything else
 * </ul>
 */
public final class FunctionComplexity {
  private FunctionComplexity() {}

  private static final int[] WEIGHT = new int[256];
  private static final int[] MISC_WEIGHT = new int[18];

  private static void set(int[] table, int weight, int... ops) {
    for (int op : ops) {
      table[op] = weight;
    }
  }

  private static void range(int[] table, int weight, int from, int to) {
    for (int i = from; i <= to; i++) {
      table[i] = weight;
    }
  }

  static {
    java.util.Arrays.fill(WEIGHT, 1);
    java.util.Arrays.fill(MISC_WEIGHT, 1);
    set(WEIGHT, 50, Opcodes.BLOCK, Opcodes.LOOP, Opcodes.IF, Opcodes.BR, Opcodes.BR_IF, Opcodes.BR_TABLE,
        Opcodes.CALL, Opcodes.CALL_INDIRECT, Opcodes.MEMORY_GROW);
    set(WEIGHT, 14, Opcodes.TABLE_GET);
    set(WEIGHT, 8, Opcodes.REF_FUNC);
    set(WEIGHT, 7, Opcodes.TABLE_SET);
    set(WEIGHT, 6, Opcodes.REF_IS_NULL);
    range(WEIGHT, 5, 0xA8, 0xB6); // truncations, extend_i32, f32 conversions, demote
    range(WEIGHT, 5, 0xB7, 0xBA); // f64.convert_*
    set(WEIGHT, 4, 0x8B, 0x8C, 0x99, 0x9A); // f32.abs f32.neg f64.abs f64.neg
    set(WEIGHT, 3, 0x98, 0xA6, 0x61); // f32.copysign f64.copysign f64.eq
    set(WEIGHT, 3, 0x6D, 0x6E, 0x6F, 0x70, 0x7F, 0x80, 0x81, 0x82); // div/rem
    range(WEIGHT, 3, 0x28, 0x35); // loads
    set(WEIGHT, 2, Opcodes.GLOBAL_GET, 0x69, 0x7B, Opcodes.SELECT, Opcodes.MEMORY_SIZE);
    range(WEIGHT, 2, 0x36, 0x3E); // stores
    range(WEIGHT, 2, 0x45, 0x60); // integer tests/comparisons, f32 comparisons
    range(WEIGHT, 2, 0x62, 0x66); // f64 comparisons other than eq
    set(WEIGHT, 2, 0x8D, 0x8E, 0x8F, 0x91, 0x9B, 0x9C, 0x9D, 0x9F); // ceil floor trunc sqrt
    range(WEIGHT, 2, 0xBC, 0xBF); // reinterpretations
    set(WEIGHT, 2, 0xA7, 0xBB); // i32.wrap_i64, f64.promote_f32
    range(WEIGHT, 2, 0xC0, 0xC4); // sign extensions
    range(MISC_WEIGHT, 3, 0, 7); // saturating truncations
    set(MISC_WEIGHT, 3, 11); // memory.fill
    set(MISC_WEIGHT, 4, 10, 12, 14); // memory.copy, table.init, table.copy
    set(MISC_WEIGHT, 5, 17); // table.fill
    set(MISC_WEIGHT, 50, 15); // table.grow
  }

  /** The weight of one instruction (SIMD instructions weigh 1, as in the IC's default arm). */
  public static int weight(int opcode) {
    int prefix = opcode >>> 16;
    int sub = opcode & 0xFFFF;
    if (prefix == 0 && opcode < 256) {
      return WEIGHT[opcode];
    }
    if (prefix == Opcodes.PREFIX_MISC && sub < MISC_WEIGHT.length) {
      return MISC_WEIGHT[sub];
    }
    return 1;
  }

  /** The complexity of a function body: the sum of its instructions' weights. */
  public static long of(List<Instruction> code) {
    long sum = 0;
    for (Instruction i : code) {
      sum += weight(i.opcode());
    }
    return sum;
  }
}
