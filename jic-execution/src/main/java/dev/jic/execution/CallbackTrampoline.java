package dev.jic.execution;

import dev.jic.wasm.binary.Imm;
import dev.jic.wasm.binary.Instruction;
import dev.jic.wasm.binary.Parts.Export;
import dev.jic.wasm.binary.Parts.ExternalKind;
import dev.jic.wasm.binary.Parts.FunctionBody;
import dev.jic.wasm.binary.Parts.ImportDesc;
import dev.jic.wasm.binary.Types.FuncType;
import dev.jic.wasm.binary.Types.TableType;
import dev.jic.wasm.binary.ValType;
import dev.jic.wasm.binary.WasmModule;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes callbacks callable. The System API names reply/reject/cleanup callbacks by their index in
 * table 0 (type {@code (env: I) -> ()}), but the engine calls only exports. Before compiling,
 * execution adds one exported function {@value #EXPORT}{@code (fn, env)} whose body is
 * {@code local.get env; local.get fn; call_indirect (type (I) -> ()) table 0}; {@code fn} has the
 * table's index type (i64 for table64). A bad index or a function of another type traps there
 * (reported as {@link HypervisorError.FunctionNotFound}). The trampoline is metered like any other
 * code: a callback costs a handful of instructions more than on the replica (documented).
 * Modules without a table get no trampoline; their callbacks cannot run.
 */
final class CallbackTrampoline {
  /** The export name (not a {@code canister_} name, so it does not clash with IC export rules). */
  static final String EXPORT = "jic:callback";

  private static final int LOCAL_GET = 0x20;
  private static final int CALL_INDIRECT = 0x11;
  private static final int END = 0x0B;

  private CallbackTrampoline() {}

  /** Whether table 0 uses 64-bit indices, or null if the module has no table. */
  static Boolean table64(WasmModule m) {
    for (var imp : m.imports()) {
      if (imp.desc() instanceof ImportDesc.Table t) {
        return t.type().limits().is64();
      }
    }
    if (m.tables().isEmpty()) {
      return null;
    }
    TableType t = m.tables().get(0);
    return t.elementType() == ValType.FUNCREF ? t.limits().is64() : null;
  }

  /** {@code m} with the trampoline added, or {@code m} itself if it has no function table. */
  static WasmModule add(WasmModule m, boolean wasm64) {
    Boolean t64 = table64(m);
    if (t64 == null) {
      return m;
    }
    ValType ptr = wasm64 ? ValType.I64 : ValType.I32;
    ValType idx = t64 ? ValType.I64 : ValType.I32;
    List<FuncType> types = new ArrayList<>(m.types());
    FuncType callbackType = new FuncType(List.of(ptr), List.of());
    int cbType = types.indexOf(callbackType);
    if (cbType < 0) {
      types.add(callbackType);
      cbType = types.size() - 1;
    }
    types.add(new FuncType(List.of(idx, ptr), List.of()));
    int trampolineType = types.size() - 1;
    List<Integer> functions = new ArrayList<>(m.functions());
    functions.add(trampolineType);
    int funcIndex = m.importedFunctionCount() + functions.size() - 1;
    List<FunctionBody> code = new ArrayList<>(m.code());
    code.add(new FunctionBody(List.of(), List.of(
        new Instruction(LOCAL_GET, new Imm.Index(1)),
        new Instruction(LOCAL_GET, new Imm.Index(0)),
        new Instruction(CALL_INDIRECT, new Imm.Index2(cbType, 0)),
        Instruction.of(END))));
    List<Export> exports = new ArrayList<>(m.exports());
    exports.add(new Export(EXPORT, ExternalKind.FUNC, funcIndex));
    return new WasmModule(types, m.imports(), functions, m.tables(), m.memories(), m.globals(), exports, m.start(),
        m.elements(), m.dataCount(), code, m.data(), m.customSections());
  }
}
