package dev.jic.wasm.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import dev.jic.wasm.binary.WasmDecoder;
import dev.jic.wasm.binary.WasmEncoder;
import dev.jic.wasm.binary.WasmModule;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * {@link Precharge} through {@link InstructionCounting}: straight-line helpers reachable only by
 * direct calls are left untouched and charged at their call sites; exported, tabled and branchy
 * functions are instrumented; and the counts equal those of the global-counter variant (which
 * charges every function itself) on both backends.
 */
class PrechargeTest {
  private static final long BUDGET = 1L << 50;

  private static WasmModule module() throws Exception {
    try (InputStream in = PrechargeTest.class.getResourceAsStream("/engine/engine-precharge.wasm")) {
      return WasmDecoder.decode(in.readAllBytes());
    }
  }

  /** {result, instructions used} of run(n). */
  private static long[] run(WasmModule m, boolean compiled, long n) {
    var parsed = Parser.parse(WasmEncoder.encode(m));
    var b = Instance.builder(parsed);
    if (compiled) {
      b.withMachineFactory(MachineFactoryCompiler.compile(parsed));
    }
    Instance inst = b.build();
    var counter = inst.exports().global(InstructionCounting.COUNTER_EXPORT);
    counter.setValue(BUDGET);
    long r = inst.export("run").apply(n)[0];
    return new long[] {r, BUDGET - counter.getValue()};
  }

  @Test
  void helpersAreChargedAtTheirCallSitesWithTheSameCounts() throws Exception {
    WasmModule original = module();
    InstructionCounting.Options local = new InstructionCounting.Options(true, 2, true, 0, true);
    InstructionCounting.Options global = new InstructionCounting.Options(true, 2, true, 0, false);
    WasmModule withLocal = InstructionCounting.instrument(original, 0, local).module();
    WasmModule withGlobal = InstructionCounting.instrument(original, 0, global).module();
    // $get (0) and $add (1) untouched; $exported (2), $tabled (3), $branchy (4) and run (5) rewritten.
    assertSame(original.code().get(0).code(), withLocal.code().get(0).code());
    assertSame(original.code().get(1).code(), withLocal.code().get(1).code());
    for (int f = 2; f <= 5; f++) {
      assertNotEquals(original.code().get(f).code(), withLocal.code().get(f).code(), "function " + f);
    }
    for (long n : new long[] {0, 1, 7, 100}) {
      long[] expected = run(withGlobal, false, n);
      assertEquals(expected[0], run(withLocal, false, n)[0]);
      assertEquals(expected[1], run(withLocal, false, n)[1], "interpreter, n = " + n);
      assertEquals(expected[1], run(withLocal, true, n)[1], "compiler, n = " + n);
    }
    // The per-iteration cost (helpers included) is the same in both variants.
    long perIteration = run(withGlobal, false, 2)[1] - run(withGlobal, false, 1)[1];
    assertEquals(perIteration, run(withLocal, true, 3)[1] - run(withLocal, true, 2)[1]);
  }
}
