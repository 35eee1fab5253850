package dev.jic.wasm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.jic.types.unit.NumInstructions;
import dev.jic.wasm.engine.EngineConfig.Backend;
import dev.jic.wasm.engine.WasmError.Category;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Compile, instantiate, call, metering and trap categories, under both backends. */
class EngineTest {
  static final NumInstructions BIG = NumInstructions.of(1_000_000_000L);

  static WasmEngine engine(Backend b) {
    return new ChicoryEngine(EngineConfig.defaults().withBackend(b));
  }

  static CompiledModule compiled(WasmEngine e, String stem) {
    return assertInstanceOf(Compilation.Compiled.class, e.compile(TestModules.wasm(stem))).module();
  }

  static WasmInstance instance(WasmEngine e, String stem, ImportResolver host) {
    Instantiation i = e.instantiate(compiled(e, stem), host, MemoryFactory.heap(), BIG);
    Instantiation.Instantiated ok = assertInstanceOf(Instantiation.Instantiated.class, i);
    assertInstanceOf(CallOutcome.Completed.class, ok.start());
    return ok.instance();
  }

  static WasmInstance testInstance(Backend b) {
    return instance(engine(b), "engine-test", new TestModules.Host(0));
  }

  static long used(CallOutcome o) {
    return assertInstanceOf(CallOutcome.Completed.class, o).instructions().value();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void callsAnExportAndReturnsResults(Backend b) {
    WasmInstance inst = testInstance(b);
    CallOutcome o = inst.call("add", List.of(2L, 40L), BIG);
    CallOutcome.Completed c = assertInstanceOf(CallOutcome.Completed.class, o);
    assertEquals(42, c.results().get(0).intValue());
    assertTrue(c.instructions().value() > 0);
    // Wrapping i32 arithmetic; the low 32 bits carry the value.
    CallOutcome.Completed w = assertInstanceOf(CallOutcome.Completed.class,
        inst.call("add", List.of((long) Integer.MAX_VALUE, 1L), BIG));
    assertEquals(Integer.MIN_VALUE, w.results().get(0).intValue());
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void loopCostIsAffineInIterations(Backend b) {
    WasmInstance inst = testInstance(b);
    long u0 = used(inst.call("loop", List.of(0L), BIG));
    long u1 = used(inst.call("loop", List.of(1L), BIG));
    long u10 = used(inst.call("loop", List.of(10L), BIG));
    long u1000 = used(inst.call("loop", List.of(1000L), BIG));
    long perIteration = u1 - u0;
    assertTrue(perIteration > 0);
    assertEquals(u0 + 10 * perIteration, u10);
    assertEquals(u0 + 1000 * perIteration, u1000);
  }

  @Test
  void countsAreIdenticalAcrossBackendsAndRuns() {
    List<Long> reference = null;
    for (Backend b : List.of(Backend.COMPILER, Backend.INTERPRETER, Backend.COMPILER, Backend.INTERPRETER)) {
      WasmInstance inst = testInstance(b);
      List<Long> counts = new ArrayList<>();
      for (long n : new long[] {0, 1, 7, 100, 5000}) {
        counts.add(used(inst.call("loop", List.of(n), BIG)));
        counts.add(used(inst.call("pc_after", List.of(n), BIG)));
      }
      counts.add(used(inst.call("fill", List.of(1000L), BIG)));
      if (reference == null) {
        reference = counts;
      } else {
        assertEquals(reference, counts, "backend " + b);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void budgetExhaustionIsExact(Backend b) {
    WasmInstance inst = testInstance(b);
    long exact = used(inst.call("loop", List.of(1000L), BIG));
    // A budget of exactly the instructions needed completes; one less runs out.
    assertEquals(exact, used(inst.call("loop", List.of(1000L), NumInstructions.of(exact))));
    CallOutcome short1 = inst.call("loop", List.of(1000L), NumInstructions.of(exact - 1));
    assertEquals(new CallOutcome.OutOfInstructions(NumInstructions.of(exact - 1)), short1);
    // Every smaller budget runs out too, and the instance stays usable afterwards.
    for (long budget : new long[] {0, 1, 2, exact / 2, exact - 2}) {
      assertInstanceOf(CallOutcome.OutOfInstructions.class, inst.call("loop", List.of(1000L), NumInstructions.of(budget)));
    }
    assertEquals(exact, used(inst.call("loop", List.of(1000L), BIG)));
  }

  @Test
  void outOfInstructionsStopsAtTheSamePointInBothBackends() {
    // The loop stores its running sum in a global each iteration: where it stopped is observable.
    List<Integer> stoppedAt = new ArrayList<>();
    for (Backend b : Backend.values()) {
      WasmInstance inst = testInstance(b);
      assertInstanceOf(CallOutcome.OutOfInstructions.class, inst.call("loop", List.of(100_000L), NumInstructions.of(12_345)));
      CallOutcome.Completed g = assertInstanceOf(CallOutcome.Completed.class, inst.call("get_global", List.of(), BIG));
      stoppedAt.add(g.results().get(0).intValue());
      assertEquals(g.results().get(0).intValue(), inst.memory().readInt(0));
    }
    assertEquals(stoppedAt.get(0), stoppedAt.get(1));
    assertTrue(stoppedAt.get(0) > 0);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void infiniteLoopRunsOutOfInstructions(Backend b) {
    WasmInstance inst = testInstance(b);
    assertEquals(new CallOutcome.OutOfInstructions(NumInstructions.of(1_000_000)),
        inst.call("spin", List.of(), NumInstructions.of(1_000_000)));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void performanceCounterIsExactAndBelowTheTotal(Backend b) {
    WasmInstance inst = testInstance(b);
    for (long n : new long[] {0, 10, 1000}) {
      CallOutcome.Completed c = assertInstanceOf(CallOutcome.Completed.class, inst.call("pc_after", List.of(n), BIG));
      long pc = c.results().get(0);
      assertTrue(pc > 0 && pc <= c.instructions().value(), "pc=" + pc + " total=" + c.instructions());
      // What follows the host call (the function's end) costs the same whatever n is.
      long tail = c.instructions().value() - pc;
      CallOutcome.Completed c0 = assertInstanceOf(CallOutcome.Completed.class, inst.call("pc_after", List.of(0L), BIG));
      assertEquals(c0.instructions().value() - c0.results().get(0), tail);
    }
  }

  @Test
  void hostChargesAddExactly() {
    for (Backend b : Backend.values()) {
      WasmEngine e = engine(b);
      TestModules.Host free = new TestModules.Host(0);
      TestModules.Host costly = new TestModules.Host(1000);
      long u0 = used(instance(e, "engine-test", free).call("print", List.of(), BIG));
      long u1 = used(instance(e, "engine-test", costly).call("print", List.of(), BIG));
      assertEquals(u0 + 1000, u1);
      assertEquals(List.of("boom"), costly.printed);
      // A charge beyond the budget ends the call.
      TestModules.Host huge = new TestModules.Host(2_000_000);
      assertEquals(new CallOutcome.OutOfInstructions(NumInstructions.of(1_000_000)),
          instance(e, "engine-test", huge).call("print", List.of(), NumInstructions.of(1_000_000)));
      // A budget that runs out before the host call: the host function is never entered.
      TestModules.Host unseen = new TestModules.Host(0);
      assertInstanceOf(CallOutcome.OutOfInstructions.class,
          instance(e, "engine-test", unseen).call("print", List.of(), NumInstructions.of(1)));
      assertEquals(List.of(), unseen.printed);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void trapsAreCategorised(Backend b) {
    WasmInstance inst = testInstance(b);
    assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, inst.call("div", List.of(1L, 0L), BIG));
    assertTrap(TrapKind.INTEGER_OVERFLOW, inst.call("div", List.of((long) Integer.MIN_VALUE, -1L), BIG));
    assertTrap(TrapKind.MEMORY_OUT_OF_BOUNDS, inst.call("oob", List.of(), BIG));
    assertTrap(TrapKind.MEMORY_OUT_OF_BOUNDS, inst.call("fill", List.of(70_000L), BIG));
    assertTrap(TrapKind.UNREACHABLE, inst.call("unreachable", List.of(), BIG));
    CallOutcome.Trapped host = assertTrap(TrapKind.HOST, inst.call("host_trap", List.of(), BIG));
    assertEquals("boom", host.message());
    assertTrap(TrapKind.STACK_OVERFLOW, inst.call("recurse", List.of(0L), NumInstructions.of(Long.MAX_VALUE)));
    // Still usable after traps.
    assertEquals(3, assertInstanceOf(CallOutcome.Completed.class, inst.call("add", List.of(1L, 2L), BIG))
        .results().get(0).intValue());
  }

  @Test
  void trapCountsMatchAcrossBackends() {
    List<CallOutcome> outcomes = new ArrayList<>();
    for (Backend b : Backend.values()) {
      WasmInstance inst = testInstance(b);
      CallOutcome.Trapped t = assertInstanceOf(CallOutcome.Trapped.class, inst.call("div", List.of(1L, 0L), BIG));
      CallOutcome.Trapped h = assertInstanceOf(CallOutcome.Trapped.class, inst.call("host_trap", List.of(), BIG));
      outcomes.add(new CallOutcome.Trapped(t.kind(), "", t.instructions()));
      outcomes.add(h);
    }
    assertEquals(outcomes.subList(0, 2), outcomes.subList(2, 4));
  }

  static CallOutcome.Trapped assertTrap(TrapKind kind, CallOutcome o) {
    CallOutcome.Trapped t = assertInstanceOf(CallOutcome.Trapped.class, o);
    assertEquals(kind, t.kind(), t.message());
    return t;
  }

  @Test
  void startFunctionRunsMeteredOnce() {
    for (Backend b : Backend.values()) {
      WasmEngine e = engine(b);
      CompiledModule m = compiled(e, "engine-start");
      Instantiation.Instantiated ok = assertInstanceOf(Instantiation.Instantiated.class,
          e.instantiate(m, ImportResolver.none(), MemoryFactory.heap(), BIG));
      long startCost = used(ok.start());
      assertTrue(startCost > 100);
      assertEquals(100, assertInstanceOf(CallOutcome.Completed.class, ok.instance().call("get", List.of(), BIG))
          .results().get(0).intValue());
      Instantiation.Instantiated tight = assertInstanceOf(Instantiation.Instantiated.class,
          e.instantiate(m, ImportResolver.none(), MemoryFactory.heap(), NumInstructions.of(startCost - 1)));
      assertEquals(new CallOutcome.OutOfInstructions(NumInstructions.of(startCost - 1)), tight.start());
    }
  }

  @Test
  void rejectionsAreCategorised() {
    WasmEngine e = engine(Backend.COMPILER);
    assertRejected(Category.MALFORMED, e.compile(new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0}));
    assertRejected(Category.MALFORMED, e.compile(new byte[] {1, 2, 3}));
    assertRejected(Category.MALFORMED, e.compile(new byte[] {0x1f, (byte) 0x8b, 0x08, 0, 0}));
    // IC rules: only ic0 imports.
    assertRejected(Category.INVALID, e.compile(TestModules.wasm("engine-env-import")));
    // Type error: (func (result i32) i64.const 0) encoded by hand.
    byte[] typeError = {0, 'a', 's', 'm', 1, 0, 0, 0,
        1, 5, 1, 0x60, 0, 1, 0x7f, // type section: () -> i32
        3, 2, 1, 0, // function section
        10, 6, 1, 4, 0, 0x42, 0, 0x0b}; // code: i64.const 0; end
    assertRejected(Category.INVALID, e.compile(typeError));
    assertEquals(5, e.cacheStats().rejections());
  }

  static void assertRejected(Category c, Compilation result) {
    assertEquals(c, assertInstanceOf(Compilation.Rejected.class, result).error().category(), result.toString());
  }

  @Test
  void instantiationFailuresAreCategorised() {
    WasmEngine e = new ChicoryEngine(EngineConfig.defaults().withIcRules(false));
    CompiledModule env = compiled(e, "engine-env-import");
    Instantiation.Failed f = assertInstanceOf(Instantiation.Failed.class,
        e.instantiate(env, ImportResolver.none(), MemoryFactory.heap(), BIG));
    assertEquals(Category.UNLINKABLE, f.error().category());
    // With the import provided it links and the host function sees the argument.
    ImportResolver doubler = (mod, name, type) -> java.util.Optional.of((ctx, args) -> new long[] {2 * (int) args[0]});
    WasmInstance ok = assertInstanceOf(Instantiation.Instantiated.class,
        e.instantiate(env, doubler, MemoryFactory.heap(), BIG)).instance();
    assertEquals(42, assertInstanceOf(CallOutcome.Completed.class, ok.call("g", List.of(21L), BIG))
        .results().get(0).intValue());

    CompiledModule seg = compiled(e, "engine-bad-segment");
    Instantiation.Failed s = assertInstanceOf(Instantiation.Failed.class,
        e.instantiate(seg, ImportResolver.none(), MemoryFactory.heap(), BIG));
    assertEquals(Category.TRAP, s.error().category());
  }

  @Test
  void memoryFactoryIsUsed() {
    WasmEngine e = engine(Backend.COMPILER);
    List<MemoryLimits> asked = new ArrayList<>();
    MemoryFactory recording = limits -> {
      asked.add(limits);
      return new ByteArrayMemory(limits);
    };
    WasmInstance inst = assertInstanceOf(Instantiation.Instantiated.class,
        e.instantiate(compiled(e, "engine-test"), new TestModules.Host(0), recording, BIG)).instance();
    assertEquals(1, asked.size());
    assertEquals(1, asked.get(0).initialPages());
    assertNotNull(inst.memory());
    assertEquals('b', inst.memory().read(16));
    assertNull(assertInstanceOf(Instantiation.Instantiated.class, e.instantiate(compiled(e, "engine-start"),
        ImportResolver.none(), recording, BIG)).instance().memory());
  }

  @Test
  void callerBugsAreExceptions() {
    WasmInstance inst = testInstance(Backend.COMPILER);
    assertThrows(IllegalArgumentException.class, () -> inst.call("nope", List.of(), BIG));
    assertThrows(IllegalArgumentException.class, () -> inst.call("add", List.of(1L), BIG));
    // A host function that throws something other than HostTrap is a host bug: it propagates.
    WasmEngine e = new ChicoryEngine(EngineConfig.defaults().withIcRules(false));
    ImportResolver buggy = (mod, name, type) -> java.util.Optional.of((ctx, args) -> {
      throw new IllegalStateException("host bug");
    });
    WasmInstance b = assertInstanceOf(Instantiation.Instantiated.class,
        e.instantiate(compiled(e, "engine-env-import"), buggy, MemoryFactory.heap(), BIG)).instance();
    assertThrows(IllegalStateException.class, () -> b.call("g", List.of(1L), BIG));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void wasm64ModulesRunLowered(Backend b) {
    WasmEngine e = engine(b);
    CompiledModule m = compiled(e, "engine-mem64");
    assertTrue(m.wasm64());
    WasmInstance inst = assertInstanceOf(Instantiation.Instantiated.class,
        e.instantiate(m, ImportResolver.none(), MemoryFactory.heap(), BIG)).instance();
    assertEquals(77, assertInstanceOf(CallOutcome.Completed.class, inst.call("store_load", List.of(100L, 77L), BIG))
        .results().get(0).intValue());
    assertEquals(1L, assertInstanceOf(CallOutcome.Completed.class, inst.call("size", List.of(), BIG)).results().get(0));
    // Addresses at or beyond 2^32 trap as they would on a 64-bit engine.
    assertTrap(TrapKind.MEMORY_OUT_OF_BOUNDS, inst.call("store_load", List.of(1L << 32, 1L), BIG));
    assertTrap(TrapKind.MEMORY_OUT_OF_BOUNDS, inst.call("store_load", List.of(65534L, 1L), BIG));
  }
}
