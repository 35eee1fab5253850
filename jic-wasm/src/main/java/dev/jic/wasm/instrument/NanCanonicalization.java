package dev.jic.wasm.instrument;

import dev.jic.wasm.binary.Imm;
import dev.jic.wasm.binary.Instruction;
import dev.jic.wasm.binary.Opcodes;
import dev.jic.wasm.binary.Parts.FunctionBody;
import dev.jic.wasm.binary.Parts.Locals;
import dev.jic.wasm.binary.Types.FuncType;
import dev.jic.wasm.binary.ValType;
import dev.jic.wasm.binary.WasmModule;
import java.util.ArrayList;
import java.util.List;

/**
 * NaN canonicalisation: after every scalar float instruction whose NaN result the Wasm spec leaves
 * nondeterministic (any arithmetic NaN may come out), replace a NaN by the canonical NaN
 * {@code 0x7fc00000} (f32) / {@code 0x7ff8000000000000} (f64). What remains is bit-exact on every
 * engine: non-NaN results are fully specified by IEEE 754, and the instructions left alone
 * (abs, neg, copysign, reinterpret, load/store, const, select, local/global moves) are specified
 * bit for bit.
 *
 * <p>Covered: {@code f32/f64 .add .sub .mul .div .sqrt .min .max .ceil .floor .trunc .nearest},
 * {@code f32.demote_f64}, {@code f64.promote_f32}. Conversions from integers never yield NaN.
 * Not covered: SIMD float lanes (Chicory 1.7.5 cannot run SIMD; see docs/WASM.md).
 *
 * <p>The rewrite after such an instruction (x on the stack), branch-free:
 * {@code local.tee $t; fN.const canonical; local.get $t; local.get $t; fN.eq; select}, i.e.
 * {@code x == x ? x : canonical}. One scratch local per float width is appended to the function's
 * locals; function, type and global indices are unchanged.
 */
public final class NanCanonicalization {
  private NanCanonicalization() {}

  /** The canonical f32 NaN bits. */
  public static final int CANONICAL_F32 = 0x7fc00000;
  /** The canonical f64 NaN bits. */
  public static final long CANONICAL_F64 = 0x7ff8000000000000L;

  /** The result width (32 or 64) of an instruction whose NaN output is nondeterministic, else 0. */
  static int nondeterministicNanWidth(int opcode) {
    if ((opcode >= 0x8D && opcode <= 0x97) || opcode == 0xB6) {
      return 32;
    }
    if ((opcode >= 0x9B && opcode <= 0xA5) || opcode == 0xBB) {
      return 64;
    }
    return 0;
  }

  /** Rewrites every function body of {@code m}; the rest of the module is unchanged. */
  public static WasmModule apply(WasmModule m) {
    List<FunctionBody> code = new ArrayList<>(m.code().size());
    int imported = m.importedFunctionCount();
    for (int i = 0; i < m.code().size(); i++) {
      FuncType t = m.functionType(imported + i);
      code.add(body(m.code().get(i), t == null ? 0 : t.params().size()));
    }
    return new WasmModule(m.types(), m.imports(), m.functions(), m.tables(), m.memories(), m.globals(), m.exports(),
        m.start(), m.elements(), m.dataCount(), code, m.data(), m.customSections());
  }

  static FunctionBody body(FunctionBody b, int paramCount) {
    boolean any = false;
    for (Instruction ins : b.code()) {
      if (nondeterministicNanWidth(ins.opcode()) != 0) {
        any = true;
        break;
      }
    }
    if (!any) {
      return b;
    }
    long declared = b.locals().stream().mapToLong(Locals::count).sum();
    int t32 = (int) (paramCount + declared);
    int t64 = t32 + 1;
    List<Locals> locals = new ArrayList<>(b.locals());
    locals.add(new Locals(1, ValType.F32));
    locals.add(new Locals(1, ValType.F64));
    List<Instruction> out = new ArrayList<>(b.code().size() + 16);
    for (Instruction ins : b.code()) {
      out.add(ins);
      switch (nondeterministicNanWidth(ins.opcode())) {
        case 32 -> canonicalize(out, t32, new Instruction(Opcodes.F32_CONST, new Imm.F32(CANONICAL_F32)), 0x5B);
        case 64 -> canonicalize(out, t64, new Instruction(Opcodes.F64_CONST, new Imm.F64(CANONICAL_F64)), 0x61);
        default -> {}
      }
    }
    return new FunctionBody(locals, out);
  }

  private static void canonicalize(List<Instruction> out, int scratch, Instruction canonical, int eqOpcode) {
    out.add(new Instruction(Opcodes.LOCAL_TEE, new Imm.Index(scratch)));
    out.add(canonical);
    out.add(new Instruction(Opcodes.LOCAL_GET, new Imm.Index(scratch)));
    out.add(new Instruction(Opcodes.LOCAL_GET, new Imm.Index(scratch)));
    out.add(Instruction.of(eqOpcode));
    out.add(Instruction.of(Opcodes.SELECT));
  }
}
