package dev.jic.wasm.canisters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.types.candid.Candid;
import dev.jic.wasm.binary.WasmDecoder;
import dev.jic.wasm.binary.WasmEncoder;
import dev.jic.wasm.canisters.CanisterRunner.Result;
import dev.jic.wasm.instrument.InstructionCounting;
import org.junit.jupiter.api.Test;

/**
 * Real canisters rewritten as the engine does ({@code ChicoryEngine.OPTIONS}: IC weights, NaN
 * canonicalisation, stack limit; then {@code LoopStackSpill}) run under Chicory: counts are
 * reproducible across instances and identical between the compiler and the interpreter, scale
 * exactly with a loop's trip count, and a budget that is too small stops the message.
 */
class MeteredCanisterTest {
  private static final long BUDGET = Long.MAX_VALUE / 2;

  private static byte[] metered(CanisterFixture f) throws Exception {
    return metered(f, dev.jic.wasm.engine.ChicoryEngine.OPTIONS);
  }

  private static byte[] metered(CanisterFixture f, InstructionCounting.Options o) throws Exception {
    return WasmEncoder.encode(dev.jic.wasm.instrument.LoopStackSpill.apply(
        InstructionCounting.instrument(WasmDecoder.decode(f.wasm()), BUDGET, o).module()));
  }

  private static byte[] nat64(long n) throws Exception {
    var t = Candid.parseTypes("(nat64)");
    return Candid.encode(t, Candid.parseArgs("(" + n + ")", t));
  }

  /** Instructions used by one query, or -1 if it ran out of instructions. */
  private static long used(CanisterRunner c, long budget, java.util.function.Supplier<Result> message) {
    var counter = c.instance.exports().global(InstructionCounting.COUNTER_EXPORT);
    counter.setValue(budget);
    Result r = message.get();
    long left = c.counterAfterQuery;
    if (left < 0) {
      // Out of instructions: either the check at a function entry or loop header trapped, or the
      // last blocks ran without a check and the host sees the negative counter on return
      // (InstructionCounting's contract) and discards the reply.
      return -1;
    }
    assertInstanceOf(Result.Reply.class, r, () -> "with " + left + " instructions left: " + r);
    return budget - left;
  }

  private static long[] sumToCounts(boolean compiled) throws Exception {
    return sumToCounts(compiled, dev.jic.wasm.engine.ChicoryEngine.OPTIONS);
  }

  private static long[] sumToCounts(boolean compiled, InstructionCounting.Options o) throws Exception {
    CanisterRunner c = new CanisterRunner(metered(CanisterFixture.MOTOKO_KERNEL_WASM32, o), compiled);
    long init = BUDGET - c.instance.exports().global(InstructionCounting.COUNTER_EXPORT).getValue();
    c.instance.exports().global(InstructionCounting.COUNTER_EXPORT).setValue(BUDGET);
    assertInstanceOf(Result.NoResponse.class, c.init());
    long initUsed = BUDGET - c.instance.exports().global(InstructionCounting.COUNTER_EXPORT).getValue();
    long[] out = new long[5];
    out[0] = init + initUsed;
    out[1] = used(c, BUDGET, () -> c.query("sumTo", uncheck(0)));
    out[2] = used(c, BUDGET, () -> c.query("sumTo", uncheck(1000)));
    out[3] = used(c, BUDGET, () -> c.query("sumTo", uncheck(2000)));
    out[4] = used(c, BUDGET, () -> c.query("countPrimes", natArg(200)));
    return out;
  }

  private static byte[] uncheck(long n) {
    try {
      return nat64(n);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] natArg(long n) {
    try {
      var t = Candid.parseTypes("(nat)");
      return Candid.encode(t, Candid.parseArgs("(" + n + ")", t));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void motokoKernelCountsAreReproducibleAndEngineIndependent() throws Exception {
    long[] compiled = sumToCounts(true);
    long[] again = sumToCounts(true);
    long[] interpreted = sumToCounts(false);
    var o = dev.jic.wasm.engine.ChicoryEngine.OPTIONS;
    long[] globalCounter = sumToCounts(true, new InstructionCounting.Options(o.icWeights(), o.wasm64MemoryFactor(),
        o.canonicalizeNans(), o.stackLimit(), false));
    assertEquals(java.util.Arrays.toString(compiled), java.util.Arrays.toString(globalCounter),
        "counter in a local vs in the global: same counts");
    assertEquals(java.util.Arrays.toString(compiled), java.util.Arrays.toString(again), "two compiled runs");
    assertEquals(java.util.Arrays.toString(compiled), java.util.Arrays.toString(interpreted), "compiler vs interpreter");
    assertTrue(compiled[0] > 0 && compiled[1] > 0, java.util.Arrays.toString(compiled));
    // sumTo's loop body costs the same every iteration (Nat64 arithmetic, no allocation), so
    // the cost is affine in n: cost(2000) - cost(1000) == cost(1000) - cost(0) > 0.
    long perThousand = compiled[2] - compiled[1];
    assertTrue(perThousand >= 1000, () -> "at least one instruction per iteration: " + perThousand);
    assertEquals(perThousand, compiled[3] - compiled[2], "sumTo cost is affine in n");
  }

  @Test
  void aTooSmallBudgetStopsTheMessageAndTheCanisterStaysUsable() throws Exception {
    CanisterRunner c = new CanisterRunner(metered(CanisterFixture.MOTOKO_KERNEL_WASM32));
    c.instance.exports().global(InstructionCounting.COUNTER_EXPORT).setValue(BUDGET);
    c.init();
    long full = used(c, BUDGET, () -> c.query("sumTo", uncheck(100_000)));
    assertEquals(-1, used(c, full - 1, () -> c.query("sumTo", uncheck(100_000))), "one instruction short");
    assertEquals(full, used(c, full, () -> c.query("sumTo", uncheck(100_000))), "exactly enough");
  }

  @Test
  void assemblyScriptRunsMetered() throws Exception {
    CanisterRunner as = new CanisterRunner(metered(CanisterFixture.ASSEMBLYSCRIPT_GREET));
    as.instance.exports().global(InstructionCounting.COUNTER_EXPORT).setValue(BUDGET);
    assertInstanceOf(Result.NoResponse.class, as.init());
    var t = Candid.parseTypes("(text)");
    byte[] arg = Candid.encode(t, Candid.parseArgs("(\"jic\")", t));
    long greet = used(as, BUDGET, () -> as.query("greet", arg));
    assertTrue(greet > 10 && greet < 100_000, () -> "greet used " + greet);
    assertEquals(greet, used(as, BUDGET, () -> as.query("greet", arg)), "same message, same count");
  }
}
