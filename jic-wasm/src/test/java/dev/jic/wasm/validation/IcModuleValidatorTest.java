package dev.jic.wasm.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.wasm.binary.Imm;
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
import dev.jic.wasm.binary.Types.GlobalType;
import dev.jic.wasm.binary.Types.Limits;
import dev.jic.wasm.binary.Types.MemoryType;
import dev.jic.wasm.binary.ValType;
import dev.jic.wasm.binary.WasmEncoder;
import dev.jic.wasm.binary.WasmModule;
import dev.jic.wasm.validation.IcValidationError.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class IcModuleValidatorTest {
  private static final FuncType UNIT = new FuncType(List.of(), List.of());
  private static final FuncType TO_I32 = new FuncType(List.of(), List.of(ValType.I32));
  private static final FuncType TO_I64 = new FuncType(List.of(), List.of(ValType.I64));
  private static final FuncType I32_TO_UNIT = new FuncType(List.of(ValType.I32), List.of());
  private static final List<Instruction> BODY = List.of(Instruction.of(Opcodes.END));

  /** A small mutable description of a module, turned into a model and then into bytes. */
  private static final class B {
    List<FuncType> types = new ArrayList<>(List.of(UNIT, TO_I32, TO_I64, I32_TO_UNIT));
    List<Import> imports = new ArrayList<>();
    List<Integer> functions = new ArrayList<>();
    List<MemoryType> memories = new ArrayList<>(List.of(mem32()));
    List<Global> globals = new ArrayList<>();
    List<Export> exports = new ArrayList<>();
    List<DataSegment> data = new ArrayList<>();
    List<CustomSection> customs = new ArrayList<>();

    B ic0(String name, int type) {
      imports.add(new Import("ic0", name, new ImportDesc.Func(type)));
      return this;
    }

    /** Defines a function of type {@code type} and exports it as {@code name}. */
    B export(String name, int type) {
      functions.add(type);
      int index = imports.size() + functions.size() - 1; // only function imports in these tests
      exports.add(new Export(name, ExternalKind.FUNC, index));
      return this;
    }

    WasmModule module() {
      // Each body returns zeros of its result types, so the module is valid Wasm (type-checked too).
      List<FunctionBody> code = functions.stream().map(t -> new FunctionBody(List.of(), body(types.get(t)))).toList();
      return new WasmModule(types, imports, functions, List.of(), memories, globals, exports, OptionalInt.empty(),
          List.of(), OptionalLong.empty(), code, data, customs);
    }

    IcValidationResult validate() {
      return IcModuleValidator.validate(WasmEncoder.encode(module()), IcLimits.DEFAULT);
    }
  }

  private static List<Instruction> body(FuncType t) {
    List<Instruction> out = new ArrayList<>();
    for (ValType r : t.results()) {
      out.add(switch (r) {
        case I32 -> new Instruction(Opcodes.I32_CONST, new dev.jic.wasm.binary.Imm.I32(0));
        case I64 -> new Instruction(Opcodes.I64_CONST, new dev.jic.wasm.binary.Imm.I64(0));
        default -> throw new IllegalArgumentException("test bodies only return integers");
      });
    }
    out.addAll(BODY);
    return out;
  }

  private static MemoryType mem32() {
    return new MemoryType(new Limits(1, OptionalLong.empty(), false));
  }

  private static MemoryType mem64(OptionalLong max) {
    return new MemoryType(new Limits(1, max, true));
  }

  private static void assertRejected(Kind kind, IcValidationResult r) {
    IcValidationResult.Invalid inv = assertInstanceOf(IcValidationResult.Invalid.class, r, () -> "expected " + kind);
    assertEquals(kind, inv.error().kind(), inv.error().message());
    assertFalse(inv.error().message().isBlank());
  }

  private static IcValidationResult.Valid assertValid(IcValidationResult r) {
    return assertInstanceOf(IcValidationResult.Valid.class, r, r::toString);
  }

  @Test
  void typicalCanisterIsAccepted() {
    B b = new B().ic0("msg_reply", 0).ic0("msg_arg_data_size", 1)
        .export("canister_init", 0)
        .export("canister_update go", 0)
        .export("canister_query get stuff <with spaces>", 0) // azle-style names
        .export("canister_composite_query cq", 0)
        .export("helper", 3); // non-canister exports may have any type
    b.customs.add(new CustomSection("icp:public candid:service", "service : {}".getBytes(StandardCharsets.UTF_8), 0));
    b.customs.add(new CustomSection("icp:private enhanced-orthogonal-persistence", new byte[0], 0));
    b.customs.add(new CustomSection("name", new byte[] {1, 2}, 0));
    IcValidationResult.Valid v = assertValid(b.validate());
    assertFalse(v.wasm64());
    assertTrue(v.icpSections().get("candid:service").isPublic());
    assertArrayEquals("service : {}".getBytes(StandardCharsets.UTF_8), v.icpSections().get("candid:service").content());
    assertFalse(v.icpSections().get("enhanced-orthogonal-persistence").isPublic());
    assertEquals(2, v.icpSections().size());
  }

  @Test
  void gzipCompressedModuleIsAccepted() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(WasmEncoder.encode(new B().export("canister_update go", 0).module()));
    }
    assertValid(IcModuleValidator.validate(out.toByteArray(), IcLimits.DEFAULT));
  }

  @Test
  void importsMustBeIc0WithTheExactSignatureForThePointerWidth() {
    assertRejected(Kind.INVALID_IMPORT, new B().ic0("no_such_call", 0).validate());
    assertRejected(Kind.INVALID_IMPORT, new B().ic0("msg_arg_data_size", 2).validate()); // i64 in wasm32
    B env = new B();
    env.imports.add(new Import("env", "msg_reply", new ImportDesc.Func(0)));
    assertRejected(Kind.INVALID_IMPORT, env.validate());
    B global = new B();
    global.imports.add(new Import("ic0", "g", new ImportDesc.Global(new GlobalType(ValType.I32, false))));
    assertRejected(Kind.INVALID_IMPORT, global.validate());

    B w64 = new B().ic0("msg_arg_data_size", 2).ic0("stable64_size", 2);
    w64.memories = List.of(mem64(OptionalLong.empty()));
    assertTrue(assertValid(w64.validate()).wasm64());
    B w64wrong = new B().ic0("msg_arg_data_size", 1);
    w64wrong.memories = List.of(mem64(OptionalLong.empty()));
    assertRejected(Kind.INVALID_IMPORT, w64wrong.validate());
    B w64deprecated = new B().ic0("stable_size", 1); // the 32-bit stable API exists only for wasm32
    w64deprecated.memories = List.of(mem64(OptionalLong.empty()));
    assertRejected(Kind.INVALID_IMPORT, w64deprecated.validate());
    assertValid(new B().ic0("stable_size", 1).validate());
    // No memory: the pointer width defaults to i32.
    B none = new B().ic0("msg_arg_data_size", 1);
    none.memories = List.of();
    assertValid(none.validate());
  }

  @Test
  void exportNameRules() {
    assertRejected(Kind.INVALID_EXPORT, new B().export("canister_update", 0).validate());
    assertRejected(Kind.INVALID_EXPORT, new B().export("canister_something", 0).validate());
    assertRejected(Kind.INVALID_EXPORT, new B().export("canister_start", 0).validate()); // reserved
    assertRejected(Kind.INVALID_EXPORT, new B().export("canister_update f", 3).validate()); // not () -> ()
    assertRejected(Kind.INVALID_EXPORT, new B().export("canister_init", 1).validate());
    assertRejected(Kind.DUPLICATE_EXPORT,
        new B().export("canister_update f", 0).export("canister_query f", 0).validate());
    assertRejected(Kind.DUPLICATE_EXPORT,
        new B().export("canister_query f", 0).export("canister_composite_query f", 0).validate());
    assertValid(new B().export("canister_update f", 0).export("canister_query g", 0).export("other", 1).validate());
  }

  @Test
  void exportCountAndNameLengthLimits() {
    B many = new B();
    for (int i = 0; i <= 1000; i++) {
      many.export("canister_update m" + i, 0);
    }
    assertRejected(Kind.TOO_MANY_EXPORTS, many.validate());
    B longNames = new B();
    for (int i = 0; i < 21; i++) {
      longNames.export("canister_query " + i + "x".repeat(1000), 0);
    }
    assertRejected(Kind.EXPORTED_NAMES_TOO_LONG, longNames.validate());
    B atLimit = new B();
    for (int i = 0; i < 20; i++) { // 20 names of exactly 1000 bytes = 20,000: allowed
      atLimit.export("canister_query " + (char) ('a' + i) + "x".repeat(999), 0);
    }
    assertValid(atLimit.validate());
  }

  @Test
  void functionGlobalAndMemoryLimits() {
    B fns = new B();
    fns.functions.addAll(Collections.nCopies(50_001, 0));
    assertRejected(Kind.TOO_MANY_FUNCTIONS, fns.validate());
    B globals = new B();
    Global g = new Global(new GlobalType(ValType.I32, true),
        List.of(new Instruction(Opcodes.I32_CONST, new Imm.I32(0)), Instruction.of(Opcodes.END)));
    globals.globals.addAll(Collections.nCopies(1001, g));
    assertRejected(Kind.TOO_MANY_GLOBALS, globals.validate());
    globals.globals = new ArrayList<>(Collections.nCopies(1000, g));
    assertValid(globals.validate());
    B two = new B();
    two.memories = List.of(mem32(), mem32());
    assertRejected(Kind.TOO_MANY_MEMORIES, two.validate());
    B big64 = new B();
    big64.memories = List.of(mem64(OptionalLong.of(6L * 16384 + 1))); // 6 GiB = 98,304 pages
    assertRejected(Kind.MEMORY_TOO_LARGE, big64.validate());
    big64.memories = List.of(mem64(OptionalLong.of(6L * 16384)));
    assertValid(big64.validate());
  }

  @Test
  void dataSegmentOffsetsMustBeConstantsOfThePointerWidth() {
    B b = new B();
    b.data.add(new DataSegment(new SegmentMode.Active(0,
        List.of(new Instruction(Opcodes.GLOBAL_GET, new Imm.Index(0)), Instruction.of(Opcodes.END))), new byte[4]));
    assertRejected(Kind.INVALID_DATA_SECTION, b.validate());
    B ok = new B();
    ok.data.add(new DataSegment(new SegmentMode.Active(0,
        List.of(new Instruction(Opcodes.I32_CONST, new Imm.I32(16)), Instruction.of(Opcodes.END))), new byte[4]));
    ok.data.add(new DataSegment(new SegmentMode.Passive(), new byte[4]));
    assertValid(ok.validate());
  }

  @Test
  void icpCustomSectionRules() {
    B both = new B();
    both.customs.add(new CustomSection("icp:public x", new byte[1], 0));
    both.customs.add(new CustomSection("icp:private x", new byte[1], 0));
    assertRejected(Kind.INVALID_CUSTOM_SECTION, both.validate());
    for (String bad : List.of("icp:public", "icp:private", "icp:protected x", "icp:")) {
      B b = new B();
      b.customs.add(new CustomSection(bad, new byte[0], 0));
      assertRejected(Kind.INVALID_CUSTOM_SECTION, b.validate());
    }
    B many = new B();
    for (int i = 0; i < 17; i++) {
      many.customs.add(new CustomSection("icp:public s" + i, new byte[0], 0));
    }
    assertRejected(Kind.TOO_MANY_CUSTOM_SECTIONS, many.validate());
    B big = new B();
    big.customs.add(new CustomSection("icp:private blob", new byte[1024 * 1024], 0));
    assertRejected(Kind.CUSTOM_SECTIONS_TOO_LARGE, big.validate());
    B empty = new B();
    empty.customs.add(new CustomSection("icp:public ", new byte[0], 0)); // an empty name is allowed
    assertValid(empty.validate());
  }

  @net.jqwik.api.Property(tries = 300)
  void neverThrowsOnMutatedModules(@net.jqwik.api.ForAll long seed) {
    byte[] b = WasmEncoder.encode(new B().ic0("msg_reply", 0).export("canister_update go", 0).export("x", 1).module());
    java.util.Random r = new java.util.Random(seed);
    for (int i = 0; i < 1 + r.nextInt(3); i++) {
      b[r.nextInt(b.length)] = (byte) r.nextInt(256);
    }
    IcValidationResult result = IcModuleValidator.validate(b, IcLimits.DEFAULT); // a value, never an exception
    if (result instanceof IcValidationResult.Invalid inv) {
      assertFalse(inv.error().message().isBlank());
    }
  }

  @Test
  void sizeLimitsAndMalformedBytes() {
    byte[] bytes = WasmEncoder.encode(new B().export("canister_update go", 0).module());
    IcLimits tight = new IcLimits(bytes.length - 1, 10L << 20, 1_000_000, 50_000, 1000, 1000, 20_000, 16, 1 << 20, 6L << 30);
    assertRejected(Kind.MODULE_TOO_LARGE, IcModuleValidator.validate(bytes, tight));
    IcLimits tinyCode = new IcLimits(100L << 20, 3, 1_000_000, 50_000, 1000, 1000, 20_000, 16, 1 << 20, 6L << 30);
    assertRejected(Kind.CODE_SECTION_TOO_LARGE, IcModuleValidator.validate(bytes, tinyCode));
    IcLimits oneInstr = new IcLimits(100L << 20, 10L << 20, 0, 50_000, 1000, 1000, 20_000, 16, 1 << 20, 6L << 30);
    assertRejected(Kind.FUNCTION_TOO_LARGE, IcModuleValidator.validate(bytes, oneInstr));
    assertRejected(Kind.MALFORMED, IcModuleValidator.validate(new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0}, IcLimits.DEFAULT));
    assertRejected(Kind.MALFORMED, IcModuleValidator.validate(new byte[] {0x1f, (byte) 0x8b, 8, 0}, IcLimits.DEFAULT));
  }

  @Test
  void typeErrorsAreRejectedAsInvalidWasm() {
    B b = new B().export("canister_update go", 0);
    WasmModule ok = b.module();
    // () -> () body that leaves an i32 on the stack: well-formed, not valid
    WasmModule bad = new WasmModule(ok.types(), ok.imports(), ok.functions(), ok.tables(), ok.memories(), ok.globals(),
        ok.exports(), ok.start(), ok.elements(), ok.dataCount(),
        List.of(new FunctionBody(List.of(), List.of(new Instruction(Opcodes.I32_CONST, new dev.jic.wasm.binary.Imm.I32(1)),
            Instruction.of(Opcodes.END)))), ok.data(), ok.customSections());
    assertValid(IcModuleValidator.validate(ok, IcLimits.DEFAULT));
    assertRejected(Kind.INVALID_WASM, IcModuleValidator.validate(WasmEncoder.encode(bad), IcLimits.DEFAULT));
  }

  @Test
  void functionComplexityIsWeightedAndLimited() {
    // Hand-computed with the IC weights: loop 50, i32.const 1, i32.load 3, br_if 50, end 1, end 1 = 106.
    List<Instruction> code = List.of(
        new Instruction(Opcodes.LOOP, new dev.jic.wasm.binary.Imm.Block(new dev.jic.wasm.binary.BlockType.Empty())),
        new Instruction(Opcodes.I32_CONST, new dev.jic.wasm.binary.Imm.I32(0)),
        new Instruction(0x28, new dev.jic.wasm.binary.Imm.MemArg(2, 0)),
        new Instruction(Opcodes.BR_IF, new dev.jic.wasm.binary.Imm.Index(0)),
        Instruction.of(Opcodes.END), Instruction.of(Opcodes.END));
    assertEquals(106, FunctionComplexity.of(code));
    assertEquals(3, FunctionComplexity.weight(0xFC000B), "memory.fill");
    assertEquals(1, FunctionComplexity.weight(0xFD000C), "SIMD: default weight");
    B b = new B().export("canister_update go", 0);
    WasmModule ok = b.module();
    WasmModule loop = new WasmModule(ok.types(), ok.imports(), ok.functions(), ok.tables(), ok.memories(), ok.globals(),
        ok.exports(), ok.start(), ok.elements(), ok.dataCount(), List.of(new FunctionBody(List.of(), code)), ok.data(),
        ok.customSections());
    IcLimits at106 = new IcLimits(100L << 20, 10L << 20, 1_000_000, 50_000, 1000, 1000, 20_000, 16, 1 << 20, 6L << 30, 106);
    IcLimits at105 = new IcLimits(100L << 20, 10L << 20, 1_000_000, 50_000, 1000, 1000, 20_000, 16, 1 << 20, 6L << 30, 105);
    assertValid(IcModuleValidator.validate(loop, at106));
    assertRejected(Kind.FUNCTION_TOO_COMPLEX, IcModuleValidator.validate(loop, at105));
  }
}
