package dev.jic.wasm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.types.unit.NumInstructions;
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
import dev.jic.wasm.engine.EngineConfig.Backend;
import dev.jic.wasm.instrument.InstructionCounting;
import dev.jic.wasm.instrument.StackLimit;
import dev.jic.wasm.typecheck.WasmTypeChecker;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The engine's deterministic stack limit: calls run on the engine's large-stack threads, so deep
 * recursion always stops at exactly {@link ChicoryEngine#STACK_LIMIT} units with the same
 * instruction count on the compiler and the interpreter, whatever thread calls the engine (here
 * one with a 256 KiB stack, which would overflow after a few thousand frames by itself).
 */
class EngineStackTest {
  private static final NumInstructions BIG = NumInstructions.of(1L << 50);

  /** rec(n) = n, by n nested calls; {@code pushed} extra i64 values sit on the stack at each call. */
  static WasmModule recursion(int extraLocals, int pushed) {
    FuncType t = new FuncType(List.of(ValType.I32), List.of(ValType.I32));
    List<Instruction> body = new ArrayList<>();
    for (int k = 0; k < pushed; k++) {
      body.add(new Instruction(Opcodes.I64_CONST, new Imm.I64(k)));
    }
    body.addAll(List.of(
        new Instruction(Opcodes.LOCAL_GET, new Imm.Index(0)), Instruction.of(0x45),
        new Instruction(Opcodes.IF, new Imm.Block(new BlockType.Value(ValType.I32))),
        new Instruction(Opcodes.I32_CONST, new Imm.I32(0)),
        Instruction.of(Opcodes.ELSE),
        new Instruction(Opcodes.LOCAL_GET, new Imm.Index(0)), new Instruction(Opcodes.I32_CONST, new Imm.I32(1)),
        Instruction.of(0x6B), new Instruction(Opcodes.CALL, new Imm.Index(0)),
        new Instruction(Opcodes.I32_CONST, new Imm.I32(1)), Instruction.of(0x6A),
        Instruction.of(Opcodes.END)));
    for (int k = 0; k < pushed; k++) { // keep the i32 result on top: stash it in local 0
      if (k == 0) {
        body.add(new Instruction(Opcodes.LOCAL_SET, new Imm.Index(0)));
      }
      body.add(Instruction.of(Opcodes.DROP));
    }
    if (pushed > 0) {
      body.add(new Instruction(Opcodes.LOCAL_GET, new Imm.Index(0)));
    }
    body.add(Instruction.of(Opcodes.END));
    List<Locals> locals = extraLocals == 0 ? List.of() : List.of(new Locals(extraLocals, ValType.I64));
    return new WasmModule(List.of(t), List.of(), List.of(0), List.of(), List.of(), List.of(),
        List.of(new Export("rec", ExternalKind.FUNC, 0)), OptionalInt.empty(), List.of(), OptionalLong.empty(),
        List.of(new FunctionBody(locals, body)), List.of(), List.of());
  }

  private static WasmInstance instance(Backend b, WasmModule m) {
    WasmEngine e = new ChicoryEngine(EngineConfig.defaults().withIcRules(false).withBackend(b));
    CompiledModule c = assertInstanceOf(Compilation.Compiled.class, e.compile(WasmEncoder.encode(m))).module();
    return assertInstanceOf(Instantiation.Instantiated.class,
        e.instantiate(c, ImportResolver.none(), MemoryFactory.heap(), BIG)).instance();
  }

  /** Calls rec(n) from a thread with a 256 KiB stack. */
  private static CallOutcome callFromSmallStack(WasmInstance inst, long n) throws InterruptedException {
    AtomicReference<CallOutcome> out = new AtomicReference<>();
    Thread t = new Thread(null, () -> out.set(inst.call("rec", List.of(n), BIG)), "small-stack", 256 << 10);
    t.start();
    t.join();
    return out.get();
  }

  @Test
  void recursionStopsAtTheLimitWithIdenticalCountsOnBothBackends() throws Exception {
    // weight 1 (1 slot), weight 26 (401 slots), weight 1 + (1 + 1002) / 16 = 63 (a deep operand stack)
    int[][] shapes = {{0, 0}, {400, 0}, {0, 1000}};
    for (int[] shape : shapes) {
      WasmModule m = recursion(shape[0], shape[1]);
      List<CallOutcome> fits = new ArrayList<>();
      List<CallOutcome> over = new ArrayList<>();
      int frames = maxFrames(m, shape[0]);
      for (Backend b : Backend.values()) {
        WasmInstance inst = instance(b, m);
        fits.add(callFromSmallStack(inst, frames - 1));
        over.add(callFromSmallStack(inst, frames));
      }
      CallOutcome.Completed ok = assertInstanceOf(CallOutcome.Completed.class, fits.get(0), "shape " + shape[0]);
      assertEquals(frames - 1, ok.results().get(0).intValue());
      CallOutcome.Trapped t = assertInstanceOf(CallOutcome.Trapped.class, over.get(0), "shape " + shape[0] + "/" + shape[1] + " frames " + frames + ": " + over);
      assertEquals(TrapKind.STACK_OVERFLOW, t.kind());
      assertEquals("call stack exhausted", t.message(), "the instrumented limit, not the JVM's stack");
      assertTrue(t.instructions().value() > 0 && t.instructions().value() < BIG.value());
      assertEquals(fits.get(0), fits.get(1), "compiler vs interpreter, completed");
      assertEquals(over.get(0), over.get(1), "compiler vs interpreter, at the limit");
    }
  }

  @Test
  void callsInsideOnEngineThreadRunInlineWithTheSameOutcome() throws Exception {
    WasmModule m = recursion(0, 0);
    int frames = maxFrames(m, 0);
    WasmInstance inst = instance(Backend.COMPILER, m);
    CallOutcome outside = inst.call("rec", List.of((long) frames), BIG);
    List<Object> inside = ChicoryEngine.onEngineThread(() -> List.of(Thread.currentThread().getName(),
        inst.call("rec", List.of((long) frames), BIG), inst.call("rec", List.of(5L), BIG)));
    assertTrue(((String) inside.get(0)).startsWith("jic-wasm-"), inside.get(0).toString());
    assertEquals(outside, inside.get(1));
    assertEquals(TrapKind.STACK_OVERFLOW, assertInstanceOf(CallOutcome.Trapped.class, outside).kind());
    assertEquals(5, assertInstanceOf(CallOutcome.Completed.class, inside.get(2)).results().get(0).intValue());
  }

  /** Frames that fit: the limit over the weight StackLimit gives the metered function. */
  private static int maxFrames(WasmModule m, int extraLocals) throws Exception {
    var metered = InstructionCounting.instrument(m, 0, new InstructionCounting.Options(true, 2, false, 0)).module();
    int height = WasmTypeChecker.maxOperandHeights(metered)[0];
    return ChicoryEngine.STACK_LIMIT / StackLimit.frameWeight(1 + extraLocals + height);
  }
}
