package dev.jic.wasm.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.jic.wasm.binary.Types.Limits;
import dev.jic.wasm.binary.Types.MemoryType;
import dev.jic.wasm.binary.ValType;
import dev.jic.wasm.binary.WasmEncoder;
import dev.jic.wasm.binary.WasmModule;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class InstructionCountingTest {
  private static Instruction i(int op) {
    return Instruction.of(op);
  }

  private static Instruction i(int op, int index) {
    return new Instruction(op, new Imm.Index(index));
  }

  private static final Instruction BLOCK = new Instruction(Opcodes.BLOCK, new Imm.Block(new BlockType.Empty()));
  private static final Instruction LOOP = new Instruction(Opcodes.LOOP, new Imm.Block(new BlockType.Empty()));

  /**
   * {@code sum(n)}: a loop adding n + (n-1) + ... + 1, and {@code fill(n)}: memory.fill of n bytes.
   * Hand-computed cost of sum(n) under InstructionCounting's rules:
   * entry [block]=1, [loop]=1, header [local.get, i32.eqz, br_if]=3 per entry (n+1 times),
   * body [4 + 4 instructions, br]=9 per iteration (n times), exit [local.get, end]=2:
   * total 12n + 7. fill(n): [local.get×3 ... memory.fill, end] = 5 instructions + n bytes.
   */
  static WasmModule module() {
    FuncType sumType = new FuncType(List.of(ValType.I32), List.of(ValType.I32));
    List<Instruction> sum = List.of(
        BLOCK, LOOP,
        i(Opcodes.LOCAL_GET, 0), i(0x45), i(Opcodes.BR_IF, 1),
        i(Opcodes.LOCAL_GET, 1), i(Opcodes.LOCAL_GET, 0), i(0x6A), i(Opcodes.LOCAL_SET, 1),
        i(Opcodes.LOCAL_GET, 0), new Instruction(Opcodes.I32_CONST, new Imm.I32(1)), i(0x6B), i(Opcodes.LOCAL_SET, 0),
        i(Opcodes.BR, 0),
        i(Opcodes.END), i(Opcodes.END),
        i(Opcodes.LOCAL_GET, 1), i(Opcodes.END));
    FuncType fillType = new FuncType(List.of(ValType.I32), List.of());
    List<Instruction> fill = List.of(
        new Instruction(Opcodes.I32_CONST, new Imm.I32(0)), new Instruction(Opcodes.I32_CONST, new Imm.I32(7)),
        i(Opcodes.LOCAL_GET, 0), i(Opcodes.MEMORY_FILL), i(Opcodes.END));
    return new WasmModule(List.of(sumType, fillType), List.of(), List.of(0, 1), List.of(),
        List.of(new MemoryType(new Limits(1, OptionalLong.empty(), false))), List.of(),
        List.of(new Export("sum", ExternalKind.FUNC, 0), new Export("fill", ExternalKind.FUNC, 1)),
        OptionalInt.empty(), List.of(), OptionalLong.empty(),
        List.of(new FunctionBody(List.of(new Locals(1, ValType.I32)), sum), new FunctionBody(List.of(), fill)),
        List.of(), List.of());
  }

  // The flat-weight tests pin the basic-block mechanics; IcWeightsTest pins the IC weights.
  private static final com.dylibso.chicory.wasm.WasmModule METERED = Parser.parse(WasmEncoder.encode(
      InstructionCounting.instrument(module(), 0, InstructionCounting.Options.FLAT).module()));

  private static Instance compiled() {
    return Instance.builder(METERED).withMachineFactory(MachineFactoryCompiler.compile(METERED)).build();
  }

  private static Instance interpreted() {
    return Instance.builder(METERED).build();
  }

  /** Runs {@code f(arg)} with {@code budget}; returns {result, counter after} or throws on trap. */
  private static long[] run(Instance inst, String f, long arg, long budget) {
    var counter = inst.exports().global(InstructionCounting.COUNTER_EXPORT);
    counter.setValue(budget);
    long[] r = inst.export(f).apply(arg);
    return new long[] {r == null || r.length == 0 ? 0 : r[0], counter.getValue()};
  }

  @Test
  void loopCostMatchesTheHandComputedCount() {
    for (Instance inst : List.of(compiled(), interpreted())) {
      long[] r = run(inst, "sum", 10, 1_000);
      assertEquals(55, r[0]);
      assertEquals(1_000 - (12 * 10 + 7), r[1]);
      long[] f = run(inst, "fill", 100, 1_000);
      assertEquals(1_000 - (5 + 100), f[1], "memory.fill is charged per byte");
    }
  }

  @Test
  void outOfInstructionsAtTheExactBudget() {
    Instance inst = compiled();
    long cost = 12 * 10 + 7;
    assertEquals(0, run(inst, "sum", 10, cost)[1], "exactly enough");
    // One short: the last block (after the final loop check) drives the counter negative.
    assertEquals(-1, run(inst, "sum", 10, cost - 1)[1], "negative after return = out of instructions");
    // Three short: the last loop-header check sees a negative counter and traps.
    assertThrows(ChicoryException.class, () -> run(inst, "sum", 10, cost - 3));
    assertEquals(Long.MIN_VALUE, inst.exports().global(InstructionCounting.COUNTER_EXPORT).getValue());
  }

  @Property(tries = 200)
  void compilerAndInterpreterCountIdentically(@ForAll @IntRange(min = 0, max = 2000) int n,
      @ForAll @IntRange(min = 0, max = 30_000) int budget) {
    long[] a = outcome(COMPILED, n, budget);
    long[] b = outcome(INTERPRETED, n, budget);
    assertEquals(a[0], b[0], "trapped?");
    assertEquals(a[1], b[1], "result");
    assertEquals(a[2], b[2], "counter");
    boolean enough = budget >= 12L * n + 7;
    assertEquals(enough, a[0] == 0 && a[2] >= 0, "out of instructions iff the budget is short");
    assertTrue(a[0] == 0 || a[2] == Long.MIN_VALUE);
  }

  private static final Instance COMPILED = compiled();
  private static final Instance INTERPRETED = interpreted();

  private static long[] outcome(Instance inst, int n, long budget) {
    try {
      long[] r = run(inst, "sum", n, budget);
      return new long[] {0, r[0], r[1]};
    } catch (ChicoryException trap) {
      return new long[] {1, 0, inst.exports().global(InstructionCounting.COUNTER_EXPORT).getValue()};
    }
  }
}
