package dev.jic.wasm.lower;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import dev.jic.wasm.binary.BlockType;
import dev.jic.wasm.binary.Imm;
import dev.jic.wasm.binary.Instruction;
import dev.jic.wasm.binary.Opcodes;
import dev.jic.wasm.binary.Parts.DataSegment;
import dev.jic.wasm.binary.Parts.ElementSegment;
import dev.jic.wasm.binary.Parts.Export;
import dev.jic.wasm.binary.Parts.ExternalKind;
import dev.jic.wasm.binary.Parts.FunctionBody;
import dev.jic.wasm.binary.Parts.Import;
import dev.jic.wasm.binary.Types.FuncType;
import dev.jic.wasm.binary.Types.Limits;
import dev.jic.wasm.binary.Types.MemoryType;
import dev.jic.wasm.binary.Types.TableType;
import dev.jic.wasm.binary.ValType;
import dev.jic.wasm.binary.WasmEncoder;
import dev.jic.wasm.binary.WasmModule;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Hand-built test modules (instruction lists on jic's model) and a Chicory runner for lowered ones. */
final class TestModules {
  private TestModules() {}

  /** One exported function: name, signature, extra locals, body without the final {@code end}. */
  record Fn(String name, List<ValType> params, List<ValType> results, List<Instruction> code) {}

  /** A module builder: one memory and/or tables, exported functions, segments, imports. */
  static final class Builder {
    final List<FuncType> types = new ArrayList<>();
    final List<Import> imports = new ArrayList<>();
    final List<Integer> functions = new ArrayList<>();
    final List<FunctionBody> code = new ArrayList<>();
    final List<Export> exports = new ArrayList<>();
    final List<MemoryType> memories = new ArrayList<>();
    final List<TableType> tables = new ArrayList<>();
    final List<ElementSegment> elements = new ArrayList<>();
    final List<DataSegment> data = new ArrayList<>();
    int importedFunctions;

    Builder memory64(long min, OptionalLong max) {
      memories.add(new MemoryType(new Limits(min, max, true)));
      return this;
    }

    Builder table64(long min, OptionalLong max) {
      tables.add(new TableType(ValType.FUNCREF, new Limits(min, max, true)));
      return this;
    }

    Builder importFunc(String module, String name, List<ValType> params, List<ValType> results) {
      types.add(new FuncType(params, results));
      imports.add(new Import(module, name, new dev.jic.wasm.binary.Parts.ImportDesc.Func(types.size() - 1)));
      importedFunctions++;
      return this;
    }

    /** Adds a function and returns its index in the function index space. */
    int func(Fn f) {
      types.add(new FuncType(f.params(), f.results()));
      functions.add(types.size() - 1);
      List<Instruction> body = new ArrayList<>(f.code());
      body.add(op(Opcodes.END));
      code.add(new FunctionBody(List.of(), body));
      int index = importedFunctions + functions.size() - 1;
      if (f.name() != null) {
        exports.add(new Export(f.name(), ExternalKind.FUNC, index));
      }
      return index;
    }

    Builder data(DataSegment d) {
      data.add(d);
      return this;
    }

    Builder element(ElementSegment e) {
      elements.add(e);
      return this;
    }

    WasmModule build() {
      boolean passive = data.stream().anyMatch(d -> !(d.mode() instanceof dev.jic.wasm.binary.Parts.SegmentMode.Active));
      return new WasmModule(types, imports, functions, tables, memories, List.of(), exports, OptionalInt.empty(),
          elements, passive ? OptionalLong.of(data.size()) : OptionalLong.empty(), code, data, List.of());
    }
  }

  static Instruction op(int opcode) {
    return Instruction.of(opcode);
  }

  static Instruction op(int opcode, Imm imm) {
    return new Instruction(opcode, imm);
  }

  static Instruction get(int local) {
    return op(Opcodes.LOCAL_GET, new Imm.Index(local));
  }

  static Instruction i32(int v) {
    return op(Opcodes.I32_CONST, new Imm.I32(v));
  }

  static Instruction i64(long v) {
    return op(Opcodes.I64_CONST, new Imm.I64(v));
  }

  static Instruction mem(int opcode, long offset) {
    return op(opcode, new Imm.MemArg(0, offset));
  }

  static Instruction block(int opcode) {
    return op(opcode, new Imm.Block(new BlockType.Empty()));
  }

  /** The offset expression {@code i64.const v; end}. */
  static List<Instruction> offset64(long v) {
    return List.of(i64(v), op(Opcodes.END));
  }

  /** Lowers, encodes and instantiates {@code m} with Chicory's compiler (no imports). */
  static Instance run(WasmModule m) throws Memory64LoweringException {
    WasmModule low = Memory64Lowering.lower(m);
    try {
      dev.jic.wasm.typecheck.WasmTypeChecker.check(m);
      dev.jic.wasm.typecheck.WasmTypeChecker.check(low);
    } catch (dev.jic.wasm.typecheck.WasmInvalidException e) {
      throw new AssertionError("invalid module: " + e.getMessage(), e);
    }
    var module = Parser.parse(WasmEncoder.encode(low));
    return Instance.builder(module).withMachineFactory(MachineFactoryCompiler.compile(module)).build();
  }
}
