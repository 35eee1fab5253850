package dev.jic.wasm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.Parser;
import dev.jic.wasm.binary.BlockType;
import dev.jic.wasm.binary.Imm;
import dev.jic.wasm.binary.Instruction;
import dev.jic.wasm.binary.Opcodes;
import dev.jic.wasm.binary.Parts.Export;
import dev.jic.wasm.binary.Parts.ExternalKind;
import dev.jic.wasm.binary.Parts.FunctionBody;
import dev.jic.wasm.binary.Types.FuncType;
import dev.jic.wasm.binary.ValType;
import dev.jic.wasm.binary.WasmEncoder;
import dev.jic.wasm.binary.WasmModule;
import dev.jic.wasm.engine.EngineConfig.Backend;
import dev.jic.wasm.instrument.InstructionCounting;
import dev.jic.wasm.instrument.LoopStackSpill;
import dev.jic.wasm.typecheck.WasmTypeChecker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Regression for the MapStore bug: a valid module whose rewrite uses block type index 64 was
 * rejected by Chicory ("type mismatch, mismatching stack height"), because Chicory 1.7.5 reads a
 * block type index equal to a one-byte block-type code (64 = 0x40 = empty, 127 = i32, ...) as that
 * code. moc's MapStore had 63 types, the callback trampoline made 64, and instrumentation appended
 * the type of the block wrapping a multi-value function body at index 64.
 */
class ChicoryBlockTypesTest {
  private static final ChicoryEngine ENGINE = new ChicoryEngine(
      EngineConfig.defaults().withBackend(Backend.INTERPRETER).withMemoryCacheEntries(1));

  /** {@code n} distinct filler types: type i takes i + 1 i32 parameters. */
  private static List<FuncType> fillers(int n) {
    List<FuncType> types = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      types.add(new FuncType(Collections.nCopies(i + 1, ValType.I32), List.of()));
    }
    return types;
  }

  private static WasmModule module(List<FuncType> types, int funcType, List<Instruction> body) {
    return new WasmModule(types, List.of(), List.of(funcType), List.of(), List.of(), List.of(),
        List.of(new Export("f", ExternalKind.FUNC, 0)), OptionalInt.empty(), List.of(), OptionalLong.empty(),
        List.of(new FunctionBody(List.of(), body)), List.of(), List.of());
  }

  /** {@code f : () -> (i32, i32)} = {@code block (type index) i32.const 1 i32.const 2 end}; the type is at {@code index}. */
  static WasmModule explicitBlock(int index) {
    List<FuncType> types = fillers(index);
    types.add(new FuncType(List.of(), List.of(ValType.I32, ValType.I32)));
    return module(types, index, List.of(
        new Instruction(Opcodes.BLOCK, new Imm.Block(new BlockType.TypeIndex(index))),
        new Instruction(Opcodes.I32_CONST, new Imm.I32(1)),
        new Instruction(Opcodes.I32_CONST, new Imm.I32(2)),
        Instruction.of(Opcodes.END),
        Instruction.of(Opcodes.END)));
  }

  /**
   * Shaped like moc's {@code @new_async}: {@code types} types, the last {@code (i32) -> (i32 x4)}
   * (a function that calls another, so it is no leaf), and
   * no {@code () -> (i32 x4)} block type, so instrumentation appends one at index {@code types}.
   */
  static WasmModule multiValueFunction(int types) {
    List<FuncType> ts = fillers(types - 1);
    ts.add(new FuncType(List.of(ValType.I32), Collections.nCopies(4, ValType.I32)));
    List<Instruction> body = new ArrayList<>();
    // A call, so the function is no leaf and the stack limit wraps its body in a block.
    body.add(new Instruction(Opcodes.LOCAL_GET, new Imm.Index(0)));
    body.add(new Instruction(Opcodes.CALL, new Imm.Index(1)));
    for (int i = 1; i <= 4; i++) {
      body.add(new Instruction(Opcodes.LOCAL_GET, new Imm.Index(0)));
      body.add(new Instruction(Opcodes.I32_CONST, new Imm.I32(i)));
      body.add(Instruction.of(0x6A)); // i32.add
    }
    body.add(Instruction.of(Opcodes.END));
    WasmModule one = module(ts, types - 1, body);
    // function 1: type 0 = (i32) -> (), empty body
    return new WasmModule(one.types(), one.imports(), List.of(types - 1, 0), one.tables(), one.memories(),
        one.globals(), one.exports(), one.start(), one.elements(), one.dataCount(),
        List.of(one.code().get(0), new FunctionBody(List.of(), List.of(Instruction.of(Opcodes.END)))), one.data(),
        one.customSections());
  }

  private static List<Long> run(WasmModule m, List<Long> args) {
    Compilation c = ENGINE.compile(WasmEncoder.encode(m));
    CompiledModule cm = assertInstanceOf(Compilation.Compiled.class, c, () -> c.toString()).module();
    Instantiation.Instantiated ok = assertInstanceOf(Instantiation.Instantiated.class,
        ENGINE.instantiate(cm, new TestModules.Host(0), MemoryFactory.heap(), EngineTest.BIG));
    CallOutcome.Completed done = assertInstanceOf(CallOutcome.Completed.class,
        ok.instance().call("f", args, EngineTest.BIG));
    List<Long> out = new ArrayList<>();
    done.results().forEach(v -> out.add(v.longValue()));
    return out;
  }

  private static boolean usesBlockType(WasmModule m, int index) {
    return m.code().stream().flatMap(b -> b.code().stream())
        .anyMatch(i -> i.imm() instanceof Imm.Block(BlockType.TypeIndex(int k)) && k == index);
  }

  @Test
  void chicoryItselfMisreadsBlockTypeIndex64() {
    // Documents the upstream bug this pass works around; if Chicory is fixed, this fails and the
    // pass can go.
    byte[] raw = WasmEncoder.encode(explicitBlock(64));
    assertThrows(InvalidException.class, () -> Parser.parse(raw));
    Parser.parse(WasmEncoder.encode(explicitBlock(63)));
  }

  @Test
  void moduleShapedLikeMapStoreCompilesAndRuns() throws Exception {
    WasmModule m = multiValueFunction(64);
    WasmTypeChecker.check(m);
    WasmModule instrumented = InstructionCounting.instrument(m, 0, ChicoryEngine.OPTIONS).module();
    assertTrue(usesBlockType(instrumented, 64), "the trigger: instrumentation's block type lands at index 64");
    assertEquals(List.of(11L, 12L, 13L, 14L), run(m, List.of(10L)));
    // One type fewer put it at 63: always fine.
    assertEquals(List.of(11L, 12L, 13L, 14L), run(multiValueFunction(63), List.of(10L)));
  }

  @Test
  void everyBlockTypeIndexUpTo300Runs() {
    for (int k = 0; k <= 300; k++) {
      assertEquals(List.of(1L, 2L), run(explicitBlock(k), List.of()), "block type index " + k);
    }
  }

  @Test
  void moduleWithoutAvoidedIndicesIsReturnedAsIs() {
    WasmModule m = explicitBlock(63);
    assertSame(m, ChicoryBlockTypes.apply(m));
    WasmModule big = explicitBlock(130);
    assertSame(big, ChicoryBlockTypes.apply(big));
  }

  @Test
  void movedBlockTypesPointToEqualTypesAtIndex128OrMore() throws Exception {
    WasmModule out = ChicoryBlockTypes.apply(explicitBlock(100));
    WasmTypeChecker.check(out);
    assertFalse(usesBlockType(out, 100));
    assertTrue(usesBlockType(out, 128));
    assertEquals(129, out.types().size());
    assertEquals(out.types().get(100), out.types().get(128));
  }

  /**
   * Any type-section size and any shape from the generator: every rewriting pass keeps the module
   * valid for our checker, and after the engine's last pass no block type uses an avoided index and
   * Chicory's parser (which validates) accepts it.
   */
  @Property(tries = 150)
  void pipelineOutputIsValidForOurCheckerAndChicory(@ForAll @IntRange(min = 2, max = 200) int types,
      @ForAll boolean explicit) throws Exception {
    WasmModule m = explicit ? explicitBlock(types - 1) : multiValueFunction(types);
    WasmTypeChecker.check(m);
    WasmModule instrumented = InstructionCounting.instrument(m, 0, ChicoryEngine.OPTIONS).module();
    WasmTypeChecker.check(instrumented);
    WasmModule spilled = LoopStackSpill.apply(instrumented);
    WasmTypeChecker.check(spilled);
    WasmModule last = ChicoryBlockTypes.apply(spilled);
    WasmTypeChecker.check(last);
    for (int k = ChicoryBlockTypes.LOW; k < ChicoryBlockTypes.HIGH; k++) {
      assertFalse(usesBlockType(last, k), "block type index " + k);
    }
    Parser.parse(WasmEncoder.encode(last));
  }
}
