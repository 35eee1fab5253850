package dev.jic.wasm.typecheck;

import static dev.jic.wasm.binary.ValType.F32;
import static dev.jic.wasm.binary.ValType.F64;
import static dev.jic.wasm.binary.ValType.FUNCREF;
import static dev.jic.wasm.binary.ValType.I32;
import static dev.jic.wasm.binary.ValType.I64;
import static dev.jic.wasm.binary.ValType.V128;

import dev.jic.wasm.binary.BlockType;
import dev.jic.wasm.binary.Imm;
import dev.jic.wasm.binary.Instruction;
import dev.jic.wasm.binary.Opcodes;
import dev.jic.wasm.binary.Types.FuncType;
import dev.jic.wasm.binary.ValType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The spec's validation algorithm (appendix "Validation Algorithm") for one instruction sequence:
 * an operand stack of value types where {@code null} is the "unknown" type of unreachable code,
 * and a control stack of frames. One instance checks one function body or constant expression.
 * Dispatch over every opcode; deliberately one file (STYLE.md rule 14 exception).
 */
final class FunctionChecker {
  private static final class Frame {
    final int opcode;
    final List<ValType> start;
    final List<ValType> end;
    final int height;
    boolean unreachable;

    Frame(int opcode, List<ValType> start, List<ValType> end, int height) {
      this.opcode = opcode;
      this.start = start;
      this.end = end;
      this.height = height;
    }

    List<ValType> labelTypes() {
      return opcode == Opcodes.LOOP ? start : end;
    }
  }

  private final Context c;
  private final List<ValType> locals;
  private final String where;
  private ValType[] vals = new ValType[64];
  private int sp;
  private int maxSp;
  private final ArrayList<Frame> ctrls = new ArrayList<>();
  private int at;
  private java.util.Map<Integer, List<ValType>> blockStacks; // null unless recording

  private FunctionChecker(Context c, List<ValType> locals, String where) {
    this.c = c;
    this.locals = locals;
    this.where = where;
  }

  /** Checks a function body against its type; {@code locals} are the parameters then the declared locals. */
  static void checkBody(Context c, FuncType type, List<ValType> locals, List<Instruction> code, String where)
      throws WasmInvalidException {
    FunctionChecker f = new FunctionChecker(c, locals, where);
    f.ctrls.add(new Frame(Opcodes.BLOCK, List.of(), type.results(), 0));
    f.run(code, type.results());
  }

  /** Like {@link #checkBody}; returns the body's largest operand stack height (values, all frames). */
  static int maxHeight(Context c, FuncType type, List<ValType> locals, List<Instruction> code, String where)
      throws WasmInvalidException {
    FunctionChecker f = new FunctionChecker(c, locals, where);
    f.ctrls.add(new Frame(Opcodes.BLOCK, List.of(), type.results(), 0));
    f.run(code, type.results());
    return f.maxSp;
  }

  /**
   * Like {@link #checkBody}, and returns, for every reachable {@code block}, {@code loop} and
   * {@code if} whose innermost frame has a non-empty operand stack of known types, that stack
   * (bottom first, the instruction's own inputs on top), keyed by instruction index.
   */
  static java.util.Map<Integer, List<ValType>> blockStacks(Context c, FuncType type, List<ValType> locals,
      List<Instruction> code, String where) throws WasmInvalidException {
    FunctionChecker f = new FunctionChecker(c, locals, where);
    f.blockStacks = new java.util.TreeMap<>();
    f.ctrls.add(new Frame(Opcodes.BLOCK, List.of(), type.results(), 0));
    f.run(code, type.results());
    return f.blockStacks;
  }

  private void record(int op) {
    if (op != Opcodes.BLOCK && op != Opcodes.LOOP && op != Opcodes.IF) {
      return;
    }
    Frame f = ctrls.getLast();
    if (f.unreachable || sp == f.height) {
      return;
    }
    List<ValType> types = new ArrayList<>(sp - f.height);
    for (int i = f.height; i < sp; i++) {
      if (vals[i] == null) {
        return;
      }
      types.add(vals[i]);
    }
    blockStacks.put(at, List.copyOf(types));
  }

  private void run(List<Instruction> code, List<ValType> results) throws WasmInvalidException {
    for (at = 0; at < code.size(); at++) {
      if (ctrls.isEmpty()) {
        throw fail("type mismatch", "instructions after the function's final end");
      }
      if (blockStacks != null) {
        record(code.get(at).opcode());
      }
      step(code.get(at), results);
    }
    if (!ctrls.isEmpty()) {
      throw fail("type mismatch", "missing end");
    }
  }

  // --- stack primitives ---------------------------------------------------------------------

  private WasmInvalidException fail(String reason, String detail) {
    return new WasmInvalidException(reason, where + ", instruction " + at + (detail.isEmpty() ? "" : ": " + detail));
  }

  private void push(ValType t) {
    if (sp == vals.length) {
      vals = Arrays.copyOf(vals, sp * 2);
    }
    vals[sp++] = t;
    if (sp > maxSp) {
      maxSp = sp;
    }
  }

  private void pushAll(List<ValType> ts) {
    for (ValType t : ts) {
      push(t);
    }
  }

  private ValType pop() throws WasmInvalidException {
    Frame f = ctrls.getLast();
    if (sp == f.height) {
      if (f.unreachable) {
        return null;
      }
      throw fail("type mismatch", "operand stack underflow");
    }
    return vals[--sp];
  }

  private ValType pop(ValType expected) throws WasmInvalidException {
    ValType actual = pop();
    if (actual != null && expected != null && actual != expected) {
      throw fail("type mismatch", "expected " + name(expected) + ", found " + name(actual));
    }
    return actual; // Unknown stays unknown (br_table in unreachable code relies on it)
  }

  private void popAll(List<ValType> ts) throws WasmInvalidException {
    for (int i = ts.size() - 1; i >= 0; i--) {
      pop(ts.get(i));
    }
  }

  private void pushCtrl(int opcode, List<ValType> in, List<ValType> out) {
    ctrls.add(new Frame(opcode, in, out, sp));
    pushAll(in);
  }

  private Frame popCtrl() throws WasmInvalidException {
    Frame f = ctrls.getLast();
    popAll(f.end);
    if (sp != f.height) {
      throw fail("type mismatch", "values left on the stack at the end of a block");
    }
    ctrls.removeLast();
    return f;
  }

  private void unreachable() {
    Frame f = ctrls.getLast();
    sp = f.height;
    f.unreachable = true;
  }

  private Frame label(int depth) throws WasmInvalidException {
    if (depth < 0 || depth >= ctrls.size()) {
      throw fail("unknown label", "depth " + Integer.toUnsignedString(depth));
    }
    return ctrls.get(ctrls.size() - 1 - depth);
  }

  private static String name(ValType t) {
    return t.name().toLowerCase();
  }

  // --- instructions ----------------------------------------------------------------------

  private FuncType blockType(BlockType bt) throws WasmInvalidException {
    return switch (bt) {
      case BlockType.Empty e -> new FuncType(List.of(), List.of());
      case BlockType.Value v -> new FuncType(List.of(), List.of(v.type()));
      case BlockType.TypeIndex ti -> {
        if (ti.index() < 0 || ti.index() >= c.types().size()) {
          throw fail("unknown type", "block type " + ti.index());
        }
        yield c.types().get(ti.index());
      }
    };
  }

  private void step(Instruction ins, List<ValType> results) throws WasmInvalidException {
    int op = ins.opcode();
    OpSignatures.Sig sig = OpSignatures.of(op);
    if (sig != null) {
      for (int i = sig.params().length - 1; i >= 0; i--) {
        pop(sig.params()[i]);
      }
      for (ValType r : sig.results()) {
        push(r);
      }
      return;
    }
    Imm imm = ins.imm();
    switch (op) {
      case Opcodes.UNREACHABLE -> unreachable();
      case Opcodes.NOP -> {}
      case Opcodes.BLOCK, Opcodes.LOOP -> {
        FuncType t = blockType(((Imm.Block) imm).type());
        popAll(t.params());
        pushCtrl(op, t.params(), t.results());
      }
      case Opcodes.IF -> {
        FuncType t = blockType(((Imm.Block) imm).type());
        pop(I32);
        popAll(t.params());
        pushCtrl(op, t.params(), t.results());
      }
      case Opcodes.ELSE -> {
        Frame f = popCtrl();
        if (f.opcode != Opcodes.IF) {
          throw fail("type mismatch", "else without if");
        }
        pushCtrl(Opcodes.ELSE, f.start, f.end);
      }
      case Opcodes.END -> {
        Frame f = popCtrl();
        if (f.opcode == Opcodes.IF && !f.start.equals(f.end)) {
          throw fail("type mismatch", "if without else must leave its parameters unchanged");
        }
        pushAll(f.end);
      }
      case Opcodes.BR -> {
        popAll(label(index(imm)).labelTypes());
        unreachable();
      }
      case Opcodes.BR_IF -> {
        pop(I32);
        List<ValType> l = label(index(imm)).labelTypes();
        popAll(l);
        pushAll(l);
      }
      case Opcodes.BR_TABLE -> brTable((Imm.BrTable) imm);
      case Opcodes.RETURN -> {
        popAll(results);
        unreachable();
      }
      case Opcodes.CALL -> {
        FuncType t = func(index(imm));
        popAll(t.params());
        pushAll(t.results());
      }
      case Opcodes.CALL_INDIRECT -> {
        Imm.Index2 x = (Imm.Index2) imm;
        table(x.second());
        if (c.tables().get(x.second()).elementType() != FUNCREF) {
          throw fail("type mismatch", "call_indirect through a table of " + name(c.tables().get(x.second()).elementType()));
        }
        if (x.first() < 0 || x.first() >= c.types().size()) {
          throw fail("unknown type", "type " + x.first());
        }
        FuncType t = c.types().get(x.first());
        pop(c.tableIndexType(x.second()));
        popAll(t.params());
        pushAll(t.results());
      }
      case Opcodes.DROP -> pop();
      case Opcodes.SELECT -> {
        pop(I32);
        ValType t1 = pop();
        ValType t2 = pop();
        if ((t1 != null && t1.isReference()) || (t2 != null && t2.isReference())) {
          throw fail("type mismatch", "untyped select on reference operands");
        }
        if (t1 != null && t2 != null && t1 != t2) {
          throw fail("type mismatch", "select operands " + name(t1) + " and " + name(t2));
        }
        push(t1 == null ? t2 : t1);
      }
      case Opcodes.SELECT_T -> {
        List<ValType> ts = ((Imm.SelectTypes) imm).types();
        if (ts.size() != 1) {
          throw fail("invalid result arity", "typed select with " + ts.size() + " types");
        }
        pop(I32);
        pop(ts.get(0));
        pop(ts.get(0));
        push(ts.get(0));
      }
      case Opcodes.LOCAL_GET -> push(local(index(imm)));
      case Opcodes.LOCAL_SET -> pop(local(index(imm)));
      case Opcodes.LOCAL_TEE -> {
        ValType t = local(index(imm));
        pop(t);
        push(t);
      }
      case Opcodes.GLOBAL_GET -> push(global(index(imm)).type());
      case Opcodes.GLOBAL_SET -> {
        var g = global(index(imm));
        if (!g.mutable()) {
          throw fail("global is immutable", "global " + index(imm));
        }
        pop(g.type());
      }
      case Opcodes.TABLE_GET -> {
        int t = index(imm);
        table(t);
        pop(c.tableIndexType(t));
        push(c.tables().get(t).elementType());
      }
      case Opcodes.TABLE_SET -> {
        int t = index(imm);
        table(t);
        pop(c.tables().get(t).elementType());
        pop(c.tableIndexType(t));
      }
      case Opcodes.MEMORY_SIZE -> push(memory());
      case Opcodes.MEMORY_GROW -> {
        ValType a = memory();
        pop(a);
        push(a);
      }
      case Opcodes.I32_CONST -> push(I32);
      case Opcodes.I64_CONST -> push(I64);
      case Opcodes.F32_CONST -> push(F32);
      case Opcodes.F64_CONST -> push(F64);
      case Opcodes.REF_NULL -> push(((Imm.RefType) imm).type());
      case Opcodes.REF_IS_NULL -> {
        ValType t = pop();
        if (t != null && !t.isReference()) {
          throw fail("type mismatch", "ref.is_null on " + name(t));
        }
        push(I32);
      }
      case Opcodes.REF_FUNC -> {
        int x = index(imm);
        func(x);
        if (!c.refs().contains(x)) {
          throw fail("undeclared function reference", "function " + x);
        }
        push(FUNCREF);
      }
      default -> {
        if (op >= 0x28 && op <= 0x3E) {
          loadStore(op, (Imm.MemArg) imm);
        } else if ((op >>> 16) == Opcodes.PREFIX_MISC) {
          misc(op & 0xFFFF, imm);
        } else if ((op >>> 16) == Opcodes.PREFIX_SIMD) {
          simd(op & 0xFFFF, imm);
        } else {
          throw fail("type mismatch", "no typing rule for " + Opcodes.name(op));
        }
      }
    }
  }

  private void brTable(Imm.BrTable bt) throws WasmInvalidException {
    pop(I32);
    int arity = label(bt.defaultLabel()).labelTypes().size();
    for (int l : bt.labels()) {
      List<ValType> ts = label(l).labelTypes();
      if (ts.size() != arity) {
        throw fail("type mismatch", "br_table targets of different arities");
      }
      // pushVals(popVals(label)): check against each target, keeping the operand types.
      ValType[] popped = new ValType[ts.size()];
      for (int i = ts.size() - 1; i >= 0; i--) {
        popped[i] = pop(ts.get(i));
      }
      for (ValType p : popped) {
        push(p);
      }
    }
    popAll(label(bt.defaultLabel()).labelTypes());
    unreachable();
  }

  private static int index(Imm imm) {
    return ((Imm.Index) imm).index();
  }

  private ValType local(int x) throws WasmInvalidException {
    if (x < 0 || x >= locals.size()) {
      throw fail("unknown local", "local " + Integer.toUnsignedString(x));
    }
    return locals.get(x);
  }

  private dev.jic.wasm.binary.Types.GlobalType global(int x) throws WasmInvalidException {
    if (x < 0 || x >= c.globals().size()) {
      throw fail("unknown global", "global " + Integer.toUnsignedString(x));
    }
    return c.globals().get(x);
  }

  private FuncType func(int x) throws WasmInvalidException {
    if (x < 0 || x >= c.funcs().size()) {
      throw fail("unknown function", "function " + Integer.toUnsignedString(x));
    }
    return c.funcs().get(x);
  }

  private void table(int x) throws WasmInvalidException {
    if (x < 0 || x >= c.tables().size()) {
      throw fail("unknown table", "table " + Integer.toUnsignedString(x));
    }
  }

  private void elem(int x) throws WasmInvalidException {
    if (x < 0 || x >= c.elems().size()) {
      throw fail("unknown elem segment", "segment " + Integer.toUnsignedString(x));
    }
  }

  private void data(int x) throws WasmInvalidException {
    if (c.dataCount().isEmpty() || x < 0 || x >= c.dataCount().getAsLong()) {
      throw fail("unknown data segment", "segment " + Integer.toUnsignedString(x));
    }
  }

  /** Memory 0's index type; fails if the module has no memory. */
  private ValType memory() throws WasmInvalidException {
    if (c.mems().isEmpty()) {
      throw fail("unknown memory", "memory 0");
    }
    return c.memIndexType();
  }

  private ValType memArg(long align, long offset, int naturalLog2) throws WasmInvalidException {
    ValType a = memory();
    if (Long.compareUnsigned(align, naturalLog2) > 0) {
      throw fail("alignment must not be larger than natural", "2^" + Long.toUnsignedString(align) + " > " + (1 << naturalLog2));
    }
    if (a == I32 && Long.compareUnsigned(offset, 0xFFFF_FFFFL) > 0) {
      throw fail("offset out of range", "offset " + Long.toUnsignedString(offset) + " on a 32-bit memory");
    }
    return a;
  }

  private static final int[] NATURAL = {2, 3, 2, 3, 0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 2, 3, 2, 3, 0, 1, 0, 1, 2};
  private static final ValType[] MEM_TYPE = {I32, I64, F32, F64, I32, I32, I32, I32, I64, I64, I64, I64, I64, I64,
      I32, I64, F32, F64, I32, I32, I64, I64, I64};

  private void loadStore(int op, Imm.MemArg m) throws WasmInvalidException {
    int k = op - 0x28;
    ValType a = memArg(m.align(), m.offset(), NATURAL[k]);
    if (op <= 0x35) {
      pop(a);
      push(MEM_TYPE[k]);
    } else {
      pop(MEM_TYPE[k]);
      pop(a);
    }
  }

  private void misc(int sub, Imm imm) throws WasmInvalidException {
    switch (sub) {
      case 8 -> { // memory.init
        ValType a = memory();
        data(index(imm));
        pop(I32);
        pop(I32);
        pop(a);
      }
      case 9 -> data(index(imm));
      case 10 -> { // memory.copy
        ValType a = memory();
        pop(a);
        pop(a);
        pop(a);
      }
      case 11 -> { // memory.fill
        ValType a = memory();
        pop(a);
        pop(I32);
        pop(a);
      }
      case 12 -> { // table.init elem table
        Imm.Index2 x = (Imm.Index2) imm;
        elem(x.first());
        table(x.second());
        if (c.elems().get(x.first()) != c.tables().get(x.second()).elementType()) {
          throw fail("type mismatch", "table.init element type differs from the table's");
        }
        pop(I32);
        pop(I32);
        pop(c.tableIndexType(x.second()));
      }
      case 13 -> elem(index(imm));
      case 14 -> { // table.copy dst src
        Imm.Index2 x = (Imm.Index2) imm;
        table(x.first());
        table(x.second());
        if (c.tables().get(x.first()).elementType() != c.tables().get(x.second()).elementType()) {
          throw fail("type mismatch", "table.copy between tables of different element types");
        }
        ValType d = c.tableIndexType(x.first());
        ValType s = c.tableIndexType(x.second());
        pop(d == I64 && s == I64 ? I64 : I32);
        pop(s);
        pop(d);
      }
      case 15 -> { // table.grow
        int t = index(imm);
        table(t);
        ValType a = c.tableIndexType(t);
        pop(a);
        pop(c.tables().get(t).elementType());
        push(a);
      }
      case 16 -> { // table.size
        int t = index(imm);
        table(t);
        push(c.tableIndexType(t));
      }
      case 17 -> { // table.fill
        int t = index(imm);
        table(t);
        ValType a = c.tableIndexType(t);
        pop(a);
        pop(c.tables().get(t).elementType());
        pop(a);
      }
      default -> throw fail("type mismatch", "no typing rule for misc opcode " + sub);
    }
  }

  /** SIMD memory, constant, shuffle and lane instructions (the rest are in {@link OpSignatures}). */
  private void simd(int sub, Imm imm) throws WasmInvalidException {
    switch (sub) {
      case 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 92, 93 -> {
        Imm.MemArg m = (Imm.MemArg) imm;
        int natural = switch (sub) {
          case 0 -> 4;
          case 7 -> 0;
          case 8 -> 1;
          case 9, 92 -> 2;
          default -> 3;
        };
        pop(memArg(m.align(), m.offset(), natural));
        push(V128);
      }
      case 11 -> {
        Imm.MemArg m = (Imm.MemArg) imm;
        ValType a = memArg(m.align(), m.offset(), 4);
        pop(V128);
        pop(a);
      }
      case 12 -> push(V128);
      case 13 -> {
        Imm.V128 lanes = (Imm.V128) imm;
        for (int i = 0; i < 8; i++) {
          if (((lanes.low() >>> (8 * i)) & 0xFF) >= 32 || ((lanes.high() >>> (8 * i)) & 0xFF) >= 32) {
            throw fail("invalid lane index", "i8x16.shuffle lane >= 32");
          }
        }
        pop(V128);
        pop(V128);
        push(V128);
      }
      case 84, 85, 86, 87, 88, 89, 90, 91 -> {
        Imm.MemLane m = (Imm.MemLane) imm;
        int log2 = (sub - 84) % 4;
        lane(m.lane(), 16 >> log2);
        ValType a = memArg(m.align(), m.offset(), log2);
        pop(V128);
        pop(a);
        if (sub <= 87) {
          push(V128);
        }
      }
      default -> {
        if (sub < 21 || sub > 34) {
          throw fail("type mismatch", "no typing rule for SIMD opcode " + sub);
        }
        int k = sub - 21; // extract/replace lane ops
        int lanes;
        ValType scalar;
        boolean replace;
        if (k < 6) { // i8x16 extract_s, extract_u, replace; i16x8 the same
          lanes = k < 3 ? 16 : 8;
          scalar = I32;
          replace = k % 3 == 2;
        } else {
          int j = k - 6; // i32x4, i64x2, f32x4, f64x2: extract, replace
          lanes = new int[] {4, 2, 4, 2}[j / 2];
          scalar = new ValType[] {I32, I64, F32, F64}[j / 2];
          replace = j % 2 == 1;
        }
        lane(((Imm.Lane) imm).lane(), lanes);
        if (replace) {
          pop(scalar);
          pop(V128);
          push(V128);
        } else {
          pop(V128);
          push(scalar);
        }
      }
    }
  }

  private void lane(int lane, int lanes) throws WasmInvalidException {
    if (lane < 0 || lane >= lanes) {
      throw fail("invalid lane index", "lane " + lane + " of " + lanes);
    }
  }
}
