package dev.jic.wasm.typecheck;

import dev.jic.wasm.binary.Types.FuncType;
import dev.jic.wasm.binary.Types.GlobalType;
import dev.jic.wasm.binary.Types.MemoryType;
import dev.jic.wasm.binary.Types.TableType;
import dev.jic.wasm.binary.ValType;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The validation context {@code C} of the spec (section 3.1.1) for a module: its index spaces
 * (imports first), element segment types, the data count and {@code refs}, the functions that
 * {@code ref.func} may name.
 */
record Context(
    List<FuncType> types,
    List<FuncType> funcs,
    List<TableType> tables,
    List<MemoryType> mems,
    List<GlobalType> globals,
    List<ValType> elems,
    OptionalLong dataCount,
    Set<Integer> refs) {

  /** The index type of memory 0 (i64 for memory64); the caller checks that it exists. */
  ValType memIndexType() {
    return mems.get(0).limits().is64() ? ValType.I64 : ValType.I32;
  }

  /** The index type of table {@code t} (i64 for table64). */
  ValType tableIndexType(int t) {
    return tables.get(t).limits().is64() ? ValType.I64 : ValType.I32;
  }
}
