package dev.jic.wasm.validation;

import dev.jic.wasm.binary.Instruction;
import dev.jic.wasm.binary.Opcodes;
import dev.jic.wasm.binary.Parts.CustomSection;
import dev.jic.wasm.binary.Parts.DataSegment;
import dev.jic.wasm.binary.Parts.Export;
import dev.jic.wasm.binary.Parts.ExternalKind;
import dev.jic.wasm.binary.Parts.FunctionBody;
import dev.jic.wasm.binary.Parts.Global;
import dev.jic.wasm.binary.Parts.Import;
import dev.jic.wasm.binary.Parts.ImportDesc;
import dev.jic.wasm.binary.Parts.SegmentMode;
import dev.jic.wasm.binary.Types.FuncType;
import dev.jic.wasm.binary.Types.MemoryType;
import dev.jic.wasm.binary.ValType;
import dev.jic.wasm.binary.WasmBinary;
import dev.jic.wasm.binary.WasmDecoder;
import dev.jic.wasm.binary.WasmMalformedException;
import dev.jic.wasm.binary.WasmModule;
import dev.jic.wasm.typecheck.WasmInvalidException;
import dev.jic.wasm.typecheck.WasmTypeChecker;
import dev.jic.wasm.validation.IcValidationError.Kind;
import dev.jic.wasm.validation.IcValidationResult.IcpSection;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks a canister module against the IC's install-time rules (IC-INTERFACE-DIGEST.md §5.1,
 * §5.3; the replica's {@code rs/embedders} validation): size limits, {@code ic0} imports with
 * exact signatures, export names, function/global/memory counts, data segment offsets and
 * {@code icp:} custom sections, per-function size and {@link FunctionComplexity}; and, last, full
 * Wasm type validation ({@link WasmTypeChecker}, reported as {@link Kind#INVALID_WASM}). Pure and
 * deterministic; the first rule broken is reported.
 */
public final class IcModuleValidator {
  private IcModuleValidator() {}

  /** Exports the replica reserves for its own instrumentation. */
  static final Set<String> RESERVED_EXPORTS = Set.of("canister counter_instructions", "canister_start",
      "canister counter_dirty_pages", "canister counter_accessed_pages", "stable_memory", "stable_bytemap_memory");

  /** The {@code canister_*} system exports, all of type {@code () -> ()}. */
  static final Set<String> SYSTEM_EXPORTS = Set.of("canister_init", "canister_pre_upgrade", "canister_post_upgrade",
      "canister_inspect_message", "canister_heartbeat", "canister_global_timer", "canister_on_low_wasm_memory");

  static final List<String> METHOD_PREFIXES = List.of("canister_update ", "canister_query ", "canister_composite_query ");

  private static final FuncType UNIT = new FuncType(List.of(), List.of());

  /** Validates raw or gzip-compressed module bytes as installed by {@code install_code}. */
  public static IcValidationResult validate(byte[] moduleBytes, IcLimits limits) {
    if (moduleBytes.length > limits.maxModuleBytes()) {
      return invalid(Kind.MODULE_TOO_LARGE, "module is " + moduleBytes.length + " bytes, the limit is "
          + limits.maxModuleBytes());
    }
    byte[] raw;
    WasmModule module;
    long codeSize;
    try {
      raw = WasmBinary.unwrap(moduleBytes, limits.maxModuleBytes());
      module = WasmDecoder.decode(raw);
      codeSize = WasmDecoder.sectionSize(raw, 10);
    } catch (WasmMalformedException e) {
      return invalid(Kind.MALFORMED, "cannot decode the module: " + e.getMessage());
    }
    if (codeSize > limits.maxCodeSectionBytes()) {
      return invalid(Kind.CODE_SECTION_TOO_LARGE, "code section is " + codeSize + " bytes, the limit is "
          + limits.maxCodeSectionBytes());
    }
    return validate(module, limits);
  }

  /** Validates an already decoded module (the byte-size limits are not checked here). */
  public static IcValidationResult validate(WasmModule m, IcLimits limits) {
    List<MemoryType> memories = m.allMemories();
    if (memories.size() > 1) {
      return invalid(Kind.TOO_MANY_MEMORIES, "the module declares " + memories.size() + " memories, at most one is allowed");
    }
    boolean wasm64 = !memories.isEmpty() && memories.get(0).limits().is64();
    IcValidationError e = imports(m, wasm64);
    if (e == null) {
      e = exports(m, limits);
    }
    if (e == null) {
      e = counts(m, limits, wasm64, memories);
    }
    if (e == null) {
      e = dataSegments(m, wasm64);
    }
    if (e == null) {
      e = functionSizes(m, limits);
    }
    if (e == null) {
      try {
        WasmTypeChecker.check(m);
      } catch (WasmInvalidException invalid) {
        e = err(Kind.INVALID_WASM, "the module is not valid Wasm: " + invalid.getMessage());
      }
    }
    if (e != null) {
      return new IcValidationResult.Invalid(e);
    }
    TreeMap<String, IcpSection> icp = new TreeMap<>();
    e = customSections(m, limits, icp);
    if (e != null) {
      return new IcValidationResult.Invalid(e);
    }
    return new IcValidationResult.Valid(m, wasm64, icp);
  }

  private static IcValidationError imports(WasmModule m, boolean wasm64) {
    for (Import i : m.imports()) {
      switch (i.desc()) {
        case ImportDesc.Func f -> {
          if (!i.module().equals("ic0")) {
            return err(Kind.INVALID_IMPORT, "module imports function '" + i.name() + "' from '" + i.module()
                + "'; only 'ic0' functions may be imported");
          }
          FuncType expected = SystemApiSignatures.lookup(i.name(), wasm64);
          if (expected == null) {
            return err(Kind.INVALID_IMPORT, "module imports function 'ic0." + i.name()
                + "' that is not part of the System API for " + (wasm64 ? "wasm64" : "wasm32") + " modules");
          }
          FuncType actual = f.typeIndex() < m.types().size() ? m.types().get(f.typeIndex()) : null;
          if (!expected.equals(actual)) {
            return err(Kind.INVALID_IMPORT, "function 'ic0." + i.name() + "' is imported with type "
                + show(actual) + " but the System API type is " + show(expected));
          }
        }
        case ImportDesc.Memory mem -> {
          if (!i.module().equals("env") || !i.name().equals("memory")) {
            return err(Kind.INVALID_IMPORT, "only a memory imported as env.memory is allowed, not "
                + i.module() + "." + i.name());
          }
        }
        case ImportDesc.Table t -> {
          if (!i.module().equals("env") || !i.name().equals("table")) {
            return err(Kind.INVALID_IMPORT, "only a table imported as env.table is allowed, not "
                + i.module() + "." + i.name());
          }
        }
        case ImportDesc.Global g -> {
          return err(Kind.INVALID_IMPORT, "importing globals is not allowed (" + i.module() + "." + i.name() + ")");
        }
      }
    }
    return null;
  }

  private static IcValidationError exports(WasmModule m, IcLimits limits) {
    Set<String> methods = new HashSet<>();
    int methodCount = 0;
    long nameBytes = 0;
    for (Export x : m.exports()) {
      if (RESERVED_EXPORTS.contains(x.name())) {
        return err(Kind.INVALID_EXPORT, "exporting the reserved symbol '" + x.name() + "' is not allowed");
      }
      if (x.kind() != ExternalKind.FUNC) {
        continue;
      }
      String prefix = METHOD_PREFIXES.stream().filter(x.name()::startsWith).findFirst().orElse(null);
      if (prefix != null) {
        String method = x.name().substring(prefix.length());
        if (!methods.add(method)) {
          return err(Kind.DUPLICATE_EXPORT, "method '" + method
              + "' is exported more than once (as update, query or composite query)");
        }
        methodCount++;
        nameBytes += method.getBytes(StandardCharsets.UTF_8).length;
      } else if (x.name().startsWith("canister_") && !SYSTEM_EXPORTS.contains(x.name())) {
        return err(Kind.INVALID_EXPORT, "exporting '" + x.name() + "' is not allowed: the \"canister_\" prefix is"
            + " reserved for the system exports and \"canister_update <name>\", \"canister_query <name>\","
            + " \"canister_composite_query <name>\"");
      } else if (!x.name().startsWith("canister_")) {
        continue;
      }
      FuncType t = m.functionType(Integer.toUnsignedLong(x.index()));
      if (!UNIT.equals(t)) {
        return err(Kind.INVALID_EXPORT, "export '" + x.name() + "' has type " + show(t) + ", expected () -> ()");
      }
    }
    if (methodCount > limits.maxExportedMethods()) {
      return err(Kind.TOO_MANY_EXPORTS, "the module exports " + methodCount + " methods, the limit is "
          + limits.maxExportedMethods());
    }
    if (nameBytes > limits.maxExportedNameBytes()) {
      return err(Kind.EXPORTED_NAMES_TOO_LONG, "exported method names total " + nameBytes + " bytes, the limit is "
          + limits.maxExportedNameBytes());
    }
    return null;
  }

  private static IcValidationError counts(WasmModule m, IcLimits limits, boolean wasm64, List<MemoryType> memories) {
    if (m.functions().size() > limits.maxFunctions()) {
      return err(Kind.TOO_MANY_FUNCTIONS, "the module defines " + m.functions().size() + " functions, the limit is "
          + limits.maxFunctions());
    }
    if (m.globals().size() > limits.maxGlobals()) {
      return err(Kind.TOO_MANY_GLOBALS, "the module defines " + m.globals().size() + " globals, the limit is "
          + limits.maxGlobals());
    }
    for (Global g : m.globals()) {
      if (g.type().type().isReference()) {
        return err(Kind.INVALID_GLOBAL, "global of type " + g.type().type() + " is not supported");
      }
    }
    if (wasm64 && memories.get(0).limits().max().isPresent()) {
      long allowedPages = limits.maxWasm64MemoryBytes() / 65536;
      long declared = memories.get(0).limits().max().getAsLong();
      if (Long.compareUnsigned(declared, allowedPages) > 0) {
        return err(Kind.MEMORY_TOO_LARGE, "the 64-bit memory declares a maximum of " + Long.toUnsignedString(declared)
            + " pages, the limit is " + allowedPages);
      }
    }
    return null;
  }

  private static IcValidationError dataSegments(WasmModule m, boolean wasm64) {
    int expected = wasm64 ? Opcodes.I64_CONST : Opcodes.I32_CONST;
    for (int i = 0; i < m.data().size(); i++) {
      DataSegment d = m.data().get(i);
      if (d.mode() instanceof SegmentMode.Active a) {
        List<Instruction> off = a.offset();
        if (off.size() != 2 || off.get(0).opcode() != expected) {
          return err(Kind.INVALID_DATA_SECTION, "data segment " + i + ": the offset must be a single "
              + (wasm64 ? "i64.const" : "i32.const") + ", found " + off);
        }
      }
    }
    return null;
  }

  private static IcValidationError functionSizes(WasmModule m, IcLimits limits) {
    for (int i = 0; i < m.code().size(); i++) {
      FunctionBody b = m.code().get(i);
      if (b.code().size() > limits.maxInstructionsPerFunction()) {
        return err(Kind.FUNCTION_TOO_LARGE, "function " + (m.importedFunctionCount() + i) + " has "
            + b.code().size() + " instructions, the limit is " + limits.maxInstructionsPerFunction());
      }
      long complexity = FunctionComplexity.of(b.code());
      if (complexity > limits.maxFunctionComplexity()) {
        return err(Kind.FUNCTION_TOO_COMPLEX, "function " + (m.importedFunctionCount() + i) + " has complexity "
            + complexity + ", the limit is " + limits.maxFunctionComplexity());
      }
    }
    return null;
  }

  private static IcValidationError customSections(WasmModule m, IcLimits limits, TreeMap<String, IcpSection> out) {
    long total = 0;
    int count = 0;
    for (CustomSection c : m.customSections()) {
      String n = c.name();
      if (!n.startsWith("icp:")) {
        continue;
      }
      boolean isPublic;
      String name;
      if (n.startsWith("icp:public ")) {
        isPublic = true;
        name = n.substring("icp:public ".length());
      } else if (n.startsWith("icp:private ")) {
        isPublic = false;
        name = n.substring("icp:private ".length());
      } else if (n.equals("icp:public") || n.equals("icp:private")) {
        return err(Kind.INVALID_CUSTOM_SECTION, "'icp:' section names must have a space after the public/private scope");
      } else {
        return err(Kind.INVALID_CUSTOM_SECTION, "custom section '" + n + "' has no public/private scope");
      }
      if (out.containsKey(name)) {
        return err(Kind.INVALID_CUSTOM_SECTION, "custom section name '" + name
            + "' is declared more than once (icp:public and icp:private share one name space)");
      }
      out.put(name, new IcpSection(isPublic, c.content()));
      count++;
      total += name.getBytes(StandardCharsets.UTF_8).length + c.size();
    }
    if (count > limits.maxIcpCustomSections()) {
      return err(Kind.TOO_MANY_CUSTOM_SECTIONS, "the module has " + count + " icp: custom sections, the limit is "
          + limits.maxIcpCustomSections());
    }
    if (total > limits.maxIcpCustomSectionBytes()) {
      return err(Kind.CUSTOM_SECTIONS_TOO_LARGE, "icp: custom sections total " + total + " bytes, the limit is "
          + limits.maxIcpCustomSectionBytes());
    }
    return null;
  }

  private static String show(FuncType t) {
    if (t == null) {
      return "<no such type>";
    }
    return t.params().stream().map(v -> v.name().toLowerCase()).toList() + " -> "
        + t.results().stream().map(ValType::name).map(String::toLowerCase).toList();
  }

  private static IcValidationError err(Kind kind, String message) {
    return new IcValidationError(kind, message);
  }

  private static IcValidationResult invalid(Kind kind, String message) {
    return new IcValidationResult.Invalid(err(kind, message));
  }
}
