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
import java.util.Random;

/**
 * Builds random, well-formed (not necessarily valid) module models from a seed, using every
 * immediate kind of the opcode table. Used by the encoder/decoder round-trip property.
 */
final class ModuleGenerator {
  private final Random rnd;

  ModuleGenerator(long seed) {
    this.rnd = new Random(seed);
  }

  private static final ValType[] VALS = ValType.values();

  WasmModule module() {
    List<FuncType> types = list(4, () -> new FuncType(list(3, this::val), list(2, this::val)));
    List<Import> imports = list(3, () -> new Import(name(), name(), switch (rnd.nextInt(4)) {
      case 0 -> new ImportDesc.Func(rnd.nextInt(5));
      case 1 -> new ImportDesc.Table(new TableType(ref(), limits()));
      case 2 -> new ImportDesc.Memory(new MemoryType(limits()));
      default -> new ImportDesc.Global(new GlobalType(val(), rnd.nextBoolean()));
    }));
    List<FunctionBody> code = list(4, this::body);
    List<Integer> functions = code.stream().map(c -> rnd.nextInt(10)).toList();
    boolean usesData = code.stream().flatMap(b -> b.code().stream())
        .anyMatch(i -> i.opcode() == Opcodes.MEMORY_INIT || i.opcode() == Opcodes.DATA_DROP);
    List<DataSegment> data = list(3, () -> new DataSegment(
        rnd.nextBoolean() ? new SegmentMode.Passive() : new SegmentMode.Active(rnd.nextInt(2), constExpr()),
        bytes(rnd.nextInt(20))));
    OptionalLong dataCount = usesData || rnd.nextBoolean() ? OptionalLong.of(data.size()) : OptionalLong.empty();
    List<ElementSegment> elements = list(3, this::element);
    WasmModule m = new WasmModule(types, imports, functions,
        list(2, () -> new TableType(ref(), limits())),
        list(2, () -> new MemoryType(limits())),
        list(3, () -> new Global(new GlobalType(val(), rnd.nextBoolean()), constExpr())),
        list(3, () -> new Export(name(), ExternalKind.values()[rnd.nextInt(4)], rnd.nextInt(100))),
        rnd.nextBoolean() ? OptionalInt.of(rnd.nextInt(10)) : OptionalInt.empty(),
        elements, dataCount, code, data, List.of());
    // Custom sections may only sit after a section the encoder emits (or at the start).
    List<Integer> emitted = new ArrayList<>(List.of(0));
    byte[] probe = WasmEncoder.encode(m);
    try {
      WasmModule again = WasmDecoder.decode(probe);
      addIf(emitted, 1, !again.types().isEmpty());
      addIf(emitted, 2, !again.imports().isEmpty());
      addIf(emitted, 3, !again.functions().isEmpty());
      addIf(emitted, 10, !again.code().isEmpty());
      addIf(emitted, 11, !again.data().isEmpty());
      addIf(emitted, 8, again.start().isPresent());
    } catch (WasmMalformedException e) {
      throw new AssertionError("generated module does not decode: " + e.getMessage(), e);
    }
    List<CustomSection> customs = list(3, () -> new CustomSection(name(), bytes(rnd.nextInt(10)),
        emitted.get(rnd.nextInt(emitted.size()))));
    // Order customs as the encoder will write them, so the decoded list matches.
    List<CustomSection> ordered = new ArrayList<>();
    for (int rank = 0; rank <= WasmDecoder.SECTION_ORDER.length; rank++) {
      int id = rank == 0 ? 0 : WasmDecoder.SECTION_ORDER[rank - 1];
      customs.stream().filter(c -> c.after() == id).forEach(ordered::add);
    }
    return new WasmModule(types, imports, functions, m.tables(), m.memories(), m.globals(), m.exports(),
        m.start(), elements, dataCount, code, data, ordered);
  }

  private static void addIf(List<Integer> l, int id, boolean cond) {
    if (cond) {
      l.add(id);
    }
  }

  private interface Gen<T> {
    T next();
  }

  private <T> List<T> list(int max, Gen<T> g) {
    int n = rnd.nextInt(max + 1);
    List<T> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(g.next());
    }
    return out;
  }

  private ValType val() {
    return VALS[rnd.nextInt(VALS.length)];
  }

  private ValType ref() {
    return rnd.nextBoolean() ? ValType.FUNCREF : ValType.EXTERNREF;
  }

  private String name() {
    String[] pool = {"", "a", "ic0", "canister_update go", "héllo", "名前", "x y <z>"};
    return pool[rnd.nextInt(pool.length)];
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    return b;
  }

  private Limits limits() {
    boolean is64 = rnd.nextBoolean();
    long min = is64 ? rnd.nextLong() >>> 1 : rnd.nextInt() & 0xFFFFFFFFL;
    return new Limits(min, rnd.nextBoolean() ? OptionalLong.of(min + rnd.nextInt(100)) : OptionalLong.empty(), is64);
  }

  private List<Instruction> constExpr() {
    List<Instruction> e = new ArrayList<>();
    e.add(switch (rnd.nextInt(4)) {
      case 0 -> new Instruction(Opcodes.I32_CONST, new Imm.I32(rnd.nextInt()));
      case 1 -> new Instruction(Opcodes.I64_CONST, new Imm.I64(rnd.nextLong()));
      case 2 -> new Instruction(Opcodes.GLOBAL_GET, new Imm.Index(rnd.nextInt(5)));
      default -> new Instruction(Opcodes.REF_NULL, new Imm.RefType(ref()));
    });
    e.add(Instruction.of(Opcodes.END));
    return e;
  }

  private ElementSegment element() {
    SegmentMode mode = switch (rnd.nextInt(3)) {
      case 0 -> new SegmentMode.Active(rnd.nextInt(3), constExpr());
      case 1 -> new SegmentMode.Passive();
      default -> new SegmentMode.Declarative();
    };
    if (rnd.nextBoolean()) {
      return new ElementSegment(mode, ValType.FUNCREF, new ElementItems.Functions(list(4, () -> rnd.nextInt(1000))));
    }
    return new ElementSegment(mode, ref(), new ElementItems.Expressions(list(3, this::constExpr)));
  }

  private FunctionBody body() {
    List<Locals> locals = list(3, () -> new Locals(rnd.nextInt(5), val()));
    List<Instruction> code = new ArrayList<>();
    int depth = 0;
    int n = rnd.nextInt(40);
    for (int i = 0; i < n; i++) {
      Instruction ins = randomInstruction();
      if (ins.opcode() == Opcodes.END) {
        if (depth == 0) {
          continue;
        }
        depth--;
      }
      if (ins.opcode() == Opcodes.BLOCK || ins.opcode() == Opcodes.LOOP || ins.opcode() == Opcodes.IF) {
        depth++;
      }
      code.add(ins);
    }
    for (; depth >= 0; depth--) {
      code.add(Instruction.of(Opcodes.END));
    }
    return new FunctionBody(locals, code);
  }

  private Instruction randomInstruction() {
    while (true) {
      int op = switch (rnd.nextInt(3)) {
        case 0 -> rnd.nextInt(256);
        case 1 -> Opcodes.PREFIX_MISC << 16 | rnd.nextInt(18);
        default -> Opcodes.PREFIX_SIMD << 16 | rnd.nextInt(256);
      };
      Opcodes.ImmKind kind = Opcodes.kind(op);
      if (kind == null) {
        continue;
      }
      return new Instruction(op, switch (kind) {
        case NONE, ZERO_BYTE, ZERO_BYTE2 -> Imm.NONE;
        case BLOCK -> new Imm.Block(switch (rnd.nextInt(3)) {
          case 0 -> new BlockType.Empty();
          case 1 -> new BlockType.Value(val());
          default -> new BlockType.TypeIndex(rnd.nextInt(Integer.MAX_VALUE));
        });
        case INDEX, INDEX_ZERO_BYTE -> new Imm.Index(rnd.nextInt(Integer.MAX_VALUE));
        case INDEX2 -> new Imm.Index2(rnd.nextInt(100), rnd.nextInt(100));
        case BR_TABLE -> new Imm.BrTable(list(5, () -> rnd.nextInt(10)), rnd.nextInt(10));
        case MEMARG -> new Imm.MemArg(rnd.nextInt(5), rnd.nextLong() >>> rnd.nextInt(64));
        case I32 -> new Imm.I32(rnd.nextInt());
        case I64 -> new Imm.I64(rnd.nextLong());
        case F32 -> new Imm.F32(rnd.nextInt());
        case F64 -> new Imm.F64(rnd.nextLong());
        case REF_TYPE -> new Imm.RefType(ref());
        case SELECT_T -> new Imm.SelectTypes(list(2, this::val));
        case V128 -> new Imm.V128(rnd.nextLong(), rnd.nextLong());
        case LANE -> new Imm.Lane(rnd.nextInt(16));
        case MEMLANE -> new Imm.MemLane(rnd.nextInt(4), rnd.nextInt(1 << 20), rnd.nextInt(16));
      });
    }
  }
}
