package dev.jic.wasm.lower;

import static dev.jic.wasm.lower.TestModules.get;
import static dev.jic.wasm.lower.TestModules.i32;
import static dev.jic.wasm.lower.TestModules.i64;
import static dev.jic.wasm.lower.TestModules.offset64;
import static dev.jic.wasm.lower.TestModules.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.jic.wasm.binary.Imm;
import dev.jic.wasm.binary.Opcodes;
import dev.jic.wasm.binary.Parts.ElementItems;
import dev.jic.wasm.binary.Parts.ElementSegment;
import dev.jic.wasm.binary.Parts.SegmentMode;
import dev.jic.wasm.binary.ValType;
import dev.jic.wasm.binary.WasmModule;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Table64 lowering: {@code call_indirect} and the table instructions on an i64-indexed table. Trap
 * kinds are the spec interpreter's: "undefined element" for an indirect call out of bounds,
 * "out of bounds table access" for table.get/set/fill/copy/init.
 */
class Table64LoweringTest {
  static final long TWO32 = 1L << 32;
  static final List<ValType> I64 = List.of(ValType.I64);
  static final List<ValType> I32 = List.of(ValType.I32);

  /** table i64 3 10: [null, f7, f9] from an i64.const 1 segment; passive segment [f9]. */
  static WasmModule tableModule() {
    TestModules.Builder b = new TestModules.Builder().table64(3, OptionalLong.of(10));
    int f7 = b.func(new TestModules.Fn(null, List.of(), I32, List.of(i32(7))));
    int f9 = b.func(new TestModules.Fn(null, List.of(), I32, List.of(i32(9))));
    b.func(new TestModules.Fn("call", I64, I32, List.of(get(0), op(Opcodes.CALL_INDIRECT, new Imm.Index2(0, 0)))));
    b.func(new TestModules.Fn("call_const_2^32", List.of(), I32,
        List.of(i64(TWO32 + 1), op(Opcodes.CALL_INDIRECT, new Imm.Index2(0, 0)))));
    b.func(new TestModules.Fn("size", List.of(), I64, List.of(op(Opcodes.TABLE_SIZE, new Imm.Index(0)))));
    b.func(new TestModules.Fn("grow", I64, I64,
        List.of(op(Opcodes.REF_NULL, new Imm.RefType(ValType.FUNCREF)), get(0), op(Opcodes.TABLE_GROW, new Imm.Index(0)))));
    b.func(new TestModules.Fn("is_null", I64, I32,
        List.of(get(0), op(Opcodes.TABLE_GET, new Imm.Index(0)), op(Opcodes.REF_IS_NULL))));
    b.func(new TestModules.Fn("set_null", I64, List.of(),
        List.of(get(0), op(Opcodes.REF_NULL, new Imm.RefType(ValType.FUNCREF)), op(Opcodes.TABLE_SET, new Imm.Index(0)))));
    b.func(new TestModules.Fn("fill_null", List.of(ValType.I64, ValType.I64), List.of(),
        List.of(get(0), op(Opcodes.REF_NULL, new Imm.RefType(ValType.FUNCREF)), get(1),
            op(Opcodes.TABLE_FILL, new Imm.Index(0)))));
    b.func(new TestModules.Fn("copy", List.of(ValType.I64, ValType.I64, ValType.I64), List.of(),
        List.of(get(0), get(1), get(2), op(Opcodes.TABLE_COPY, new Imm.Index2(0, 0)))));
    b.func(new TestModules.Fn("init", List.of(ValType.I64, ValType.I32, ValType.I32), List.of(),
        List.of(get(0), get(1), get(2), op(Opcodes.TABLE_INIT, new Imm.Index2(1, 0)))));
    b.element(new ElementSegment(new SegmentMode.Active(0, offset64(1)), ValType.FUNCREF,
        new ElementItems.Functions(List.of(f7, f9))));
    b.element(new ElementSegment(new SegmentMode.Passive(), ValType.FUNCREF, new ElementItems.Functions(List.of(f9))));
    return b.build();
  }

  static long call(Instance i, String f, long... args) {
    long[] r = i.export(f).apply(args);
    return r == null || r.length == 0 ? 0 : r[0];
  }

  static void traps(Instance i, String message, String f, long... args) {
    ChicoryException e = assertThrows(ChicoryException.class, () -> i.export(f).apply(args), f);
    assertTrue(String.valueOf(e.getMessage()).contains(message), f + ": " + e.getMessage());
  }

  @Test
  void callIndirect() throws Exception {
    Instance i = TestModules.run(tableModule());
    assertEquals(7, call(i, "call", 1));
    assertEquals(9, call(i, "call", 2));
    traps(i, "undefined element", "call", 3);
    traps(i, "undefined element", "call", TWO32 + 1); // wraps to 1 in 32 bits
    traps(i, "undefined element", "call", -1L);
    traps(i, "undefined element", "call_const_2^32");
  }

  @Test
  void getSetSizeGrow() throws Exception {
    Instance i = TestModules.run(tableModule());
    assertEquals(3, call(i, "size"));
    assertEquals(1, call(i, "is_null", 0));
    assertEquals(0, call(i, "is_null", 2));
    traps(i, "out of bounds table access", "is_null", 3);
    traps(i, "out of bounds table access", "is_null", TWO32 + 2);
    traps(i, "out of bounds table access", "set_null", TWO32 + 2);
    assertEquals(0, call(i, "is_null", 2)); // the wrapped index was not written
    call(i, "set_null", 2);
    assertEquals(1, call(i, "is_null", 2));
    assertEquals(-1, call(i, "grow", TWO32 + 1));
    assertEquals(-1, call(i, "grow", 8)); // 3 + 8 > max 10
    assertEquals(3, call(i, "grow", 7));
    assertEquals(10, call(i, "size"));
  }

  @Test
  void bulkTableOperations() throws Exception {
    Instance i = TestModules.run(tableModule());
    traps(i, "out of bounds table access", "fill_null", TWO32, 0);
    traps(i, "out of bounds table access", "fill_null", 0, TWO32 + 1);
    call(i, "fill_null", 3, 0);
    traps(i, "out of bounds table access", "copy", TWO32, 0, 1);
    traps(i, "out of bounds table access", "copy", 0, TWO32 + 1, 1);
    traps(i, "out of bounds table access", "copy", 0, 1, TWO32 + 1);
    call(i, "copy", 0, 2, 1);
    assertEquals(9, call(i, "call", 0));
    traps(i, "out of bounds table access", "init", TWO32, 0, 1);
    call(i, "init", 1, 0, 1);
    assertEquals(9, call(i, "call", 1));
    call(i, "fill_null", 1, 2);
    assertEquals(1, call(i, "is_null", 2));
  }

  @Test
  void elementOffsetsBeyondTheTableFailInstantiation() throws Exception {
    for (long offset : new long[] {3, TWO32 + 1, -1L}) {
      TestModules.Builder b = new TestModules.Builder().table64(3, OptionalLong.empty());
      int f = b.func(new TestModules.Fn(null, List.of(), I32, List.of(i32(7))));
      b.element(new ElementSegment(new SegmentMode.Active(0, offset64(offset)), ValType.FUNCREF,
          new ElementItems.Functions(List.of(f))));
      WasmModule m = b.build();
      ChicoryException e = assertThrows(ChicoryException.class, () -> TestModules.run(m), "offset " + offset);
      assertTrue(String.valueOf(e.getMessage()).contains("out of bounds table access"), e.getMessage());
    }
  }

  @Test
  void tableTypesBecome32Bit() throws Exception {
    WasmModule low = Memory64Lowering.lower(tableModule());
    assertFalse(low.tables().get(0).limits().is64());
    assertEquals(OptionalLong.of(10), low.tables().get(0).limits().max());
    WasmModule huge = new TestModules.Builder().table64(0, OptionalLong.of(1L << 40)).build();
    assertEquals(OptionalLong.of(0xFFFF_FFFFL), Memory64Lowering.lower(huge).tables().get(0).limits().max());
    WasmModule tooBig = new TestModules.Builder().table64(1L << 32, OptionalLong.empty()).build();
    assertThrows(Memory64LoweringException.class, () -> Memory64Lowering.lower(tooBig));
  }
}
