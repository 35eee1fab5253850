package dev.jic.wasm.spec;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportTable;
import com.dylibso.chicory.runtime.Store;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.MutabilityType;
import com.dylibso.chicory.wasm.types.Table;
import com.dylibso.chicory.wasm.types.TableLimits;
import com.dylibso.chicory.wasm.types.ValType;
import com.dylibso.chicory.wasm.types.Value;
import java.util.List;

/** The {@code spectest} host module the spec scripts import (see the spec interpreter's {@code spectest.ml}). */
final class SpecHost {
  private SpecHost() {}

  static Store newStore() {
    Store s = new Store();
    for (var p : List.of(
        List.<ValType>of(), List.of(ValType.I32), List.of(ValType.I64), List.of(ValType.F32), List.of(ValType.F64),
        List.of(ValType.I32, ValType.F32), List.of(ValType.F64, ValType.F64))) {
      String name = switch (p.size()) {
        case 0 -> "print";
        case 1 -> "print_" + p.get(0).toString().toLowerCase();
        default -> "print_" + p.get(0).toString().toLowerCase() + "_" + p.get(1).toString().toLowerCase();
      };
      s.addFunction(new HostFunction("spectest", name, FunctionType.of(p, List.of()), (inst, args) -> Value.EMPTY_VALUES));
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
