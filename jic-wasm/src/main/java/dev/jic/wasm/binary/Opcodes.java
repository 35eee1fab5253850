package dev.jic.wasm.binary;

/**
 * The opcode table: for every opcode jic accepts, its mnemonic and immediate kind. Accepted: Wasm
 * core 2.0 (multi-value, bulk memory, reference types, sign extension, saturating truncation,
 * fixed-width SIMD) plus memory64 (which changes no opcode). Rejected as illegal, as the IC does:
 * relaxed SIMD, threads/atomics ({@code 0xFE}), tail calls, exceptions, GC.
 *
 * <p>This class is a data table and is deliberately one file (STYLE.md rule 14 exception).
 */
public final class Opcodes {
  private Opcodes() {}

  /** How an opcode's immediate is encoded. */
  public enum ImmKind {
    NONE, BLOCK, INDEX, INDEX2, BR_TABLE, MEMARG, I32, I64, F32, F64, REF_TYPE, SELECT_T,
    /** One reserved {@code 0x00} memory-index byte (memory.size, memory.grow, memory.fill). */
    ZERO_BYTE,
    /** Two reserved {@code 0x00} bytes (memory.copy). */
    ZERO_BYTE2,
    /** A data index then a reserved {@code 0x00} byte (memory.init). */
    INDEX_ZERO_BYTE,
    V128, LANE, MEMLANE
  }

  public static final int PREFIX_MISC = 0xFC;
  public static final int PREFIX_SIMD = 0xFD;

  public static final int UNREACHABLE = 0x00, NOP = 0x01, BLOCK = 0x02, LOOP = 0x03, IF = 0x04, ELSE = 0x05,
      END = 0x0B, BR = 0x0C, BR_IF = 0x0D, BR_TABLE = 0x0E, RETURN = 0x0F, CALL = 0x10, CALL_INDIRECT = 0x11,
      DROP = 0x1A, SELECT = 0x1B, SELECT_T = 0x1C, LOCAL_GET = 0x20, LOCAL_SET = 0x21, LOCAL_TEE = 0x22,
      GLOBAL_GET = 0x23, GLOBAL_SET = 0x24, TABLE_GET = 0x25, TABLE_SET = 0x26, MEMORY_SIZE = 0x3F,
      MEMORY_GROW = 0x40, I32_CONST = 0x41, I64_CONST = 0x42, F32_CONST = 0x43, F64_CONST = 0x44,
      REF_NULL = 0xD0, REF_IS_NULL = 0xD1, REF_FUNC = 0xD2;
  public static final int MEMORY_INIT = 0xFC0008, DATA_DROP = 0xFC0009, MEMORY_COPY = 0xFC000A,
      MEMORY_FILL = 0xFC000B, TABLE_INIT = 0xFC000C, ELEM_DROP = 0xFC000D, TABLE_COPY = 0xFC000E,
      TABLE_GROW = 0xFC000F, TABLE_SIZE = 0xFC0010, TABLE_FILL = 0xFC0011;

  private static final String[] NAMES = new String[256];
  private static final ImmKind[] KINDS = new ImmKind[256];
  private static final String[] MISC_NAMES = new String[18];
  private static final ImmKind[] MISC_KINDS = new ImmKind[18];
  private static final ImmKind[] SIMD_KINDS = new ImmKind[256];

  private static void op(int code, String name, ImmKind kind) {
    NAMES[code] = name;
    KINDS[code] = kind;
  }

  private static void ops(int first, ImmKind kind, String names) {
    String[] n = names.split(" ");
    for (int i = 0; i < n.length; i++) {
      op(first + i, n[i], kind);
    }
  }

  static {
    op(0x00, "unreachable", ImmKind.NONE);
    op(0x01, "nop", ImmKind.NONE);
    ops(0x02, ImmKind.BLOCK, "block loop if");
    op(0x05, "else", ImmKind.NONE);
    op(0x0B, "end", ImmKind.NONE);
    ops(0x0C, ImmKind.INDEX, "br br_if");
    op(0x0E, "br_table", ImmKind.BR_TABLE);
    op(0x0F, "return", ImmKind.NONE);
    op(0x10, "call", ImmKind.INDEX);
    op(0x11, "call_indirect", ImmKind.INDEX2);
    ops(0x1A, ImmKind.NONE, "drop select");
    op(0x1C, "select", ImmKind.SELECT_T);
    ops(0x20, ImmKind.INDEX, "local.get local.set local.tee global.get global.set table.get table.set");
    ops(0x28, ImmKind.MEMARG, "i32.load i64.load f32.load f64.load i32.load8_s i32.load8_u i32.load16_s"
        + " i32.load16_u i64.load8_s i64.load8_u i64.load16_s i64.load16_u i64.load32_s i64.load32_u"
        + " i32.store i64.store f32.store f64.store i32.store8 i32.store16 i64.store8 i64.store16 i64.store32");
    ops(0x3F, ImmKind.ZERO_BYTE, "memory.size memory.grow");
    op(0x41, "i32.const", ImmKind.I32);
    op(0x42, "i64.const", ImmKind.I64);
    op(0x43, "f32.const", ImmKind.F32);
    op(0x44, "f64.const", ImmKind.F64);
    ops(0x45, ImmKind.NONE, "i32.eqz i32.eq i32.ne i32.lt_s i32.lt_u i32.gt_s i32.gt_u i32.le_s i32.le_u"
        + " i32.ge_s i32.ge_u i64.eqz i64.eq i64.ne i64.lt_s i64.lt_u i64.gt_s i64.gt_u i64.le_s i64.le_u"
        + " i64.ge_s i64.ge_u f32.eq f32.ne f32.lt f32.gt f32.le f32.ge f64.eq f64.ne f64.lt f64.gt f64.le"
        + " f64.ge i32.clz i32.ctz i32.popcnt i32.add i32.sub i32.mul i32.div_s i32.div_u i32.rem_s i32.rem_u"
        + " i32.and i32.or i32.xor i32.shl i32.shr_s i32.shr_u i32.rotl i32.rotr i64.clz i64.ctz i64.popcnt"
        + " i64.add i64.sub i64.mul i64.div_s i64.div_u i64.rem_s i64.rem_u i64.and i64.or i64.xor i64.shl"
        + " i64.shr_s i64.shr_u i64.rotl i64.rotr f32.abs f32.neg f32.ceil f32.floor f32.trunc f32.nearest"
        + " f32.sqrt f32.add f32.sub f32.mul f32.div f32.min f32.max f32.copysign f64.abs f64.neg f64.ceil"
        + " f64.floor f64.trunc f64.nearest f64.sqrt f64.add f64.sub f64.mul f64.div f64.min f64.max"
        + " f64.copysign i32.wrap_i64 i32.trunc_f32_s i32.trunc_f32_u i32.trunc_f64_s i32.trunc_f64_u"
        + " i64.extend_i32_s i64.extend_i32_u i64.trunc_f32_s i64.trunc_f32_u i64.trunc_f64_s i64.trunc_f64_u"
        + " f32.convert_i32_s f32.convert_i32_u f32.convert_i64_s f32.convert_i64_u f32.demote_f64"
        + " f64.convert_i32_s f64.convert_i32_u f64.convert_i64_s f64.convert_i64_u f64.promote_f32"
        + " i32.reinterpret_f32 i64.reinterpret_f64 f32.reinterpret_i32 f64.reinterpret_i64"
        + " i32.extend8_s i32.extend16_s i64.extend8_s i64.extend16_s i64.extend32_s");
    op(0xD0, "ref.null", ImmKind.REF_TYPE);
    op(0xD1, "ref.is_null", ImmKind.NONE);
    op(0xD2, "ref.func", ImmKind.INDEX);

    String[] misc = ("i32.trunc_sat_f32_s i32.trunc_sat_f32_u i32.trunc_sat_f64_s i32.trunc_sat_f64_u"
        + " i64.trunc_sat_f32_s i64.trunc_sat_f32_u i64.trunc_sat_f64_s i64.trunc_sat_f64_u memory.init"
        + " data.drop memory.copy memory.fill table.init elem.drop table.copy table.grow table.size table.fill")
        .split(" ");
    ImmKind[] miscKinds = {
      ImmKind.NONE, ImmKind.NONE, ImmKind.NONE, ImmKind.NONE, ImmKind.NONE, ImmKind.NONE, ImmKind.NONE,
      ImmKind.NONE, ImmKind.INDEX_ZERO_BYTE, ImmKind.INDEX, ImmKind.ZERO_BYTE2, ImmKind.ZERO_BYTE,
      ImmKind.INDEX2, ImmKind.INDEX, ImmKind.INDEX2, ImmKind.INDEX, ImmKind.INDEX, ImmKind.INDEX
    };
    System.arraycopy(misc, 0, MISC_NAMES, 0, 18);
    System.arraycopy(miscKinds, 0, MISC_KINDS, 0, 18);

    // Fixed-width SIMD (0xFD prefix): immediates by sub-opcode range; the gaps are unassigned.
    for (int i = 0; i < 256; i++) {
      SIMD_KINDS[i] = ImmKind.NONE;
    }
    for (int i = 0; i <= 11; i++) {
      SIMD_KINDS[i] = ImmKind.MEMARG;
    }
    SIMD_KINDS[12] = ImmKind.V128;
    SIMD_KINDS[13] = ImmKind.V128;
    for (int i = 21; i <= 34; i++) {
      SIMD_KINDS[i] = ImmKind.LANE;
    }
    for (int i = 84; i <= 91; i++) {
      SIMD_KINDS[i] = ImmKind.MEMLANE;
    }
    SIMD_KINDS[92] = ImmKind.MEMARG;
    SIMD_KINDS[93] = ImmKind.MEMARG;
    for (int unassigned : new int[] {154, 162, 165, 166, 175, 176, 178, 179, 180, 187, 194, 197, 198, 207, 208,
        210, 211, 212, 226, 238}) {
      SIMD_KINDS[unassigned] = null;
    }
  }

  /** The immediate kind of {@code opcode} (in the combined form of {@link Instruction}), or null if illegal. */
  public static ImmKind kind(int opcode) {
    int prefix = opcode >>> 16;
    int sub = opcode & 0xFFFF;
    if (prefix == 0) {
      return opcode < 256 ? KINDS[opcode] : null;
    }
    if (prefix == PREFIX_MISC) {
      return sub < MISC_KINDS.length ? MISC_KINDS[sub] : null;
    }
    if (prefix == PREFIX_SIMD) {
      return sub < SIMD_KINDS.length ? SIMD_KINDS[sub] : null;
    }
    return null;
  }

  /** Whether {@code opcode} is a SIMD ({@code 0xFD}-prefixed) instruction. */
  public static boolean isSimd(int opcode) {
    return (opcode >>> 16) == PREFIX_SIMD;
  }

  /** A mnemonic for messages: the text-format name, or {@code simd.<n>} / hex for the rest. */
  public static String name(int opcode) {
    int prefix = opcode >>> 16;
    int sub = opcode & 0xFFFF;
    if (prefix == 0 && opcode < 256 && NAMES[opcode] != null) {
      return NAMES[opcode];
    }
    if (prefix == PREFIX_MISC && sub < MISC_NAMES.length) {
      return MISC_NAMES[sub];
    }
    if (prefix == PREFIX_SIMD) {
      return "simd." + sub;
    }
    return String.format("opcode 0x%x", opcode);
  }
}
