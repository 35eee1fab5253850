package dev.jic.wasm.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
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
import dev.jic.wasm.binary.WasmDecoder;
import dev.jic.wasm.binary.WasmEncoder;
import dev.jic.wasm.binary.WasmModule;
import dev.jic.wasm.typecheck.WasmTypeChecker;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * {@link LoopStackSpill}: after the rewrite no loop header has values of an enclosing frame on the
 * operand stack (so HotSpot can compile the loop by OSR), the module stays valid, and it computes
 * the same results on the compiler and the interpreter as before the rewrite.
 */
class LoopStackSpillTest {

  private static Instruction i(int op, int index) {
    return new Instruction(op, new Imm.Index(index));
  }

  private static Instruction i32(int v) {
    return new Instruction(Opcodes.I32_CONST, new Imm.I32(v));
  }

  /**
   * f(n) = 1000 + trunc(7.0 + (3 + n + ... + 1)): an i32 and an f64 wait on the stack below a
   * block (result i32) that contains a loop; inside it a 3 waits below another block with the loop.
   */
  static WasmModule pending() {
    FuncType t = new FuncType(List.of(ValType.I32), List.of(ValType.I32));
    List<Instruction> body = List.of(
        i32(1000),                                                  // pending i32 (function frame)
        new Instruction(Opcodes.F64_CONST, new Imm.F64(Double.doubleToRawLongBits(7.0))), // pending f64
        new Instruction(Opcodes.BLOCK, new Imm.Block(new BlockType.Value(ValType.I32))),
        i32(3),                                                     // pending i32 (block frame)
        new Instruction(Opcodes.BLOCK, new Imm.Block(new BlockType.Empty())),
        new Instruction(Opcodes.LOOP, new Imm.Block(new BlockType.Empty())),
        i(Opcodes.LOCAL_GET, 0), Instruction.of(0x45), i(Opcodes.BR_IF, 1),
        i(Opcodes.LOCAL_GET, 1), i(Opcodes.LOCAL_GET, 0), Instruction.of(0x6A), i(Opcodes.LOCAL_SET, 1),
        i(Opcodes.LOCAL_GET, 0), i32(1), Instruction.of(0x6B), i(Opcodes.LOCAL_SET, 0),
        i(Opcodes.BR, 0),
        Instruction.of(Opcodes.END),                                // loop
        Instruction.of(Opcodes.END),                                // inner block
        Instruction.of(Opcodes.END),                                // outer block: [i32 3]
        i(Opcodes.LOCAL_GET, 1), Instruction.of(0x6A),              // 3 + sum
        Instruction.of(0xB7),                                       // f64.convert_i32_s
        Instruction.of(0xA0),                                       // f64.add (7.0 + ...)
        Instruction.of(0xAA),                                       // i32.trunc_f64_s
        Instruction.of(0x6A),                                       // 1000 + ...
        Instruction.of(Opcodes.END));
    return new WasmModule(List.of(t), List.of(), List.of(0), List.of(), List.of(), List.of(),
        List.of(new Export("f", ExternalKind.FUNC, 0)), OptionalInt.empty(), List.of(), OptionalLong.empty(),
        List.of(new FunctionBody(List.of(new Locals(1, ValType.I32)), body)), List.of(), List.of());
  }

  private static void assertNoPendingValuesAtLoops(WasmModule m) throws Exception {
    List<Map<Integer, List<ValType>>> stacks = WasmTypeChecker.blockEntryStacks(m);
    for (int f = 0; f < m.code().size(); f++) {
      List<Instruction> code = m.code().get(f).code();
      for (var e : stacks.get(f).entrySet()) {
        if (code.get(e.getKey()).opcode() == Opcodes.LOOP) {
          var bt = ((Imm.Block) code.get(e.getKey()).imm()).type();
          int params = bt instanceof BlockType.TypeIndex ti ? m.types().get(ti.index()).params().size() : 0;
          assertEquals(params, e.getValue().size(), "function " + f + " loop at " + e.getKey() + ": " + e.getValue());
        }
      }
    }
  }

  private static long run(WasmModule m, boolean compiled, long arg) {
    var parsed = Parser.parse(WasmEncoder.encode(m));
    var b = Instance.builder(parsed);
    if (compiled) {
      b.withMachineFactory(MachineFactoryCompiler.compile(parsed));
    }
    return b.build().export("f").apply(arg)[0];
  }

  @Test
  void pendingValuesMoveToLocalsAndResultsAreUnchanged() throws Exception {
    WasmModule before = pending();
    WasmTypeChecker.check(before);
    assertTrue(WasmTypeChecker.blockEntryStacks(before).get(0).size() >= 2, "the fixture has pending values");
    WasmModule after = LoopStackSpill.apply(before);
    WasmTypeChecker.check(after);
    assertNoPendingValuesAtLoops(after);
    for (long n : new long[] {0, 1, 10, 1000}) {
      long expected = 1000 + 7 + 3 + n * (n + 1) / 2;
      assertEquals(expected, run(before, false, n));
      assertEquals(expected, run(after, false, n));
      assertEquals(expected, run(after, true, n));
    }
    assertSame(after, LoopStackSpill.apply(after), "idempotent: nothing left to spill");
  }

  @Test
  void motokoModulesHaveNoPendingValuesAtLoopsAfterTheEnginePipeline() throws Exception {
    for (String name : List.of("motoko-kernel-wasm32", "motoko-base-wasm32")) {
      byte[] wasm;
      try (var in = LoopStackSpillTest.class.getResourceAsStream("/canisters/" + name + ".wasm")) {
        wasm = in.readAllBytes();
      }
      WasmModule m = InstructionCounting.instrument(WasmDecoder.decode(wasm), 0,
          dev.jic.wasm.engine.ChicoryEngine.OPTIONS).module();
      WasmModule spilled = LoopStackSpill.apply(m);
      WasmTypeChecker.check(spilled);
      assertNoPendingValuesAtLoops(spilled);
    }
  }
}
