package dev.jic.wasm.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import dev.jic.wasm.binary.Imm;
import dev.jic.wasm.binary.Instruction;
import dev.jic.wasm.binary.Opcodes;
import dev.jic.wasm.binary.Parts.Export;
import dev.jic.wasm.binary.Parts.ExternalKind;
import dev.jic.wasm.binary.Parts.FunctionBody;
import dev.jic.wasm.binary.Types.FuncType;
import dev.jic.wasm.binary.Types.Limits;
import dev.jic.wasm.binary.Types.MemoryType;
import dev.jic.wasm.binary.ValType;
import dev.jic.wasm.binary.WasmEncoder;
import dev.jic.wasm.binary.WasmModule;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The IC-style weights (docs/WASM.md), pinned on hand-computed sample functions. */
class IcWeightsTest {
  private static long used(Instance inst, String f, long arg) {
    var counter = inst.exports().global(InstructionCounting.COUNTER_EXPORT);
    counter.setValue(1_000_000);
    inst.export(f).apply(arg);
    return 1_000_000 - counter.getValue();
  }

  /**
   * InstructionCountingTest's sum(n) and fill(n) under IC weights. sum: entry [block]=0, [loop]=0,
   * header [local.get 1, i32.eqz 1, br_if 2]=4 per entry (n+1 times), body [local.get, local.get,
   * i32.add, local.set, local.get, i32.const, i32.sub, local.set: 8 × 1, br 2]=10 per iteration,
   * exit [local.get 1, end 0]=1: total 14n + 5. fill: [i32.const 1, i32.const 1, local.get 1,
   * memory.fill 100, end 0] = 103, plus n bytes.
   */
  @Test
  void sampleFunctionsCostTheHandComputedAmounts() {
    var metered = Parser.parse(WasmEncoder.encode(InstructionCounting.instrument(InstructionCountingTest.module(), 0,
        InstructionCounting.Options.DEFAULT).module()));
    Instance compiled = Instance.builder(metered).withMachineFactory(MachineFactoryCompiler.compile(metered)).build();
    Instance interpreted = Instance.builder(metered).build();
    for (Instance inst : List.of(compiled, interpreted)) {
      for (int n : new int[] {0, 1, 10, 100}) {
        assertEquals(14L * n + 5, used(inst, "sum", n), "sum(" + n + ")");
      }
      assertEquals(103 + 77, used(inst, "fill", 77), "fill(77)");
    }
  }

  /** The cost charged on entry to a one-block function {@code [i?.const 0, i32.load, drop, end]}. */
  private static long entryCharge(boolean memory64, int factor) {
    Instruction addr = memory64 ? new Instruction(Opcodes.I64_CONST, new Imm.I64(0))
        : new Instruction(Opcodes.I32_CONST, new Imm.I32(0));
    WasmModule m = new WasmModule(List.of(new FuncType(List.of(), List.of())), List.of(), List.of(0), List.of(),
        List.of(new MemoryType(new Limits(1, OptionalLong.empty(), memory64))), List.of(),
        List.of(new Export("f", ExternalKind.FUNC, 0)), OptionalInt.empty(), List.of(), OptionalLong.empty(),
        List.of(new FunctionBody(List.of(), List.of(addr, new Instruction(0x28, new Imm.MemArg(2, 0)),
            Instruction.of(Opcodes.DROP), Instruction.of(Opcodes.END)))), List.of(), List.of());
    var o = new InstructionCounting.Options(true, factor, false, 0);
    List<Instruction> code = InstructionCounting.instrument(m, 0, o).module().code().get(0).code();
    // charge = global.get counter; i64.const cost; i64.sub; global.set counter
    assertEquals(Opcodes.GLOBAL_GET, code.get(0).opcode());
    return ((Imm.I64) code.get(1).imm()).value();
  }

  @Test
  void wasm64MemoryAccessesCostTheConfiguredFactor() {
    // const 1 + i32.load (1 in wasm32, factor in wasm64) + drop 1 + end 0
    assertEquals(3, entryCharge(false, 2));
    assertEquals(4, entryCharge(true, 2), "the IC's 2x for wasm64 loads");
    assertEquals(3, entryCharge(true, 1), "factor 1 turns the overhead off");
    assertEquals(7, entryCharge(true, 5));
  }

  @Test
  void tableEntries() {
    // Spot checks of docs/WASM.md's table against InstructionCosts.
    assertEquals(0, InstructionCosts.cost(Opcodes.END, 1));
    assertEquals(10, InstructionCosts.cost(0x6D, 1), "i32.div_s");
    assertEquals(18, InstructionCosts.cost(0x96, 1), "f32.min");
    assertEquals(8, InstructionCosts.cost(0x9F, 1), "f64.sqrt");
    assertEquals(20, InstructionCosts.cost(0xFC0000, 1), "i32.trunc_sat_f32_s");
    assertEquals(300, InstructionCosts.cost(Opcodes.MEMORY_GROW, 1));
    assertEquals(100, InstructionCosts.cost(Opcodes.MEMORY_COPY, 2), "bulk ops are not memory accesses");
    assertEquals(2, InstructionCosts.cost(0xFD0000, 2), "v128.load in wasm64");
    assertEquals(14, InstructionCosts.cost(0xFD00EF, 1), "f64x2.sqrt");
    assertEquals(130, InstructionCosts.cost(Opcodes.REF_FUNC, 1));
  }
}
