package dev.jic.wasm.typecheck;

import dev.jic.wasm.binary.Imm;
import dev.jic.wasm.binary.Instruction;
import dev.jic.wasm.binary.Opcodes;
import dev.jic.wasm.binary.Parts.DataSegment;
import dev.jic.wasm.binary.Parts.ElementItems;
import dev.jic.wasm.binary.Parts.ElementSegment;
import dev.jic.wasm.binary.Parts.Export;
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
import dev.jic.wasm.binary.ValType;
import dev.jic.wasm.binary.WasmModule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Wasm module validation (core spec section 3.4, Wasm 2.0 plus memory64/table64): every index in
 * range, limits within bounds, constant expressions constant and of the right type, unique export
 * names, a {@code [] -> []} start function, at most one memory, element/data segments typed
 * against their table/memory, and every function body type-checked by the operand/control-stack
 * algorithm. The first violation found is thrown; checking a module twice gives the same answer.
 */
public final class WasmTypeChecker {
  private WasmTypeChecker() {}

  /** The largest memory a 32-bit memory may declare (4 GiB in 64 KiB pages). */
  static final long MAX_PAGES_32 = 1L << 16;
  /** The largest memory a 64-bit memory may declare (2^64 bytes in 64 KiB pages). */
  static final long MAX_PAGES_64 = 1L << 48;

  /**
   * Validates a decoded module.
   *
   * @throws WasmInvalidException with the spec's reason ("type mismatch", "unknown global", ...)
   *     for the first rule the module breaks
   */
  public static void check(WasmModule m) throws WasmInvalidException {
    checkBodies(m, null, null);
  }

  /**
   * Validates {@code m} like {@link #check} and returns, per defined function (in code-section
   * order), the operand stack of the innermost control frame at every reachable {@code block},
   * {@code loop} and {@code if} where that stack is non-empty: instruction index → value types,
   * bottom first, the instruction's own operands (block parameters, the {@code if} condition) on
   * top. Used by rewriting passes that must know what is live across a block.
   *
   * @throws WasmInvalidException as {@link #check}
   */
  public static List<java.util.Map<Integer, List<ValType>>> blockEntryStacks(WasmModule m)
      throws WasmInvalidException {
    List<java.util.Map<Integer, List<ValType>>> out = new ArrayList<>();
    checkBodies(m, out, null);
    return out;
  }

  /**
   * Validates {@code m} like {@link #check} and returns, per defined function (in code-section
   * order), the largest height its operand stack reaches (values of all control frames together).
   *
   * @throws WasmInvalidException as {@link #check}
   */
  public static int[] maxOperandHeights(WasmModule m) throws WasmInvalidException {
    int[] out = new int[m.code().size()];
    checkBodies(m, null, out);
    return out;
  }

  private static void checkBodies(WasmModule m, List<java.util.Map<Integer, List<ValType>>> stacks, int[] heights)
      throws WasmInvalidException {
    List<FuncType> funcs = new ArrayList<>();
    List<TableType> tables = new ArrayList<>();
    List<MemoryType> mems = new ArrayList<>();
    List<GlobalType> globals = new ArrayList<>();
    for (Import i : m.imports()) {
      String where = "import " + i.module() + "." + i.name();
      switch (i.desc()) {
        case ImportDesc.Func f -> funcs.add(type(m, f.typeIndex(), where));
        case ImportDesc.Table t -> {
          tableLimits(t.type(), where);
          tables.add(t.type());
        }
        case ImportDesc.Memory mem -> {
          memoryLimits(mem.type(), where);
          mems.add(mem.type());
        }
        case ImportDesc.Global g -> globals.add(g.type());
      }
    }
    int importedGlobals = globals.size();
    for (int i = 0; i < m.functions().size(); i++) {
      funcs.add(type(m, m.functions().get(i), "function " + (funcs.size())));
    }
    for (TableType t : m.tables()) {
      tableLimits(t, "table " + tables.size());
      tables.add(t);
    }
    for (MemoryType mem : m.memories()) {
      memoryLimits(mem, "memory " + mems.size());
      mems.add(mem);
    }
    if (mems.size() > 1) {
      throw new WasmInvalidException("multiple memories", mems.size() + " memories");
    }
    List<ValType> elems = m.elements().stream().map(ElementSegment::type).toList();
    Set<Integer> refs = refs(m);
    // Constant expressions (global initialisers, segment offsets and items) see only the imported
    // globals (Wasm 2.0, section 3.4.10, context C'); function bodies see all of them.
    Context initContext = new Context(m.types(), funcs, tables, mems, List.copyOf(globals), elems, m.dataCount(), refs);
    for (int i = 0; i < m.globals().size(); i++) {
      Global g = m.globals().get(i);
      constExpr(initContext, g.init(), g.type().type(), "global " + (importedGlobals + i));
      globals.add(g.type());
    }
    Context c = new Context(m.types(), funcs, tables, mems, List.copyOf(globals), elems, m.dataCount(), refs);
    exports(c, m.exports());
    if (m.start().isPresent()) {
      int s = m.start().getAsInt();
      if (s < 0 || s >= funcs.size()) {
        throw new WasmInvalidException("unknown function", "start function " + s);
      }
      FuncType t = funcs.get(s);
      if (!t.params().isEmpty() || !t.results().isEmpty()) {
        throw new WasmInvalidException("start function", "function " + s + " must have type [] -> []");
      }
    }
    for (int i = 0; i < m.elements().size(); i++) {
      element(initContext, m.elements().get(i), "element segment " + i);
    }
    for (int i = 0; i < m.data().size(); i++) {
      data(initContext, m.data().get(i), "data segment " + i);
    }
    int imported = m.importedFunctionCount();
    for (int i = 0; i < m.code().size(); i++) {
      FunctionBody b = m.code().get(i);
      FuncType t = funcs.get(imported + i);
      List<ValType> locals = new ArrayList<>(t.params());
      for (Locals l : b.locals()) {
        if (locals.size() + l.count() > 50_000) {
          // The IC's own limit is far lower; this only keeps the list bounded for hostile input.
          throw new WasmInvalidException("too many locals", "function " + (imported + i));
        }
        for (long k = 0; k < l.count(); k++) {
          locals.add(l.type());
        }
      }
      if (heights != null) {
        heights[i] = FunctionChecker.maxHeight(c, t, locals, b.code(), "function " + (imported + i));
      } else if (stacks == null) {
        FunctionChecker.checkBody(c, t, locals, b.code(), "function " + (imported + i));
      } else {
        stacks.add(FunctionChecker.blockStacks(c, t, locals, b.code(), "function " + (imported + i)));
      }
    }
  }

  private static FuncType type(WasmModule m, int index, String where) throws WasmInvalidException {
    if (index < 0 || index >= m.types().size()) {
      throw new WasmInvalidException("unknown type", where + ": type " + Integer.toUnsignedString(index));
    }
    return m.types().get(index);
  }

  private static void limits(Limits l, long bound, String what, String where) throws WasmInvalidException {
    if (Long.compareUnsigned(l.min(), bound) > 0
        || (l.max().isPresent() && Long.compareUnsigned(l.max().getAsLong(), bound) > 0)) {
      throw new WasmInvalidException(what, where);
    }
    if (l.max().isPresent() && Long.compareUnsigned(l.min(), l.max().getAsLong()) > 0) {
      throw new WasmInvalidException("size minimum must not be greater than maximum", where);
    }
  }

  private static void memoryLimits(MemoryType t, String where) throws WasmInvalidException {
    if (t.limits().is64()) {
      limits(t.limits(), MAX_PAGES_64, "memory size must be at most 2^48 pages (16 EiB)", where);
    } else {
      limits(t.limits(), MAX_PAGES_32, "memory size must be at most 65536 pages (4GiB)", where);
    }
  }

  private static void tableLimits(TableType t, String where) throws WasmInvalidException {
    limits(t.limits(), t.limits().is64() ? -1L : 0xFFFF_FFFFL, "table size must be at most 2^32-1", where);
  }

  /** C.refs: function indices named outside function bodies (segments, exports, initialisers). */
  private static Set<Integer> refs(WasmModule m) {
    Set<Integer> refs = new TreeSet<>();
    for (Export x : m.exports()) {
      if (x.kind() == dev.jic.wasm.binary.Parts.ExternalKind.FUNC) {
        refs.add(x.index());
      }
    }
    List<List<Instruction>> exprs = new ArrayList<>();
    for (Global g : m.globals()) {
      exprs.add(g.init());
    }
    for (ElementSegment e : m.elements()) {
      switch (e.items()) {
        case ElementItems.Functions f -> refs.addAll(f.indices());
        case ElementItems.Expressions x -> exprs.addAll(x.exprs());
      }
      if (e.mode() instanceof SegmentMode.Active a) {
        exprs.add(a.offset());
      }
    }
    for (DataSegment d : m.data()) {
      if (d.mode() instanceof SegmentMode.Active a) {
        exprs.add(a.offset());
      }
    }
    for (List<Instruction> e : exprs) {
      for (Instruction i : e) {
        if (i.opcode() == Opcodes.REF_FUNC) {
          refs.add(((Imm.Index) i.imm()).index());
        }
      }
    }
    return refs;
  }

  private static void exports(Context c, List<Export> exports) throws WasmInvalidException {
    Set<String> names = new HashSet<>();
    for (Export x : exports) {
      String where = "export \"" + x.name() + "\"";
      if (!names.add(x.name())) {
        throw new WasmInvalidException("duplicate export name", where);
      }
      int n = switch (x.kind()) {
        case FUNC -> c.funcs().size();
        case TABLE -> c.tables().size();
        case MEMORY -> c.mems().size();
        case GLOBAL -> c.globals().size();
      };
      if (x.index() < 0 || x.index() >= n) {
        throw new WasmInvalidException("unknown " + x.kind().name().toLowerCase(), where + ": index " + x.index());
      }
    }
  }

  private static void element(Context c, ElementSegment e, String where) throws WasmInvalidException {
    switch (e.items()) {
      case ElementItems.Functions f -> {
        if (e.type() != ValType.FUNCREF) {
          throw new WasmInvalidException("type mismatch", where + ": function indices in a " + e.type() + " segment");
        }
        for (int x : f.indices()) {
          if (x < 0 || x >= c.funcs().size()) {
            throw new WasmInvalidException("unknown function", where + ": function " + Integer.toUnsignedString(x));
          }
        }
      }
      case ElementItems.Expressions x -> {
        for (List<Instruction> expr : x.exprs()) {
          constExpr(c, expr, e.type(), where);
        }
      }
    }
    if (e.mode() instanceof SegmentMode.Active a) {
      if (a.index() < 0 || a.index() >= c.tables().size()) {
        throw new WasmInvalidException("unknown table", where + ": table " + a.index());
      }
      if (c.tables().get(a.index()).elementType() != e.type()) {
        throw new WasmInvalidException("type mismatch", where + ": segment type differs from the table's");
      }
      constExpr(c, a.offset(), c.tableIndexType(a.index()), where + " offset");
    }
  }

  private static void data(Context c, DataSegment d, String where) throws WasmInvalidException {
    if (d.mode() instanceof SegmentMode.Active a) {
      if (a.index() < 0 || a.index() >= c.mems().size()) {
        throw new WasmInvalidException("unknown memory", where + ": memory " + a.index());
      }
      constExpr(c, a.offset(), c.memIndexType(), where + " offset");
    }
  }

  /**
   * A constant expression (section 3.3.10): only constants, {@code ref.null}, {@code ref.func} and
   * {@code global.get} of an immutable global, leaving exactly one value of type {@code t}.
   */
  static void constExpr(Context c, List<Instruction> expr, ValType t, String where) throws WasmInvalidException {
    for (int i = 0; i < expr.size() - 1; i++) {
      Instruction ins = expr.get(i);
      switch (ins.opcode()) {
        case Opcodes.I32_CONST, Opcodes.I64_CONST, Opcodes.F32_CONST, Opcodes.F64_CONST, Opcodes.REF_NULL,
            Opcodes.REF_FUNC, Opcodes.PREFIX_SIMD << 16 | 12 -> {}
        case Opcodes.GLOBAL_GET -> {
          int x = ((Imm.Index) ins.imm()).index();
          if (x < 0 || x >= c.globals().size()) {
            throw new WasmInvalidException("unknown global", where + ": global " + Integer.toUnsignedString(x));
          }
          if (c.globals().get(x).mutable()) {
            throw new WasmInvalidException("constant expression required", where + ": global.get of a mutable global");
          }
        }
        default -> throw new WasmInvalidException("constant expression required",
            where + ": " + Opcodes.name(ins.opcode()));
      }
    }
    FunctionChecker.checkBody(c, new FuncType(List.of(), List.of(t)), List.of(), expr, where);
  }
}
