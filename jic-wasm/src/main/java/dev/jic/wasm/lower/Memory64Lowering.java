package dev.jic.wasm.lower;

import dev.jic.wasm.binary.Imm;
import dev.jic.wasm.binary.Instruction;
import dev.jic.wasm.binary.Opcodes;
import dev.jic.wasm.binary.Parts.DataSegment;
import dev.jic.wasm.binary.Parts.ElementSegment;
import dev.jic.wasm.binary.Parts.FunctionBody;
import dev.jic.wasm.binary.Parts.Import;
import dev.jic.wasm.binary.Parts.ImportDesc;
import dev.jic.wasm.binary.Parts.SegmentMode;
import dev.jic.wasm.binary.Types.FuncType;
import dev.jic.wasm.binary.Types.Limits;
import dev.jic.wasm.binary.Types.MemoryType;
import dev.jic.wasm.binary.Types.TableType;
import dev.jic.wasm.binary.WasmModule;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Rewrites a memory64/table64 module into 32-bit form that a 32-bit engine (Chicory 1.7.5) runs
 * with the same observable behaviour as a 64-bit engine, up to the engine's memory limit.
 *
 * <h2>How</h2>
 * Every i64 address, index or length operand of a 64-bit memory or table is <em>saturated</em> to
 * 32 bits just before the 32-bit instruction consumes it: a value {@code v < 2^32} becomes
 * {@code (i32) v}, anything larger becomes {@code 0xFFFF_FFFF}. The 32-bit instruction then does
 * its own exact bounds check (Wasm computes {@code address + offset + size} without wrapping). The
 * lowered memory is at most {@link #ENGINE_MAX_PAGES} pages (2 GiB − 64 KiB, Chicory's limit:
 * addresses are Java ints) and a table has at most {@code 2^32 − 1} elements, so a saturated operand
 * is always out of bounds: the access traps exactly when a 64-bit engine's would (for memories up
 * to the engine limit), with the engine's own trap ("out of bounds memory access", "out of bounds
 * table access", "undefined element"), not a synthetic {@code unreachable}. Operands below
 * {@code 2^32} pass unchanged, so in-bounds accesses touch the same bytes.
 *
 * <ul>
 *   <li>Loads/stores (including SIMD and lane forms): address saturated; a memarg offset
 *       {@code >= 2^32} cannot be in bounds of a memory under 4 GiB and becomes a guaranteed
 *       out-of-bounds access followed by {@code unreachable}.
 *   <li>{@code memory.size}/{@code table.size}: the i32 result is zero-extended to i64.
 *   <li>{@code memory.grow}/{@code table.grow}: the delta is saturated (a delta {@code >= 2^32}
 *       always fails); the i32 result is sign-extended, so failure stays {@code -1}.
 *   <li>{@code table.get/set}, {@code call_indirect}: the index saturated.
 *   <li>{@code memory.fill/copy/init}, {@code table.fill/copy/init}: an explicit range check in i64
 *       against the current size (trap iff {@code x > size || n > size - x}) before the operands
 *       are wrapped, because Chicory's own 32-bit checks overflow in Java int (see {@link BulkOps}).
 *   <li>Temporaries go to fresh locals appended to each function that needs them.
 *   <li>Active data/element segments of a 64-bit memory/table: the {@code i64.const} offset becomes
 *       the saturated {@code i32.const}, so an offset beyond the memory still fails instantiation
 *       with "out of bounds memory/table access".
 *   <li>Memory and table types (defined and imported) become 32-bit; a memory's maximum is
 *       clamped to {@link #ENGINE_MAX_PAGES} (and set to it when absent), so {@code memory.grow}
 *       fails deterministically (returns -1) at the engine limit instead of depending on the JVM heap.
 * </ul>
 *
 * <p>Unchanged: function types and imports (the IC System API's wasm64 variants keep their i64
 * pointers: the host reads them as i64), globals, exports, the function/type/global/local index
 * spaces of the original code (new locals are appended after the declared ones).
 *
 * <p>Preconditions: the input is a valid module (type-checked elsewhere); on an invalid module
 * the output is unspecified but the method still only returns or throws
 * {@link Memory64LoweringException}. Deterministic: equal inputs give equal outputs. A module with
 * no 64-bit memory or table is returned as the same instance (idempotent).
 */
public final class Memory64Lowering {
  private Memory64Lowering() {}

  /** Chicory's memory limit in 64 KiB pages: 2 GiB − 64 KiB (addresses are Java ints). */
  public static final int ENGINE_MAX_PAGES = 32_767;

  /** The largest table size a 32-bit table can declare. */
  static final long MAX_TABLE32 = 0xFFFF_FFFFL;

  /** Whether {@code m} declares or imports a 64-bit memory or table (i.e. lowering would change it). */
  public static boolean needsLowering(WasmModule m) {
    return m.allMemories().stream().anyMatch(t -> t.limits().is64())
        || allTables(m).stream().anyMatch(t -> t.limits().is64());
  }

  /**
   * The 32-bit form of {@code m} with the engine memory limit {@link #ENGINE_MAX_PAGES}.
   *
   * @throws Memory64LoweringException if a 64-bit memory's minimum exceeds the engine limit, a
   *     64-bit table's minimum exceeds {@code 2^32 − 1}, or an active segment of a 64-bit memory or
   *     table has an offset that is not a single {@code i64.const}
   */
  public static WasmModule lower(WasmModule m) throws Memory64LoweringException {
    return lower(m, ENGINE_MAX_PAGES);
  }

  /**
   * As {@link #lower(WasmModule)} with an explicit memory limit in pages ({@code 1..ENGINE_MAX_PAGES}).
   *
   * @throws IllegalArgumentException if {@code maxPages} is out of range
   * @throws Memory64LoweringException as for {@link #lower(WasmModule)}
   */
  public static WasmModule lower(WasmModule m, int maxPages) throws Memory64LoweringException {
    if (maxPages < 1 || maxPages > ENGINE_MAX_PAGES) {
      throw new IllegalArgumentException("maxPages must be in 1.." + ENGINE_MAX_PAGES + ": " + maxPages);
    }
    if (!needsLowering(m)) {
      return m;
    }
    List<MemoryType> memories = m.allMemories();
    boolean memory64 = !memories.isEmpty() && memories.get(0).limits().is64();
    List<TableType> tables = allTables(m);
    boolean[] table64 = new boolean[tables.size()];
    for (int i = 0; i < tables.size(); i++) {
      table64[i] = tables.get(i).limits().is64();
    }
    FunctionLowering.Context ctx = new FunctionLowering.Context(memory64, table64,
        tables.stream().map(TableType::elementType).toList());

    List<Import> imports = new ArrayList<>(m.imports().size());
    for (Import i : m.imports()) {
      imports.add(switch (i.desc()) {
        case ImportDesc.Memory mem -> new Import(i.module(), i.name(), new ImportDesc.Memory(memory(mem.type(), maxPages)));
        case ImportDesc.Table t -> new Import(i.module(), i.name(), new ImportDesc.Table(table(t.type())));
        default -> i;
      });
    }
    List<MemoryType> definedMemories = new ArrayList<>();
    for (MemoryType t : m.memories()) {
      definedMemories.add(memory(t, maxPages));
    }
    List<TableType> definedTables = new ArrayList<>();
    for (TableType t : m.tables()) {
      definedTables.add(table(t));
    }
    List<ElementSegment> elements = new ArrayList<>();
    for (ElementSegment e : m.elements()) {
      if (e.mode() instanceof SegmentMode.Active a && a.index() >= 0 && a.index() < table64.length
          && table64[a.index()]) {
        elements.add(new ElementSegment(new SegmentMode.Active(a.index(), offset(a.offset(), "element")),
            e.type(), e.items()));
      } else {
        elements.add(e);
      }
    }
    List<DataSegment> data = new ArrayList<>();
    for (DataSegment d : m.data()) {
      if (memory64 && d.mode() instanceof SegmentMode.Active a && a.index() == 0) {
        data.add(new DataSegment(new SegmentMode.Active(0, offset(a.offset(), "data")), d.bytes()));
      } else {
        data.add(d);
      }
    }
    int importedFunctions = m.importedFunctionCount();
    List<FunctionBody> code = new ArrayList<>(m.code().size());
    for (int i = 0; i < m.code().size(); i++) {
      FuncType type = m.functionType(importedFunctions + (long) i);
      int params = type == null ? 0 : type.params().size();
      code.add(FunctionLowering.lower(m.code().get(i), params, ctx));
    }
    return new WasmModule(m.types(), imports, m.functions(), definedTables, definedMemories, m.globals(),
        m.exports(), m.start(), elements, m.dataCount(), code, data, m.customSections());
  }

  /** All tables, imported ones first, as in the table index space. */
  static List<TableType> allTables(WasmModule m) {
    List<TableType> out = new ArrayList<>();
    for (Import i : m.imports()) {
      if (i.desc() instanceof ImportDesc.Table t) {
        out.add(t.type());
      }
    }
    out.addAll(m.tables());
    return out;
  }

  private static MemoryType memory(MemoryType t, int maxPages) throws Memory64LoweringException {
    Limits l = t.limits();
    if (!l.is64()) {
      return t;
    }
    if (Long.compareUnsigned(l.min(), maxPages) > 0) {
      throw new Memory64LoweringException("64-bit memory minimum of " + Long.toUnsignedString(l.min())
          + " pages exceeds the engine limit of " + maxPages + " pages");
    }
    long max = l.max().isPresent() && Long.compareUnsigned(l.max().getAsLong(), maxPages) < 0
        ? l.max().getAsLong() : maxPages;
    return new MemoryType(new Limits(l.min(), OptionalLong.of(max), false));
  }

  private static TableType table(TableType t) throws Memory64LoweringException {
    Limits l = t.limits();
    if (!l.is64()) {
      return t;
    }
    if (Long.compareUnsigned(l.min(), MAX_TABLE32) > 0) {
      throw new Memory64LoweringException("64-bit table minimum of " + Long.toUnsignedString(l.min())
          + " elements exceeds 2^32-1");
    }
    OptionalLong max = l.max().isPresent()
        ? OptionalLong.of(Long.compareUnsigned(l.max().getAsLong(), MAX_TABLE32) > 0 ? MAX_TABLE32 : l.max().getAsLong())
        : OptionalLong.empty();
    return new TableType(t.elementType(), new Limits(l.min(), max, false));
  }

  /** {@code i64.const c; end} becomes {@code i32.const sat(c); end}. */
  private static List<Instruction> offset(List<Instruction> expr, String what) throws Memory64LoweringException {
    if (expr.size() == 2 && expr.get(0).opcode() == Opcodes.I64_CONST && expr.get(0).imm() instanceof Imm.I64 c
        && expr.get(1).opcode() == Opcodes.END) {
      return List.of(new Instruction(Opcodes.I32_CONST, new Imm.I32(saturate(c.value()))), Instruction.of(Opcodes.END));
    }
    throw new Memory64LoweringException("active " + what + " segment of a 64-bit memory/table has a non-constant offset "
        + expr + "; only i64.const offsets are supported");
  }

  /** {@code v} as an unsigned 32-bit value if it is below 2^32, else {@code 0xFFFF_FFFF}. */
  static int saturate(long v) {
    return Long.compareUnsigned(v, MAX_TABLE32) <= 0 ? (int) v : -1;
  }
}
