package dev.jic.wasm.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import dev.jic.wasm.binary.BlockType;
import dev.jic.wasm.binary.Imm;
import dev.jic.wasm.binary.Instruction;
import dev.jic.wasm.binary.Opcodes;
import dev.jic.wasm.binary.Parts.Export;
import dev.jic.wasm.binary.Parts.ExternalKind;
import dev.jic.wasm.binary.Parts.FunctionBody;
import dev.jic.wasm.binary.Parts.Locals;
import dev.jic.wasm.binary.Types.FuncType;
import dev.jic.wasm.binary.ValType;
import dev.jic.wasm.binary.WasmEncoder;
import dev.jic.wasm.binary.WasmModule;
import dev.jic.wasm.typecheck.WasmTypeChecker;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** NaN canonicalisation and the deterministic stack limit: Chicory's compiler and interpreter agree bit for bit. */
class DeterminismTest {
  // Every float op NaN canonicalisation covers, as exported functions "u<op>" (unary) / "b<op>" (binary).
  private static final int[] F32_UNARY = {0x8D, 0x8E, 0x8F, 0x90, 0x91};
  private static final int[] F32_BINARY = {0x92, 0x93, 0x94, 0x95, 0x96, 0x97};
  private static final int[] F64_UNARY = {0x9B, 0x9C, 0x9D, 0x9E, 0x9F};
  private static final int[] F64_BINARY = {0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5};

  private static Instruction i(int op, int index) {
    return new Instruction(op, new Imm.Index(index));
  }

  /** Types: 0 f32->f32, 1 f32 f32->f32, 2 f64->f64, 3 f64 f64->f64, 4 f64->f32 (demote), 5 f32->f64 (promote). */
  private static WasmModule floatOps() {
    List<FuncType> types = List.of(
        new FuncType(List.of(ValType.F32), List.of(ValType.F32)),
        new FuncType(List.of(ValType.F32, ValType.F32), List.of(ValType.F32)),
        new FuncType(List.of(ValType.F64), List.of(ValType.F64)),
        new FuncType(List.of(ValType.F64, ValType.F64), List.of(ValType.F64)),
        new FuncType(List.of(ValType.F64), List.of(ValType.F32)),
        new FuncType(List.of(ValType.F32), List.of(ValType.F64)));
    List<Integer> funcs = new ArrayList<>();
    List<FunctionBody> code = new ArrayList<>();
    List<Export> exports = new ArrayList<>();
    int[][] groups = {F32_UNARY, F32_BINARY, F64_UNARY, F64_BINARY, {0xB6}, {0xBB}};
    for (int t = 0; t < groups.length; t++) {
      boolean binary = t == 1 || t == 3;
      for (int op : groups[t]) {
        List<Instruction> body = new ArrayList<>();
        body.add(i(Opcodes.LOCAL_GET, 0));
        if (binary) {
          body.add(i(Opcodes.LOCAL_GET, 1));
        }
        body.add(Instruction.of(op));
        body.add(Instruction.of(Opcodes.END));
        exports.add(new Export("op" + op, ExternalKind.FUNC, funcs.size()));
        funcs.add(t);
        code.add(new FunctionBody(List.of(), body));
      }
    }
    return new WasmModule(types, List.of(), funcs, List.of(), List.of(), List.of(), exports, OptionalInt.empty(),
        List.of(), OptionalLong.empty(), code, List.of(), List.of());
  }

  private static Instance[] engines(WasmModule m) {
    var parsed = Parser.parse(WasmEncoder.encode(m));
    return new Instance[] {
      Instance.builder(parsed).withMachineFactory(MachineFactoryCompiler.compile(parsed)).build(),
      Instance.builder(parsed).build()
    };
  }

  private static final Instance[] FLOATS = engines(NanCanonicalization.apply(floatOps()));

  @Provide
  Arbitrary<Long> floatBits() {
    // Bias towards NaNs (quiet, signalling, any sign and payload), infinities and zeros.
    return Arbitraries.oneOf(
        Arbitraries.longs(),
        Arbitraries.longs().map(l -> l | 0x7ff0000000000000L), // f64 NaN or infinity
        Arbitraries.longs().map(l -> (l & 0xffffffffL) | 0x7f800000L), // f32 NaN or infinity, low half
        Arbitraries.of(0L, 0x8000000000000000L, 0x7ff0000000000000L, 0x7f800000L, 0x7f800001L, 0x7fa00000L,
            0x7ff4000000000000L, 0xfff0000000000001L, 0xffc00001L));
  }

  @Property(tries = 300)
  void everyCoveredOpIsBitIdenticalAndCanonical(@ForAll("floatBits") long a, @ForAll("floatBits") long b) {
    for (int[] group : new int[][] {F32_UNARY, F32_BINARY, F64_UNARY, F64_BINARY, {0xB6}, {0xBB}}) {
      for (int op : group) {
        boolean binary = group == F32_BINARY || group == F64_BINARY;
        boolean f32Args = group == F32_UNARY || group == F32_BINARY || op == 0xBB;
        boolean f32Result = f32Args ? op != 0xBB : op == 0xB6;
        long x = f32Args ? a & 0xffffffffL : a;
        long y = f32Args ? b & 0xffffffffL : b;
        long[] args = binary ? new long[] {x, y} : new long[] {x};
        long compiled = FLOATS[0].export("op" + op).apply(args)[0];
        long interpreted = FLOATS[1].export("op" + op).apply(args)[0];
        if (f32Result) {
          assertEquals((int) compiled, (int) interpreted, "op 0x" + Integer.toHexString(op));
          if (Float.isNaN(Float.intBitsToFloat((int) compiled))) {
            assertEquals(NanCanonicalization.CANONICAL_F32, (int) compiled, "canonical f32 NaN");
          }
        } else {
          assertEquals(compiled, interpreted, "op 0x" + Integer.toHexString(op));
          if (Double.isNaN(Double.longBitsToDouble(compiled))) {
            assertEquals(NanCanonicalization.CANONICAL_F64, compiled, "canonical f64 NaN");
          }
        }
      }
    }
  }

  @Test
  void signallingNanInputsComeOutCanonical() {
    // Chicory alone returns 0x7fa00000 unchanged from f32.floor (the reason the spec lines were excluded).
    assertEquals(NanCanonicalization.CANONICAL_F32, (int) FLOATS[0].export("op" + 0x8E).apply(0x7fa00000L)[0]);
    assertEquals(NanCanonicalization.CANONICAL_F32, (int) FLOATS[1].export("op" + 0x96).apply(0xffa00000L, 0L)[0]);
    // Non-NaN results are untouched: floor(2.5) = 2.0.
    assertEquals(Float.floatToRawIntBits(2.0f),
        (int) FLOATS[0].export("op" + 0x8E).apply(Float.floatToRawIntBits(2.5f))[0]);
  }

  /**
   * rec(n) = n == 0 ? 0 : 1 + rec(n - 1), with {@code extraLocals} unused i64 locals (frame weight
   * 1 + (1 + extraLocals) / 16).
   */
  private static WasmModule recursion(int extraLocals) {
    FuncType t = new FuncType(List.of(ValType.I32), List.of(ValType.I32));
    List<Instruction> body = List.of(
        i(Opcodes.LOCAL_GET, 0), Instruction.of(0x45),
        new Instruction(Opcodes.IF, new Imm.Block(new BlockType.Value(ValType.I32))),
        new Instruction(Opcodes.I32_CONST, new Imm.I32(0)),
        Instruction.of(Opcodes.ELSE),
        i(Opcodes.LOCAL_GET, 0), new Instruction(Opcodes.I32_CONST, new Imm.I32(1)), Instruction.of(0x6B),
        i(Opcodes.CALL, 0), new Instruction(Opcodes.I32_CONST, new Imm.I32(1)), Instruction.of(0x6A),
        Instruction.of(Opcodes.RETURN),
        Instruction.of(Opcodes.END),
        Instruction.of(Opcodes.END));
    List<Locals> locals = extraLocals == 0 ? List.of() : List.of(new Locals(extraLocals, ValType.I64));
    return new WasmModule(List.of(t), List.of(), List.of(0), List.of(), List.of(), List.of(),
        List.of(new Export("rec", ExternalKind.FUNC, 0)), OptionalInt.empty(), List.of(), OptionalLong.empty(),
        List.of(new FunctionBody(locals, body)), List.of(), List.of());
  }

  /** {trapped 0/1, result, counter, depth} of rec(n) on one engine. */
  private static long[] run(Instance inst, int n) {
    var counter = inst.exports().global(InstructionCounting.COUNTER_EXPORT);
    var depth = inst.exports().global(StackLimit.DEPTH_EXPORT);
    counter.setValue(1L << 40);
    depth.setValue(0);
    try {
      long r = inst.export("rec").apply(n)[0];
      return new long[] {0, r, counter.getValue(), depth.getValue()};
    } catch (ChicoryException trap) {
      return new long[] {1, 0, counter.getValue(), depth.getValue()};
    }
  }

  @Test
  void compilerAndInterpreterTrapAtTheSameDepthWithTheSameCount() throws Exception {
    for (int extra : new int[] {0, 40, 400}) {
      WasmModule m = InstructionCounting.instrument(recursion(extra), 0, InstructionCounting.Options.DETERMINISTIC)
          .module();
      WasmTypeChecker.check(m); // the rewrite keeps the module valid
      Instance[] e = engines(m);
      int weight = StackLimit.frameWeight(1 + extra);
      int maxDepth = StackLimit.DEFAULT_LIMIT / weight; // frames that fit
      long[] ok0 = run(e[0], maxDepth - 1);
      long[] ok1 = run(e[1], maxDepth - 1);
      assertEquals(0, ok0[0], "rec(maxDepth - 1) uses maxDepth frames: completes");
      assertEquals(maxDepth - 1, ok0[1]);
      assertEquals(0, ok0[3], "depth is back to 0 after a normal return");
      assertEquals(ok0[2], ok1[2], "same count");
      long[] over0 = run(e[0], maxDepth);
      long[] over1 = run(e[1], maxDepth);
      assertEquals(1, over0[0], "one frame more traps (extra locals " + extra + ")");
      assertEquals(1, over1[0]);
      assertEquals(over0[2], over1[2], "same instruction counter at the trap");
      assertEquals(over0[3], over1[3], "same depth at the trap");
      assertEquals((long) (maxDepth + 1) * weight, over0[3]);
      assertTrue(over0[3] > StackLimit.DEFAULT_LIMIT);
    }
  }

  /**
   * Measures each engine's natural exhaustion depth without the limit, on this thread's stack (the
   * default 1 MiB in surefire's forked JVM), and requires the limit to stop well before it. Also
   * prints the figures recorded in docs/WASM.md.
   */
  @Test
  void theLimitIsBelowBothEnginesNaturalExhaustion() {
    for (int extra : new int[] {0, 400}) {
      Instance[] e = engines(InstructionCounting.instrument(recursion(extra), 0,
          InstructionCounting.Options.DEFAULT).module());
      int weight = StackLimit.frameWeight(1 + extra);
      for (int k = 0; k < 2; k++) {
        int natural = naturalDepth(e[k]);
        System.out.println("natural exhaustion: " + (k == 0 ? "compiler" : "interpreter") + ", " + (1 + extra)
            + " slots: depth " + natural + "; limit allows " + StackLimit.DEFAULT_LIMIT / weight);
        assertTrue(natural > 2 * (StackLimit.DEFAULT_LIMIT / weight),
            "the limit must leave a 2x margin: natural " + natural);
      }
    }
  }

  private static int naturalDepth(Instance inst) {
    var counter = inst.exports().global(InstructionCounting.COUNTER_EXPORT);
    int lo = 1;
    int hi = 1 << 20;
    while (lo < hi) { // the largest n that completes
      int mid = (lo + hi + 1) >>> 1;
      counter.setValue(1L << 50);
      boolean ok;
      try {
        inst.export("rec").apply(mid);
        ok = true;
      } catch (StackOverflowError | ChicoryException overflow) {
        ok = false;
      }
      if (ok) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  @Test
  void stackLimitRejectsNothingValid() {
    assertInstanceOf(StackLimit.Result.class, StackLimit.apply(recursion(0), 10));
    assertThrows(IllegalArgumentException.class, () -> new InstructionCounting.Options(true, 0, true, 0));
  }
}
