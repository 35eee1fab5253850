package dev.jic.wasm.canisters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.types.hash.Sha;
import dev.jic.wasm.binary.Parts.Export;
import dev.jic.wasm.binary.Parts.ExternalKind;
import dev.jic.wasm.binary.Parts.Import;
import dev.jic.wasm.binary.Parts.ImportDesc;
import dev.jic.wasm.binary.Types.Limits;
import dev.jic.wasm.binary.WasmDecoder;
import dev.jic.wasm.binary.WasmEncoder;
import dev.jic.wasm.binary.WasmModule;
import dev.jic.wasm.instrument.InstructionCounting;
import dev.jic.wasm.validation.IcLimits;
import dev.jic.wasm.validation.IcModuleValidator;
import dev.jic.wasm.validation.IcValidationError;
import dev.jic.wasm.validation.IcValidationResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every real canister fixture goes through jic's decoder, encoder, IC validator and instruction
 * counting pass. Facts asserted per toolchain come from the fixtures themselves (checked with
 * {@code wasm-objdump -x}) and from shared/notes/CLIENTS.md.
 */
class CanisterModuleTest {

  @Test
  void fixturesMatchTheirRecordedChecksums() {
    // SHA256SUMS is written by canisters/build.sh; a mismatch means a fixture was edited by hand
    // or the build stopped being reproducible.
    String sums = new String(CanisterFixture.resource("SHA256SUMS"), StandardCharsets.UTF_8);
    int checked = 0;
    for (CanisterFixture f : CanisterFixture.values()) {
      String expected = sums.lines().filter(l -> l.endsWith("  " + f.fileStem + ".wasm")).findFirst()
          .orElseThrow(() -> new AssertionError("no checksum for " + f.fileStem)).substring(0, 64);
      assertEquals(expected, HexFormat.of().formatHex(Sha.sha256(f.wasm())), f.fileStem);
      checked++;
    }
    assertEquals(7, checked);
  }

  @ParameterizedTest
  @EnumSource(CanisterFixture.class)
  void decodesAndReencodesToTheSameModel(CanisterFixture f) throws Exception {
    byte[] bytes = f.wasm();
    WasmModule m = WasmDecoder.decode(bytes);
    byte[] again = WasmEncoder.encode(m);
    assertEquals(m, WasmDecoder.decode(again), "decode(encode(m)) == m");
    assertArrayEquals(again, WasmEncoder.encode(WasmDecoder.decode(again)), "the encoding is canonical (a fixed point)");
    assertEquals(f.wasm64, !m.allMemories().isEmpty() && m.allMemories().get(0).limits().is64(), "memory64");
    // wasm64 Motoko builds also use table64 (CLIENTS.md); wasm32 builds do not.
    for (var t : m.tables()) {
      assertEquals(f.wasm64, t.limits().is64(), "table64");
    }
  }

  @ParameterizedTest
  @EnumSource(CanisterFixture.class)
  void passesIcValidationRawGzippedAndReencoded(CanisterFixture f) throws Exception {
    byte[] bytes = f.wasm();
    IcValidationResult.Valid v = valid(IcModuleValidator.validate(bytes, IcLimits.DEFAULT), f);
    assertEquals(f.wasm64, v.wasm64());
    valid(IcModuleValidator.validate(gzip(bytes), IcLimits.DEFAULT), f);
    valid(IcModuleValidator.validate(WasmEncoder.encode(WasmDecoder.decode(bytes)), IcLimits.DEFAULT), f);
  }

  @ParameterizedTest
  @EnumSource(CanisterFixture.class)
  void importsOnlyIc0FunctionsAndExportsItsCandidMethods(CanisterFixture f) throws Exception {
    WasmModule m = WasmDecoder.decode(f.wasm());
    Set<String> imported = new TreeSet<>();
    for (Import i : m.imports()) {
      assertEquals("ic0", i.module(), i.name());
      assertInstanceOf(ImportDesc.Func.class, i.desc(), i.name());
      imported.add(i.name());
    }
    Set<String> methods = new TreeSet<>();
    Set<String> internal = new TreeSet<>();
    for (Export x : m.exports()) {
      for (String p : List.of("canister_update ", "canister_query ")) {
        if (x.name().startsWith(p)) {
          String method = x.name().substring(p.length());
          // Toolchain-internal methods: Motoko's "__motoko_*" / "@motoko_*", azle's "_azle_*",
          // ic-cdk's "<ic-cdk internal> timer_executor". None is in the .did file.
          boolean isInternal = method.startsWith("__motoko_") || method.startsWith("@motoko_")
              || method.startsWith("_azle_") || method.startsWith("<ic-cdk internal> ");
          (isInternal ? internal : methods).add(method);
        }
      }
    }
    // Every method of the .did file the toolchain emitted is exported, and no other public one.
    Set<String> didMethods = new TreeSet<>();
    f.candid().lines().map(String::strip).filter(l -> l.contains(":") && l.endsWith(";"))
        .forEach(l -> didMethods.add(l.substring(0, l.indexOf(':')).strip()));
    assertEquals(didMethods, methods, "exported methods vs " + f.fileStem + ".did");
    switch (f.toolchain) {
      case MOTOKO -> assertTrue(internal.containsAll(Set.of("__motoko_async_helper", "__motoko_gc_trigger",
          "__motoko_runtime_information")), internal::toString);
      case AZLE -> assertTrue(internal.contains("<ic-cdk internal> timer_executor"), internal::toString);
      case ASSEMBLYSCRIPT -> assertEquals(Set.of(), internal);
    }
    switch (f.toolchain) {
      case MOTOKO -> {
        // CLIENTS.md: every Motoko canister imports (at least) these 30 functions.
        assertTrue(imported.containsAll(Set.of("call_new", "call_data_append", "call_cycles_add128",
            "call_on_cleanup", "call_perform", "call_with_best_effort_response", "canister_self_size",
            "canister_self_copy", "canister_status", "is_controller", "debug_print", "trap", "msg_arg_data_size",
            "msg_arg_data_copy", "msg_caller_size", "msg_caller_copy", "msg_reply", "msg_reply_data_append",
            "msg_reject", "msg_reject_code", "msg_reject_msg_size", "msg_reject_msg_copy", "msg_cycles_refunded128",
            "performance_counter", "stable64_size", "stable64_grow", "stable64_read", "stable64_write", "time",
            "global_timer_set")), () -> "Motoko imports: " + imported);
        assertTrue(hasExport(m, "canister_init") && hasExport(m, "canister_global_timer"));
      }
      case AZLE -> assertEquals(44, imported.size(), () -> "azle imports: " + imported);
      case ASSEMBLYSCRIPT -> assertEquals(Set.of("msg_arg_data_size", "msg_arg_data_copy", "msg_reply_data_append",
          "msg_reply", "debug_print", "trap"), imported);
    }
  }

  @Test
  void azleInternalExportsAreAccepted() throws Exception {
    // CLIENTS.md: azle canisters export 57 functions without the canister_ prefix (its WASI
    // shims "__ic_custom_*", "init", "execute_method_js", ...) and the ic-cdk timer entry point
    // "canister_update <ic-cdk internal> timer_executor"; the IC accepts both.
    WasmModule m = WasmDecoder.decode(CanisterFixture.AZLE_LEDGER.wasm());
    List<String> plain = m.exports().stream()
        .filter(x -> x.kind() == ExternalKind.FUNC && !x.name().startsWith("canister_")).map(Export::name).toList();
    assertEquals(57, plain.size(), plain::toString);
    assertTrue(plain.contains("execute_method_js") && plain.contains("__ic_custom_fd_write"), plain::toString);
    assertTrue(hasExport(m, "canister_update <ic-cdk internal> timer_executor"));
    assertInstanceOf(IcValidationResult.Valid.class, IcModuleValidator.validate(m, IcLimits.DEFAULT));

    // The same module with the timer entry point also exported as a query must be rejected:
    // method names are one name space across update/query (IC-INTERFACE-DIGEST §5.1).
    List<Export> exports = new ArrayList<>(m.exports());
    Export timer = exports.stream().filter(x -> x.name().contains("timer_executor")).findFirst().orElseThrow();
    exports.add(new Export("canister_query <ic-cdk internal> timer_executor", ExternalKind.FUNC, timer.index()));
    var dup = IcModuleValidator.validate(withExports(m, exports), IcLimits.DEFAULT);
    assertEquals(IcValidationError.Kind.DUPLICATE_EXPORT,
        assertInstanceOf(IcValidationResult.Invalid.class, dup).error().kind());
  }

  @Test
  void motokoWasm64ImportsUseI64Pointers() throws Exception {
    // In wasm64 builds every pointer and size of the System API is i64 (CLIENTS.md); the
    // validator checks each against the wasm64 signature table, so the wasm32 build's
    // signatures must be rejected in a 64-bit module and vice versa.
    WasmModule m64 = WasmDecoder.decode(CanisterFixture.MOTOKO_COUNTER_WASM64.wasm());
    WasmModule m32 = WasmDecoder.decode(CanisterFixture.MOTOKO_COUNTER_WASM32.wasm());
    var debug64 = m64.functionType(importIndex(m64, "debug_print"));
    var debug32 = m32.functionType(importIndex(m32, "debug_print"));
    assertEquals("[I64, I64] -> []", debug64.params() + " -> " + debug64.results());
    assertEquals("[I32, I32] -> []", debug32.params() + " -> " + debug32.results());
    // Swap the memory: a 32-bit memory with i64 ic0 signatures is invalid.
    var mem = m64.memories().get(0);
    var narrowed = new WasmModule(m64.types(), m64.imports(), m64.functions(), m64.tables(),
        List.of(new dev.jic.wasm.binary.Types.MemoryType(new Limits(mem.limits().min(), mem.limits().max(), false))),
        m64.globals(), m64.exports(), m64.start(), m64.elements(), m64.dataCount(), m64.code(), m64.data(),
        m64.customSections());
    var r = IcModuleValidator.validate(narrowed, IcLimits.DEFAULT);
    assertEquals(IcValidationError.Kind.INVALID_IMPORT,
        assertInstanceOf(IcValidationResult.Invalid.class, r).error().kind());
  }

  @ParameterizedTest
  @EnumSource(CanisterFixture.class)
  void instructionCountingRewritesEveryFixture(CanisterFixture f) throws Exception {
    WasmModule m = WasmDecoder.decode(f.wasm());
    var counted = InstructionCounting.instrument(m, 1_000_000);
    WasmModule back = WasmDecoder.decode(WasmEncoder.encode(counted.module()));
    assertEquals(counted.module(), back);
    assertEquals(m.globals().size() + 1, back.globals().size());
    assertEquals(m.imports(), back.imports(), "instrumentation keeps the imports");
    // The counter export is reserved, so an instrumented module is not installable as is.
    var r = IcModuleValidator.validate(back, IcLimits.DEFAULT);
    assertEquals(IcValidationError.Kind.INVALID_EXPORT,
        assertInstanceOf(IcValidationResult.Invalid.class, r).error().kind());
  }

  private static long importIndex(WasmModule m, String name) {
    for (int i = 0; i < m.imports().size(); i++) {
      if (m.imports().get(i).name().equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no import " + name);
  }

  private static boolean hasExport(WasmModule m, String name) {
    return m.exports().stream().anyMatch(x -> x.name().equals(name));
  }

  private static WasmModule withExports(WasmModule m, List<Export> exports) {
    return new WasmModule(m.types(), m.imports(), m.functions(), m.tables(), m.memories(), m.globals(), exports,
        m.start(), m.elements(), m.dataCount(), m.code(), m.data(), m.customSections());
  }

  private static IcValidationResult.Valid valid(IcValidationResult r, CanisterFixture f) {
    if (r instanceof IcValidationResult.Invalid(IcValidationError e)) {
      throw new AssertionError(f.fileStem + " rejected: " + e.kind() + ": " + e.message());
    }
    return (IcValidationResult.Valid) r;
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(bytes);
    }
    return out.toByteArray();
  }
}
