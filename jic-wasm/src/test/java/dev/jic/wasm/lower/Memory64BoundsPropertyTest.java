package dev.jic.wasm.lower;

import static dev.jic.wasm.lower.TestModules.get;
import static dev.jic.wasm.lower.TestModules.mem;
import static dev.jic.wasm.lower.TestModules.offset64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import dev.jic.wasm.binary.Parts.DataSegment;
import dev.jic.wasm.binary.Parts.SegmentMode;
import dev.jic.wasm.binary.ValType;
import dev.jic.wasm.binary.WasmEncoder;
import dev.jic.wasm.binary.WasmModule;
import java.math.BigInteger;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Differential property: a lowered load or store of N bytes at i64 address {@code a} with static
 * offset {@code o} behaves like a 64-bit engine's — it traps ("out of bounds memory access") iff
 * {@code a + o + N > 65536} computed without wrapping (memory64 spec), and otherwise reads/writes
 * exactly the model's bytes (little-endian). Addresses are drawn around the memory end, around
 * 2^31/2^32 and the top of the u64 range, where wrapping or sign errors would show.
 */
class Memory64BoundsPropertyTest {
  static final long SIZE = 65536;
  static final long[] OFFSETS = {0, 1, 100, 65535, 0x7FFF_FFFFL, 0xFFFF_FFFFL, 1L << 32};
  /** Load opcodes and their widths: i32.load8_u, i32.load16_u, i32.load, i64.load. */
  static final int[] LOADS = {0x2D, 0x2F, 0x28, 0x29};
  /** Store opcodes of the same widths: i64.store8, i64.store16, i64.store32, i64.store. */
  static final int[] STORES = {0x3C, 0x3D, 0x3E, 0x37};
  static final int[] WIDTHS = {1, 2, 4, 8};

  static final byte[] INITIAL = initial();
  static final com.dylibso.chicory.wasm.WasmModule PARSED;
  static final Function<Instance, Machine> FACTORY;

  static {
    TestModules.Builder b = new TestModules.Builder().memory64(1, OptionalLong.of(1));
    for (int w = 0; w < WIDTHS.length; w++) {
      for (int o = 0; o < OFFSETS.length; o++) {
        b.func(new TestModules.Fn("load" + w + "_" + o, List.of(ValType.I64),
            List.of(w == 3 ? ValType.I64 : ValType.I32), List.of(get(0), mem(LOADS[w], OFFSETS[o]))));
        b.func(new TestModules.Fn("store" + w + "_" + o, List.of(ValType.I64, ValType.I64), List.of(),
            List.of(get(0), get(1), mem(STORES[w], OFFSETS[o]))));
      }
    }
    b.data(new DataSegment(new SegmentMode.Active(0, offset64(0)), INITIAL));
    WasmModule m = b.build();
    try {
      PARSED = Parser.parse(WasmEncoder.encode(Memory64Lowering.lower(m)));
    } catch (Memory64LoweringException e) {
      throw new AssertionError(e);
    }
    FACTORY = MachineFactoryCompiler.compile(PARSED);
  }

  static byte[] initial() {
    byte[] b = new byte[(int) SIZE];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (i * 31 + (i >>> 8) * 7);
    }
    return b;
  }

  @Provide
  Arbitrary<Long> addresses() {
    Arbitrary<Long> near = Arbitraries.longs().between(-24, 8);
    return Arbitraries.oneOf(
        near.map(d -> SIZE + d),
        near.map(d -> SIZE - 65535 + d),
        near.map(d -> (1L << 31) + d),
        near.map(d -> (1L << 32) + d),
        near.map(d -> (1L << 32) + SIZE + d),
        near.map(d -> -SIZE + d),
        near.map(d -> d), // small and the very top of the u64 range
        Arbitraries.longs().between(0, SIZE),
        Arbitraries.longs());
  }

  @Property(tries = 600)
  void loadsAndStoresTrapExactlyWhenA64BitEngineWould(
      @ForAll("addresses") long address,
      @ForAll("widths") int w,
      @ForAll("offsets") int o,
      @ForAll boolean store,
      @ForAll long value) {
    Instance inst = Instance.builder(PARSED).withMachineFactory(FACTORY).build();
    long offset = OFFSETS[o];
    int width = WIDTHS[w];
    BigInteger end = new BigInteger(Long.toUnsignedString(address)).add(BigInteger.valueOf(offset))
        .add(BigInteger.valueOf(width));
    boolean inBounds = end.compareTo(BigInteger.valueOf(SIZE)) <= 0;
    long ea = address + offset;
    try {
      if (store) {
        inst.export("store" + w + "_" + o).apply(address, value);
      } else {
        long got = inst.export("load" + w + "_" + o).apply(address)[0];
        if (!inBounds) {
          fail("load did not trap at " + Long.toUnsignedString(address) + "+" + offset);
        }
        long expected = 0;
        for (int k = width - 1; k >= 0; k--) {
          expected = expected << 8 | (INITIAL[(int) ea + k] & 0xFF);
        }
        assertEquals(width == 4 ? (int) expected : expected, width == 4 ? (int) got : got, "loaded value");
        return;
      }
    } catch (ChicoryException e) {
      if (inBounds) {
        fail("trapped in bounds at " + Long.toUnsignedString(address) + "+" + offset + ": " + e.getMessage());
      }
      assertTrue(String.valueOf(e.getMessage()).contains("out of bounds memory access"), e.getMessage());
      assertArrayEquals(INITIAL, inst.memory().readBytes(0, (int) SIZE), "a trapping store writes nothing");
      return;
    }
    if (!inBounds) {
      fail("store did not trap at " + Long.toUnsignedString(address) + "+" + offset);
    }
    byte[] expected = INITIAL.clone();
    for (int k = 0; k < width; k++) {
      expected[(int) ea + k] = (byte) (value >>> (8 * k));
    }
    assertArrayEquals(expected, inst.memory().readBytes(0, (int) SIZE), "memory after the store");
  }

  @Provide
  Arbitrary<Integer> widths() {
    return Arbitraries.integers().between(0, WIDTHS.length - 1);
  }

  @Provide
  Arbitrary<Integer> offsets() {
    return Arbitraries.integers().between(0, OFFSETS.length - 1);
  }
}
