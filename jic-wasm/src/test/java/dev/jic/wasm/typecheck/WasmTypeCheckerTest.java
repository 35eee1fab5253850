package dev.jic.wasm.typecheck;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import dev.jic.wasm.binary.WasmDecoder;
import dev.jic.wasm.binary.WasmModule;
import dev.jic.wasm.spec.SpecFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Hand-written validity cases and a robustness property; the spec suite covers the rest (SpecSuiteTest). */
class WasmTypeCheckerTest {
  private static Instruction i(int op) {
    return Instruction.of(op);
  }

  private static Instruction i(int op, int index) {
    return new Instruction(op, new Imm.Index(index));
  }

  private static Instruction i32(int v) {
    return new Instruction(Opcodes.I32_CONST, new Imm.I32(v));
  }

  private static Instruction i64(long v) {
    return new Instruction(Opcodes.I64_CONST, new Imm.I64(v));
  }

  private static final Instruction END = i(Opcodes.END);

  /** One function of {@code type} with {@code code}, optional memory, exported as "f". */
  private static WasmModule fn(FuncType type, List<ValType> locals, MemoryType mem, Instruction... code) {
    List<Locals> ls = locals.stream().map(t -> new Locals(1, t)).toList();
    return new WasmModule(List.of(type, new FuncType(List.of(ValType.I32), List.of(ValType.I32, ValType.I64))),
        List.of(), List.of(0), List.of(), mem == null ? List.of() : List.of(mem), List.of(),
        List.of(new Export("f", ExternalKind.FUNC, 0)), OptionalInt.empty(), List.of(), OptionalLong.empty(),
        List.of(new FunctionBody(ls, List.of(code))), List.of(), List.of());
  }

  private static final FuncType TO_I32 = new FuncType(List.of(), List.of(ValType.I32));

  private static String reason(WasmModule m) {
    return assertThrows(WasmInvalidException.class, () -> WasmTypeChecker.check(m)).reason();
  }

  @Test
  void operandTypesAreChecked() {
    assertDoesNotThrow(() -> WasmTypeChecker.check(fn(TO_I32, List.of(), null, i32(1), i32(2), i(0x6A), END)));
    assertEquals("type mismatch", reason(fn(TO_I32, List.of(), null, i64(1), END)));
    assertEquals("type mismatch", reason(fn(TO_I32, List.of(), null, i32(1), i64(2), i(0x6A), END)));
    assertEquals("type mismatch", reason(fn(TO_I32, List.of(), null, i32(1), i32(2), END)), "one value too many");
    assertEquals("type mismatch", reason(fn(TO_I32, List.of(), null, END)), "missing result");
  }

  @Test
  void unreachableCodeIsPolymorphic() {
    // unreachable; i32.add -> i32: both operands come from the polymorphic stack
    assertDoesNotThrow(() -> WasmTypeChecker.check(fn(TO_I32, List.of(), null, i(Opcodes.UNREACHABLE), i(0x6A), END)));
    // ... but a known operand of the wrong type is still wrong
    assertEquals("type mismatch", reason(fn(TO_I32, List.of(), null, i(Opcodes.UNREACHABLE), i64(0), i(0x6A), END)));
  }

  @Test
  void multiValueBlocksAndLabels() {
    // block (type 1: [i32] -> [i32 i64]) with i32 param; then drop the i64, keep the i32
    Instruction block = new Instruction(Opcodes.BLOCK, new Imm.Block(new BlockType.TypeIndex(1)));
    assertDoesNotThrow(() -> WasmTypeChecker.check(
        fn(TO_I32, List.of(), null, i32(7), block, i64(1), END, i(Opcodes.DROP), END)));
    assertEquals("type mismatch", reason(fn(TO_I32, List.of(), null, block, i64(1), END, i(Opcodes.DROP), END)),
        "block parameter missing");
    assertEquals("unknown label", reason(fn(TO_I32, List.of(), null, i32(0), i(Opcodes.BR, 1), END)));
    assertEquals("unknown type", reason(fn(TO_I32, List.of(), null,
        new Instruction(Opcodes.BLOCK, new Imm.Block(new BlockType.TypeIndex(9))), END, i32(0), END)));
  }

  @Test
  void indicesAndMutability() {
    assertEquals("unknown local", reason(fn(TO_I32, List.of(ValType.I32), null, i(Opcodes.LOCAL_GET, 1), END)));
    assertDoesNotThrow(() -> WasmTypeChecker.check(fn(TO_I32, List.of(ValType.I32), null, i(Opcodes.LOCAL_GET, 0), END)));
    assertEquals("unknown global", reason(fn(TO_I32, List.of(), null, i(Opcodes.GLOBAL_GET, 0), END)));
    assertEquals("unknown function", reason(fn(TO_I32, List.of(), null, i(Opcodes.CALL, 5), END)));
    WasmModule refFunc = fn(TO_I32, List.of(), null, i(Opcodes.REF_FUNC, 0), i(Opcodes.REF_IS_NULL), END);
    assertDoesNotThrow(() -> WasmTypeChecker.check(refFunc), "function 0 is exported, hence declared");
    WasmModule unexported = new WasmModule(refFunc.types(), refFunc.imports(), refFunc.functions(), refFunc.tables(),
        refFunc.memories(), refFunc.globals(), List.of(), refFunc.start(), refFunc.elements(), refFunc.dataCount(),
        refFunc.code(), refFunc.data(), refFunc.customSections());
    assertEquals("undeclared function reference", reason(unexported), "ref.func of a function declared nowhere");
  }

  @Test
  void memoryIndexTypeFollowsMemory64() {
    Instruction load = new Instruction(0x28, new Imm.MemArg(2, 0));
    MemoryType m32 = new MemoryType(new Limits(1, OptionalLong.empty(), false));
    MemoryType m64 = new MemoryType(new Limits(1, OptionalLong.empty(), true));
    assertDoesNotThrow(() -> WasmTypeChecker.check(fn(TO_I32, List.of(), m32, i32(0), load, END)));
    assertDoesNotThrow(() -> WasmTypeChecker.check(fn(TO_I32, List.of(), m64, i64(0), load, END)));
    assertEquals("type mismatch", reason(fn(TO_I32, List.of(), m64, i32(0), load, END)));
    assertEquals("unknown memory", reason(fn(TO_I32, List.of(), null, i32(0), load, END)));
    assertEquals("alignment must not be larger than natural",
        reason(fn(TO_I32, List.of(), m32, i32(0), new Instruction(0x28, new Imm.MemArg(3, 0)), END)));
    assertEquals("memory size must be at most 65536 pages (4GiB)",
        reason(fn(TO_I32, List.of(), new MemoryType(new Limits(65537, OptionalLong.empty(), false)), i32(0), END)));
  }

  private static final List<WasmModule> SPEC_VALID = SpecFiles.validModules().stream()
      .map(Map.Entry::getValue).map(b -> {
        try {
          return WasmDecoder.decode(b);
        } catch (Exception e) {
          return null;
        }
      }).filter(m -> m != null && !m.code().isEmpty()).toList();

  /**
   * Mutating a valid spec module's code (dropping, duplicating or swapping instructions) gives a
   * module the checker accepts or rejects with WasmInvalidException, never another exception.
   */
  @Property(tries = 2000)
  void mutatedBodiesAreAcceptedOrRejectedCleanly(@ForAll @IntRange(min = 0, max = 1_000_000) int which,
      @ForAll long seed) {
    WasmModule m = SPEC_VALID.get(which % SPEC_VALID.size());
    Random r = new Random(seed);
    int f = r.nextInt(m.code().size());
    List<Instruction> code = new ArrayList<>(m.code().get(f).code());
    int at = r.nextInt(code.size());
    switch (r.nextInt(3)) {
      case 0 -> code.remove(at);
      case 1 -> code.add(at, code.get(r.nextInt(code.size())));
      default -> code.set(at, code.get(r.nextInt(code.size())));
    }
    List<FunctionBody> bodies = new ArrayList<>(m.code());
    bodies.set(f, new FunctionBody(m.code().get(f).locals(), code));
    WasmModule mutated = new WasmModule(m.types(), m.imports(), m.functions(), m.tables(), m.memories(), m.globals(),
        m.exports(), m.start(), m.elements(), m.dataCount(), bodies, m.data(), m.customSections());
    try {
      WasmTypeChecker.check(mutated);
    } catch (WasmInvalidException expected) {
      assertEquals(false, expected.reason().isBlank());
    }
  }
}
