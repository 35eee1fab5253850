package dev.jic.wasm.binary;

import dev.jic.wasm.binary.Parts.CustomSection;
import dev.jic.wasm.binary.Parts.DataSegment;
import dev.jic.wasm.binary.Parts.ElementItems;
import dev.jic.wasm.binary.Parts.ElementSegment;
import dev.jic.wasm.binary.Parts.Export;
import dev.jic.wasm.binary.Parts.ExternalKind;
import dev.jic.wasm.binary.Parts.FunctionBody;
import dev.jic.wasm.binary.Parts.Global;
import dev.jic.wasm.binary.Parts.Import;
import dev.jic.wasm.binary.Parts.ImportDesc;
import dev.jic.wasm.binary.Parts.Locals;
import dev.jic.wasm.binary.Parts.SegmentMode;
import dev.jic.wasm.binary.Types.FuncType;
import dev.jic.wasm.binary.Types.GlobalType;
import dev.jic.wasm.binary.Types.Limits;
import dev.jic.wasm.binary.Types.MemoryType;
import dev.jic.wasm.binary.Types.TableType;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Decodes the Wasm binary format (core 2.0 plus memory64 limits) into a {@link WasmModule}.
 * Structural only: it checks everything the spec classes as "malformed" (encoding, section order
 * and sizes, function/code and data-count consistency, UTF-8 names, opcodes) and nothing that is
 * "invalid" (types, index ranges). Raw Wasm only: use {@link WasmBinary} for gzip.
 *
 * <p>Deliberate differences from the core spec, following the feature set the IC enables:
 * memory64 is on (memarg offsets are u64; limits flags 0x04/0x05), threads are off (shared-memory
 * limits flags are malformed), and an index or count above 2^31-1 is reported as malformed
 * (no real module can have one; it keeps every index a Java int).
 */
public final class WasmDecoder {
  private WasmDecoder() {}

  /** Section ids in the order the binary format requires them (data count sits before code). */
  static final int[] SECTION_ORDER = {1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 10, 11};

  static int rank(int sectionId) {
    for (int i = 0; i < SECTION_ORDER.length; i++) {
      if (SECTION_ORDER[i] == sectionId) {
        return i + 1;
      }
    }
    return 0; // 0 = before every section
  }

  /**
   * Decodes {@code bytes}, which must start with the Wasm magic and version 1.
   *
   * @throws WasmMalformedException if the bytes are not a well-formed module
   */
  public static WasmModule decode(byte[] bytes) throws WasmMalformedException {
    return new State(new WasmReader(bytes)).module();
  }

  /**
   * The payload size of the first section with this id in a raw module, or -1 if it has none.
   *
   * @throws WasmMalformedException if the section headers are malformed
   */
  public static long sectionSize(byte[] bytes, int sectionId) throws WasmMalformedException {
    WasmReader r = new WasmReader(bytes);
    if (r.remaining() < 8) {
      throw new WasmMalformedException("unexpected end");
    }
    r.fixed(8);
    while (!r.atEnd()) {
      int id = r.u8();
      long size = r.u32();
      if (id == sectionId) {
        return size;
      }
      r.bytes(size);
    }
    return -1;
  }

  private static final class State {
    final WasmReader r;
    List<FuncType> types = List.of();
    List<Import> imports = List.of();
    List<Integer> functions = List.of();
    List<TableType> tables = List.of();
    List<MemoryType> memories = List.of();
    List<Global> globals = List.of();
    List<Export> exports = List.of();
    OptionalInt start = OptionalInt.empty();
    List<ElementSegment> elements = List.of();
    OptionalLong dataCount = OptionalLong.empty();
    List<FunctionBody> code = List.of();
    List<DataSegment> data = List.of();
    final List<CustomSection> customs = new ArrayList<>();
    boolean usesDataIndex;

    State(WasmReader r) {
      this.r = r;
    }

    WasmModule module() throws WasmMalformedException {
      if (r.remaining() < 4 || r.fixed(4) != 0x6D736100L) {
        throw new WasmMalformedException("magic header not detected");
      }
      if (r.remaining() < 4 || r.fixed(4) != 1) {
        throw new WasmMalformedException("unknown binary version");
      }
      int lastRank = 0;
      int lastEmitted = 0;
      while (!r.atEnd()) {
        int id = r.u8();
        long size = r.u32();
        if (size > r.remaining()) {
          throw r.malformed("section size mismatch: section " + id + " declares " + size + " bytes, "
              + r.remaining() + " remain (unexpected end)");
        }
        int end = r.position() + (int) size;
        int outer = r.pushLimit(end);
        if (id == 0) {
          String name = r.name();
          customs.add(new CustomSection(name, r.bytes(r.remaining()), lastEmitted));
        } else {
          int rank = rank(id);
          if (rank == 0) {
            throw r.malformed("malformed section id " + id);
          }
          if (rank <= lastRank) {
            throw r.malformed("unexpected content after last section, or junk after last section: section "
                + id + " out of order or repeated");
          }
          lastRank = rank;
          if (section(id)) {
            lastEmitted = id;
          }
          if (!r.atEnd()) {
            throw r.malformed("section size mismatch in section " + id);
          }
        }
        r.popLimit(outer);
      }
      if (functions.size() != code.size()) {
        throw new WasmMalformedException("function and code section have inconsistent lengths ("
            + functions.size() + " vs " + code.size() + ")");
      }
      if (dataCount.isPresent() && dataCount.getAsLong() != data.size()) {
        throw new WasmMalformedException("data count and data section have inconsistent lengths");
      }
      if (usesDataIndex && dataCount.isEmpty()) {
        throw new WasmMalformedException("data count section required (memory.init or data.drop is used)");
      }
      return new WasmModule(types, imports, functions, tables, memories, globals, exports, start,
          elements, dataCount, code, data, customs);
    }

    /** Decodes one standard section; returns whether the encoder will emit it (non-empty). */
    boolean section(int id) throws WasmMalformedException {
      switch (id) {
        case 1 -> types = vec(this::funcType);
        case 2 -> imports = vec(this::importEntry);
        case 3 -> {
          functions = vec(r::index);
        }
        case 4 -> tables = vec(this::tableType);
        case 5 -> memories = vec(() -> new MemoryType(limits()));
        case 6 -> globals = vec(() -> new Global(globalType(), constExpr()));
        case 7 -> exports = vec(this::export);
        case 8 -> {
          start = OptionalInt.of(r.index());
          return true;
        }
        case 9 -> elements = vec(this::element);
        case 12 -> {
          dataCount = OptionalLong.of(r.u32());
          return true;
        }
        case 10 -> {
          code = vec(this::body);
        }
        case 11 -> data = vec(this::dataSegment);
        default -> throw r.malformed("malformed section id " + id);
      }
      return lastVecSize > 0;
    }

    interface Item<T> {
      T read() throws WasmMalformedException;
    }

    int lastVecSize;

    <T> List<T> vec(Item<T> item) throws WasmMalformedException {
      int n = r.count(1);
      List<T> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(item.read());
      }
      lastVecSize = n;
      return out;
    }

    FuncType funcType() throws WasmMalformedException {
      int form = r.u8();
      if (form != 0x60) {
        throw r.malformed("integer representation too long / malformed function type 0x" + Integer.toHexString(form));
      }
      List<ValType> params = vec(() -> CodeDecoder.valType(r));
      List<ValType> results = vec(() -> CodeDecoder.valType(r));
      return new FuncType(params, results);
    }

    Import importEntry() throws WasmMalformedException {
      String module = r.name();
      String name = r.name();
      int kind = r.u8();
      ImportDesc desc = switch (kind) {
        case 0 -> new ImportDesc.Func(r.index());
        case 1 -> new ImportDesc.Table(tableType());
        case 2 -> new ImportDesc.Memory(new MemoryType(limits()));
        case 3 -> new ImportDesc.Global(globalType());
        default -> throw r.malformed("malformed import kind " + kind);
      };
      return new Import(module, name, desc);
    }

    TableType tableType() throws WasmMalformedException {
      ValType t = CodeDecoder.refType(r);
      return new TableType(t, limits());
    }

    Limits limits() throws WasmMalformedException {
      int flags = r.u8();
      // 0x00/0x01: 32-bit, without/with max; 0x04/0x05: 64-bit (memory64). 0x02/0x03 (shared,
      // threads) are not enabled on the IC and are rejected here like any other flag.
      boolean is64 = (flags & 0x04) != 0;
      boolean hasMax = (flags & 0x01) != 0;
      if ((flags & ~0x05) != 0) {
        throw r.malformed("malformed limits flags 0x" + Integer.toHexString(flags) + " (integer too large)");
      }
      long min = is64 ? r.u64() : r.u32();
      OptionalLong max = hasMax ? OptionalLong.of(is64 ? r.u64() : r.u32()) : OptionalLong.empty();
      return new Limits(min, max, is64);
    }

    GlobalType globalType() throws WasmMalformedException {
      ValType t = CodeDecoder.valType(r);
      int mut = r.u8();
      if (mut > 1) {
        throw r.malformed("malformed mutability " + mut);
      }
      return new GlobalType(t, mut == 1);
    }

    List<Instruction> constExpr() throws WasmMalformedException {
      boolean[] uses = new boolean[1];
      List<Instruction> e = CodeDecoder.expression(r, false, uses);
      usesDataIndex |= uses[0];
      return e;
    }

    Export export() throws WasmMalformedException {
      String name = r.name();
      int kind = r.u8();
      if (kind > 3) {
        throw r.malformed("malformed export kind " + kind);
      }
      return new Export(name, ExternalKind.values()[kind], r.index());
    }

    ElementSegment element() throws WasmMalformedException {
      long flags = r.u32();
      if (flags > 7) {
        throw r.malformed("malformed elements segment kind " + flags);
      }
      int f = (int) flags;
      boolean passiveOrDeclarative = (f & 1) != 0;
      boolean explicitTable = (f & 2) != 0;
      boolean exprs = (f & 4) != 0;
      SegmentMode mode;
      if (!passiveOrDeclarative) {
        int table = explicitTable ? r.index() : 0;
        mode = new SegmentMode.Active(table, constExpr());
      } else {
        mode = explicitTable ? new SegmentMode.Declarative() : new SegmentMode.Passive();
      }
      ValType type = ValType.FUNCREF;
      if (passiveOrDeclarative || explicitTable) {
        if (exprs) {
          type = CodeDecoder.refType(r);
        } else {
          int kind = r.u8();
          if (kind != 0) {
            throw r.malformed("malformed element kind " + kind);
          }
        }
      }
      ElementItems items = exprs
          ? new ElementItems.Expressions(vec(this::constExpr))
          : new ElementItems.Functions(vec(r::index));
      return new ElementSegment(mode, type, items);
    }

    FunctionBody body() throws WasmMalformedException {
      long size = r.u32();
      if (size > r.remaining()) {
        throw r.malformed("unexpected end: function body of " + size + " bytes");
      }
      int outer = r.pushLimit(r.position() + (int) size);
      int groups = r.count(1);
      List<Locals> locals = new ArrayList<>(groups);
      long total = 0;
      for (int i = 0; i < groups; i++) {
        long n = r.u32();
        total += n;
        if (total > 0xFFFF_FFFFL) {
          throw r.malformed("too many locals");
        }
        locals.add(new Locals(n, CodeDecoder.valType(r)));
      }
      boolean[] uses = new boolean[1];
      List<Instruction> instructions = CodeDecoder.expression(r, true, uses);
      usesDataIndex |= uses[0];
      r.popLimit(outer);
      return new FunctionBody(locals, instructions);
    }

    DataSegment dataSegment() throws WasmMalformedException {
      long flags = r.u32();
      SegmentMode mode = switch ((int) Math.min(flags, 3)) {
        case 0 -> new SegmentMode.Active(0, constExpr());
        case 1 -> new SegmentMode.Passive();
        case 2 -> {
          int mem = r.index();
          yield new SegmentMode.Active(mem, constExpr());
        }
        default -> throw r.malformed("malformed data segment kind " + flags);
      };
      long len = r.u32();
      return new DataSegment(mode, r.bytes(len));
    }
  }
}
