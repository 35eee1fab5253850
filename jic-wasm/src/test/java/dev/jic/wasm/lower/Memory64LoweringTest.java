package dev.jic.wasm.lower;

import static dev.jic.wasm.lower.TestModules.get;
import static dev.jic.wasm.lower.TestModules.i64;
import static dev.jic.wasm.lower.TestModules.mem;
import static dev.jic.wasm.lower.TestModules.offset64;
import static dev.jic.wasm.lower.TestModules.op;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.jic.wasm.binary.Imm;
import dev.jic.wasm.binary.Instruction;
import dev.jic.wasm.binary.Opcodes;
import dev.jic.wasm.binary.Parts.DataSegment;
import dev.jic.wasm.binary.Parts.ImportDesc;
import dev.jic.wasm.binary.Parts.SegmentMode;
import dev.jic.wasm.binary.Types.Limits;
import dev.jic.wasm.binary.ValType;
import dev.jic.wasm.binary.WasmEncoder;
import dev.jic.wasm.binary.WasmModule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Memory lowering on hand-built memory64 modules run by Chicory's compiler. Expected outcomes are
 * the memory64 semantics (Wasm 3.0 spec, "Memory Instructions": effective address
 * {@code i + memarg.offset} computed without wrapping, trap if {@code ea + N/8 > |mem.data|};
 * {@code memory.grow} returns -1 on failure; bulk ops trap if {@code d + n > |mem.data|}).
 */
class Memory64LoweringTest {
  static final long PAGE = 65536;
  static final long TWO32 = 1L << 32;
  static final String OOB = "out of bounds memory access";

  static final List<ValType> I64 = List.of(ValType.I64);
  static final List<ValType> I32 = List.of(ValType.I32);

  /** memory i64 1 2; data at 65535 = 'Z'; passive data "abcd"; a function per operation. */
  static WasmModule memoryModule() {
    TestModules.Builder b = new TestModules.Builder().memory64(1, OptionalLong.of(2));
    b.func(new TestModules.Fn("load8", I64, I32, List.of(get(0), mem(0x2D, 0))));
    b.func(new TestModules.Fn("load16", I64, I32, List.of(get(0), mem(0x2F, 0))));
    b.func(new TestModules.Fn("load32", I64, I32, List.of(get(0), mem(0x28, 0))));
    b.func(new TestModules.Fn("load64", I64, I64, List.of(get(0), mem(0x29, 0))));
    b.func(new TestModules.Fn("load32_off100", I64, I32, List.of(get(0), mem(0x28, 100))));
    b.func(new TestModules.Fn("load8_off2^32", I64, I32, List.of(get(0), mem(0x2D, TWO32))));
    b.func(new TestModules.Fn("store8", List.of(ValType.I64, ValType.I32), List.of(),
        List.of(get(0), get(1), mem(0x3A, 0))));
    b.func(new TestModules.Fn("store64", List.of(ValType.I64, ValType.I64), List.of(),
        List.of(get(0), get(1), mem(0x37, 0))));
    b.func(new TestModules.Fn("size", List.of(), I64, List.of(op(Opcodes.MEMORY_SIZE))));
    b.func(new TestModules.Fn("grow", I64, I64, List.of(get(0), op(Opcodes.MEMORY_GROW))));
    b.func(new TestModules.Fn("fill", List.of(ValType.I64, ValType.I32, ValType.I64), List.of(),
        List.of(get(0), get(1), get(2), op(Opcodes.MEMORY_FILL))));
    b.func(new TestModules.Fn("copy", List.of(ValType.I64, ValType.I64, ValType.I64), List.of(),
        List.of(get(0), get(1), get(2), op(Opcodes.MEMORY_COPY))));
    b.func(new TestModules.Fn("init", List.of(ValType.I64, ValType.I32, ValType.I32), List.of(),
        List.of(get(0), get(1), get(2), op(Opcodes.MEMORY_INIT, new Imm.Index(1)))));
    b.func(new TestModules.Fn("load8_at_2^32_const", List.of(), I32, List.of(i64(TWO32), mem(0x2D, 0))));
    b.func(new TestModules.Fn("load8_at_65535_const", List.of(), I32, List.of(i64(65535), mem(0x2D, 0))));
    b.func(new TestModules.Fn("load32_offFFFFFFFF", I64, I32, List.of(get(0), mem(0x28, 0xFFFF_FFFFL))));
    b.data(new DataSegment(new SegmentMode.Active(0, offset64(65535)), "Z".getBytes(StandardCharsets.US_ASCII)));
    b.data(new DataSegment(new SegmentMode.Passive(), "abcd".getBytes(StandardCharsets.US_ASCII)));
    return b.build();
  }

  static long call(Instance i, String f, long... args) {
    long[] r = i.export(f).apply(args);
    return r == null || r.length == 0 ? 0 : r[0];
  }

  static void traps(Instance i, String f, long... args) {
    ChicoryException e = assertThrows(ChicoryException.class, () -> i.export(f).apply(args), f);
    assertTrue(String.valueOf(e.getMessage()).contains(OOB), f + ": " + e.getMessage());
  }

  @Test
  void lastValidByteWorksAndTheNextTraps() throws Exception {
    Instance i = TestModules.run(memoryModule());
    assertEquals('Z', call(i, "load8", PAGE - 1));
    traps(i, "load8", PAGE);
    assertEquals('Z', call(i, "load8_at_65535_const"));
    // An N-byte access is valid exactly up to address size - N.
    call(i, "load16", PAGE - 2);
    traps(i, "load16", PAGE - 1);
    call(i, "load32", PAGE - 4);
    traps(i, "load32", PAGE - 3);
    call(i, "load64", PAGE - 8);
    traps(i, "load64", PAGE - 7);
    // The static offset counts: address + 100 + 4 <= 65536.
    call(i, "load32_off100", PAGE - 104);
    traps(i, "load32_off100", PAGE - 103);
    call(i, "store8", PAGE - 1, 7);
    assertEquals(7, call(i, "load8", PAGE - 1));
    traps(i, "store8", PAGE, 7);
    call(i, "store64", PAGE - 8, -1L);
    assertEquals(-1L, call(i, "load64", PAGE - 8));
    traps(i, "store64", PAGE - 7, 1);
  }

  @Test
  void addressesAtOrAbove2To32Trap() throws Exception {
    Instance i = TestModules.run(memoryModule());
    // Their low 32 bits would be in bounds: a plain i32.wrap_i64 would not trap.
    for (long a : new long[] {TWO32, TWO32 + 1, TWO32 + PAGE - 8, 1L << 40, Long.MIN_VALUE, -1L, -8L}) {
      traps(i, "load8", a);
      traps(i, "load64", a);
      traps(i, "load32_off100", a);
      traps(i, "store8", a, 1);
      traps(i, "store64", a, 1);
    }
    traps(i, "load8_at_2^32_const");
    // Nothing was written at the wrapped addresses.
    assertEquals(0, call(i, "load64", 0));
    assertEquals(0, call(i, "load64", PAGE - 16));
    // The largest 32-bit offset: address + offset must not wrap in the engine's int arithmetic.
    traps(i, "load32_offFFFFFFFF", 0);
    traps(i, "load32_offFFFFFFFF", 1);
    traps(i, "load32_offFFFFFFFF", 0x8000_0000L);
    // An offset >= 2^32 can never be in bounds.
    traps(i, "load8_off2^32", 0);
    traps(i, "load8_off2^32", -TWO32);
  }

  @Test
  void memoryGrowSemantics() throws Exception {
    Instance i = TestModules.run(memoryModule());
    assertEquals(1, call(i, "size"));
    assertEquals(-1, call(i, "grow", 2)); // 1 + 2 > max 2
    assertEquals(-1, call(i, "grow", TWO32 + 1)); // wraps to 1 in 32 bits: must still fail
    assertEquals(-1, call(i, "grow", TWO32));
    assertEquals(-1, call(i, "grow", -1L));
    assertEquals(-1, call(i, "grow", Long.MIN_VALUE));
    assertEquals(1, call(i, "size"));
    assertEquals(1, call(i, "grow", 0));
    traps(i, "load8", PAGE);
    assertEquals(1, call(i, "grow", 1));
    assertEquals(2, call(i, "size"));
    assertEquals(0, call(i, "load8", 2 * PAGE - 1));
    traps(i, "load8", 2 * PAGE);
    assertEquals(-1, call(i, "grow", 1));
    assertEquals(2, call(i, "grow", 0));
  }

  @Test
  void unboundedMemoryIsClampedToTheEngineLimit() throws Exception {
    TestModules.Builder b = new TestModules.Builder().memory64(1, OptionalLong.empty());
    b.func(new TestModules.Fn("grow", I64, I64, List.of(get(0), op(Opcodes.MEMORY_GROW))));
    WasmModule lowered = Memory64Lowering.lower(b.build());
    assertEquals(new Limits(1, OptionalLong.of(Memory64Lowering.ENGINE_MAX_PAGES), false),
        lowered.memories().get(0).limits());
    Instance i = TestModules.run(b.build());
    assertEquals(-1, call(i, "grow", Memory64Lowering.ENGINE_MAX_PAGES)); // 1 + 32767 > 32767
    assertEquals(-1, call(i, "grow", 1L << 48)); // a 64-bit engine may allow it; jic's limit is documented
    // A declared maximum above the limit is clamped; one below is kept.
    WasmModule big = new TestModules.Builder().memory64(0, OptionalLong.of(1L << 40)).build();
    assertEquals(OptionalLong.of(Memory64Lowering.ENGINE_MAX_PAGES),
        Memory64Lowering.lower(big).memories().get(0).limits().max());
    assertEquals(OptionalLong.of(100), Memory64Lowering.lower(
        new TestModules.Builder().memory64(0, OptionalLong.of(100)).build(), 100).memories().get(0).limits().max());
  }

  @Test
  void bulkOperationsCheckEveryOperand() throws Exception {
    Instance i = TestModules.run(memoryModule());
    call(i, "fill", PAGE - 2, 0x41, 2);
    assertEquals(0x41, call(i, "load8", PAGE - 1));
    call(i, "fill", PAGE, 0, 0); // d == size, n == 0: allowed
    traps(i, "fill", PAGE + 1, 0, 0);
    traps(i, "fill", PAGE - 1, 0, 2);
    traps(i, "fill", TWO32, 0, 0); // wrapped d would be 0
    traps(i, "fill", 0, 0, TWO32); // wrapped n would be 0
    traps(i, "fill", 0, 0, TWO32 + 1);
    call(i, "copy", 0, PAGE - 2, 2);
    assertEquals(0x4141, call(i, "load16", 0));
    call(i, "copy", PAGE, PAGE, 0);
    traps(i, "copy", TWO32, 0, 0);
    traps(i, "copy", 0, TWO32, 0);
    traps(i, "copy", 0, 0, TWO32 + 1);
    traps(i, "copy", 1, 0, PAGE);
    call(i, "init", 8, 0, 4);
    assertEquals(0x64636261L, call(i, "load32", 8)); // "abcd" little-endian
    call(i, "init", PAGE - 4, 0, 4);
    traps(i, "init", PAGE - 3, 0, 4);
    traps(i, "init", TWO32, 0, 0);
    traps(i, "init", TWO32 + 8, 0, 4);
    assertEquals(0, call(i, "load32", 12)); // untouched
  }

  @Test
  void dataSegmentOffsetsBeyondTheMemoryFailInstantiation() throws Exception {
    for (long offset : new long[] {PAGE, TWO32, TWO32 + 1, -1L}) {
      WasmModule m = new TestModules.Builder().memory64(1, OptionalLong.empty())
          .data(new DataSegment(new SegmentMode.Active(0, offset64(offset)), new byte[] {1})).build();
      ChicoryException e = assertThrows(ChicoryException.class, () -> TestModules.run(m), "offset " + offset);
      assertTrue(String.valueOf(e.getMessage()).contains(OOB), e.getMessage());
    }
    // An empty segment just past the end also fails (Wasm 2.0: offset + 0 > size), but not at the end.
    WasmModule atEnd = new TestModules.Builder().memory64(1, OptionalLong.empty())
        .data(new DataSegment(new SegmentMode.Active(0, offset64(PAGE)), new byte[0])).build();
    TestModules.run(atEnd);
    WasmModule past = new TestModules.Builder().memory64(1, OptionalLong.empty())
        .data(new DataSegment(new SegmentMode.Active(0, offset64(TWO32)), new byte[0])).build();
    assertThrows(ChicoryException.class, () -> TestModules.run(past));
  }

  @Test
  void importsAndTypesAreUnchanged() throws Exception {
    TestModules.Builder b = new TestModules.Builder()
        .importFunc("ic0", "debug_print", List.of(ValType.I64, ValType.I64), List.of())
        .importFunc("ic0", "msg_arg_data_copy", List.of(ValType.I64, ValType.I64, ValType.I64), List.of())
        .memory64(1, OptionalLong.empty());
    b.func(new TestModules.Fn("canister_init", List.of(), List.of(),
        List.of(i64(0), i64(4), op(Opcodes.CALL, new Imm.Index(0)))));
    WasmModule m = b.build();
    WasmModule low = Memory64Lowering.lower(m);
    assertEquals(m.imports(), low.imports());
    assertEquals(m.types(), low.types());
    assertEquals(m.exports(), low.exports());
    assertEquals(m.code(), low.code()); // no memory access: the body is untouched
    assertFalse(low.memories().get(0).limits().is64());
  }

  @Test
  void importedMemoryBecomes32Bit() throws Exception {
    WasmModule m = new WasmModule(List.of(), List.of(new dev.jic.wasm.binary.Parts.Import("env", "memory",
        new ImportDesc.Memory(new dev.jic.wasm.binary.Types.MemoryType(new Limits(1, OptionalLong.empty(), true))))),
        List.of(), List.of(), List.of(), List.of(), List.of(), java.util.OptionalInt.empty(), List.of(),
        OptionalLong.empty(), List.of(), List.of(), List.of());
    WasmModule low = Memory64Lowering.lower(m);
    var desc = (ImportDesc.Memory) low.imports().get(0).desc();
    assertEquals(new Limits(1, OptionalLong.of(Memory64Lowering.ENGINE_MAX_PAGES), false), desc.type().limits());
  }

  @Test
  void idempotentAndDeterministic() throws Exception {
    WasmModule m = memoryModule();
    WasmModule a = Memory64Lowering.lower(m);
    WasmModule b = Memory64Lowering.lower(m);
    assertEquals(a, b);
    assertArrayEquals(WasmEncoder.encode(a), WasmEncoder.encode(b));
    assertSame(a, Memory64Lowering.lower(a));
    assertFalse(Memory64Lowering.needsLowering(a));
    assertTrue(Memory64Lowering.needsLowering(m));
    // Temporaries are fresh locals after the parameters: the store's i64 address temp.
    var store = a.code().get(6);
    assertEquals(List.of(new dev.jic.wasm.binary.Parts.Locals(1, ValType.I32),
        new dev.jic.wasm.binary.Parts.Locals(1, ValType.I64)), store.locals());
  }

  @Test
  void unsupportedModulesAreRejectedWithTheDeclaredException() {
    WasmModule tooBig = new TestModules.Builder().memory64(Memory64Lowering.ENGINE_MAX_PAGES + 1L, OptionalLong.empty())
        .build();
    assertThrows(Memory64LoweringException.class, () -> Memory64Lowering.lower(tooBig));
    WasmModule globalOffset = new TestModules.Builder().memory64(1, OptionalLong.empty())
        .data(new DataSegment(new SegmentMode.Active(0,
            List.of(op(Opcodes.GLOBAL_GET, new Imm.Index(0)), op(Opcodes.END))), new byte[] {1}))
        .build();
    assertThrows(Memory64LoweringException.class, () -> Memory64Lowering.lower(globalOffset));
    assertThrows(IllegalArgumentException.class, () -> Memory64Lowering.lower(tooBig, 0));
  }

  @Test
  void constantAddressesAreFoldedToI32Constants() throws Exception {
    WasmModule low = Memory64Lowering.lower(memoryModule());
    List<Instruction> body = low.code().get(13).code(); // load8_at_2^32_const
    assertEquals(List.of(TestModules.i32(-1), mem(0x2D, 0), op(Opcodes.END)), body);
  }
}
