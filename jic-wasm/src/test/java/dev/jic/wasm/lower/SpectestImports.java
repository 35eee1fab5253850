package dev.jic.wasm.lower;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportTable;
import com.dylibso.chicory.runtime.Store;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.MutabilityType;
import com.dylibso.chicory.wasm.types.Table;
import com.dylibso.chicory.wasm.types.TableLimits;
import com.dylibso.chicory.wasm.types.ValType;
import com.dylibso.chicory.wasm.types.Value;
import java.util.List;

/**
 * The {@code spectest} host module of the reference interpreter ({@code spectest.ml}): print
 * functions that do nothing, globals holding 666 / 666.6, a 10..20 funcref table and a 1..2 page
 * memory (32-bit: after lowering every memory is).
 */
final class SpectestImports {
  private SpectestImports() {}

  static Store newStore() {
    Store s = new Store();
    List<List<ValType>> params = List.of(List.of(), List.of(ValType.I32), List.of(ValType.I64), List.of(ValType.F32),
        List.of(ValType.F64), List.of(ValType.I32, ValType.F32), List.of(ValType.F64, ValType.F64));
    for (List<ValType> p : params) {
      StringBuilder name = new StringBuilder("print");
      for (ValType t : p) {
        name.append('_').append(t.toString().toLowerCase());
      }
      s.addFunction(new HostFunction("spectest", name.toString(), p, List.of(), (inst, args) -> Value.EMPTY_VALUES));
    }
    s.addGlobal(new ImportGlobal("spectest", "global_i32", new GlobalInstance(666, 0, ValType.I32, MutabilityType.Const)));
    s.addGlobal(new ImportGlobal("spectest", "global_i64", new GlobalInstance(666, 0, ValType.I64, MutabilityType.Const)));
    s.addGlobal(new ImportGlobal("spectest", "global_f32",
        new GlobalInstance(Float.floatToRawIntBits(666.6f), 0, ValType.F32, MutabilityType.Const)));
    s.addGlobal(new ImportGlobal("spectest", "global_f64",
        new GlobalInstance(Double.doubleToRawLongBits(666.6), 0, ValType.F64, MutabilityType.Const)));
    s.addTable(new ImportTable("spectest", "table",
        new TableInstance(new Table(ValType.FuncRef, new TableLimits(10, 20)), Value.REF_NULL_VALUE)));
    s.addMemory(new ImportMemory("spectest", "memory", new ByteArrayMemory(new MemoryLimits(1, 2))));
    return s;
  }
}
