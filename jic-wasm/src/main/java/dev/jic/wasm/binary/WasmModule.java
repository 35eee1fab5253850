package dev.jic.wasm.binary;

import dev.jic.wasm.binary.Parts.CustomSection;
import dev.jic.wasm.binary.Parts.DataSegment;
import dev.jic.wasm.binary.Parts.ElementSegment;
import dev.jic.wasm.binary.Parts.Export;
import dev.jic.wasm.binary.Parts.FunctionBody;
import dev.jic.wasm.binary.Parts.Global;
import dev.jic.wasm.binary.Parts.Import;
import dev.jic.wasm.binary.Parts.ImportDesc;
import dev.jic.wasm.binary.Types.FuncType;
import dev.jic.wasm.binary.Types.MemoryType;
import dev.jic.wasm.binary.Types.TableType;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A decoded Wasm module: every section of the binary format as typed, immutable values. It is
 * well-formed (it decoded) but not necessarily valid: type checking is a separate step.
 * {@code functions} holds the type index of each module-defined function and {@code code} their
 * bodies, index for index (the decoder guarantees equal lengths).
 */
public record WasmModule(
    List<FuncType> types,
    List<Import> imports,
    List<Integer> functions,
    List<TableType> tables,
    List<MemoryType> memories,
    List<Global> globals,
    List<Export> exports,
    OptionalInt start,
    List<ElementSegment> elements,
    OptionalLong dataCount,
    List<FunctionBody> code,
    List<DataSegment> data,
    List<CustomSection> customSections) {

  public WasmModule {
    types = List.copyOf(types);
    imports = List.copyOf(imports);
    functions = List.copyOf(functions);
    tables = List.copyOf(tables);
    memories = List.copyOf(memories);
    globals = List.copyOf(globals);
    exports = List.copyOf(exports);
    elements = List.copyOf(elements);
    code = List.copyOf(code);
    data = List.copyOf(data);
    customSections = List.copyOf(customSections);
  }

  /** Number of imported functions (they come first in the function index space). */
  public int importedFunctionCount() {
    return (int) imports.stream().filter(i -> i.desc() instanceof ImportDesc.Func).count();
  }

  /** All memories, imported ones first, as in the memory index space. */
  public List<MemoryType> allMemories() {
    List<MemoryType> imported = imports.stream()
        .map(Import::desc)
        .filter(d -> d instanceof ImportDesc.Memory)
        .map(d -> ((ImportDesc.Memory) d).type())
        .toList();
    return java.util.stream.Stream.concat(imported.stream(), memories.stream()).toList();
  }

  /**
   * The type of function {@code index} in the function index space, or null if the index or its
   * type index is out of range.
   */
  public FuncType functionType(long index) {
    int imported = 0;
    for (Import i : imports) {
      if (i.desc() instanceof ImportDesc.Func f) {
        if (imported == index) {
          return typeAt(f.typeIndex());
        }
        imported++;
      }
    }
    long local = index - imported;
    if (local < 0 || local >= functions.size()) {
      return null;
    }
    return typeAt(functions.get((int) local));
  }

  private FuncType typeAt(int typeIndex) {
    return typeIndex >= 0 && typeIndex < types.size() ? types.get(typeIndex) : null;
  }
}
