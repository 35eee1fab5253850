package dev.jic.wasm.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import dev.jic.wasm.binary.Parts.ImportDesc;
import dev.jic.wasm.binary.WasmDecoder;
import dev.jic.wasm.binary.WasmEncoder;
import dev.jic.wasm.binary.WasmModule;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real Motoko enhanced-orthogonal-persistence modules (wasm64: memory64 + table64, built by
 * another helper under {@code src/test/resources/canisters/}) lowered and instantiated under
 * Chicory's compiler with a stub host whose every ic0 function stops execution: instantiation
 * (data/element segments at i64 offsets, the start function, whose ic0 calls get zeros) must
 * succeed and {@code canister_init} must run until its first System API call without a Wasm trap.
 */
class MotokoWasm64LoweringTest {
  /** Thrown by the stub host: execution reached an ic0 call. */
  static final class Ic0Reached extends RuntimeException {
    final String name;
    final long[] args;

    Ic0Reached(String name, long[] args) {
      super("ic0." + name, null, false, false);
      this.name = name;
      this.args = args;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"motoko-counter-wasm64", "motoko-kernel-wasm64"})
  void canisterInitRunsUntilItsFirstIc0Call(String fixture) throws Exception {
    WasmModule m = WasmDecoder.decode(resource("/canisters/" + fixture + ".wasm"));
    assertTrue(m.allMemories().get(0).limits().is64(), "the fixture is wasm64");
    assertTrue(Memory64Lowering.allTables(m).stream().anyMatch(t -> t.limits().is64()), "the fixture uses table64");
    WasmModule low = Memory64Lowering.lower(m);
    assertFalse(Memory64Lowering.needsLowering(low));
    dev.jic.wasm.typecheck.WasmTypeChecker.check(m);
    dev.jic.wasm.typecheck.WasmTypeChecker.check(low); // the output is valid for jic's validator too
    assertEquals(m.imports().stream().filter(i -> i.desc() instanceof ImportDesc.Func).toList(),
        low.imports().stream().filter(i -> i.desc() instanceof ImportDesc.Func).toList(), "ic0 imports unchanged");
    byte[] bytes = WasmEncoder.encode(low);
    assertEquals(low, WasmDecoder.decode(bytes));

    var parsed = Parser.parse(bytes);
    List<HostFunction> stubs = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    boolean[] armed = {false};
    for (var imp : parsed.importSection().stream().toList()) {
      if (imp instanceof FunctionImport f) {
        FunctionType t = parsed.typeSection().getType(f.typeIndex());
        stubs.add(new HostFunction(f.module(), f.name(), t, (inst, args) -> {
          seen.add(f.name());
          if (armed[0]) {
            throw new Ic0Reached(f.name(), args.clone());
          }
          return new long[t.returns().size()]; // during instantiation (start function): zeros
        }));
      }
    }
    Instance inst = Instance.builder(parsed)
        .withImportValues(ImportValues.builder().addFunction(stubs.toArray(HostFunction[]::new)).build())
        .withMachineFactory(MachineFactoryCompiler.compile(parsed))
        .build();
    List<String> duringStart = List.copyOf(seen);
    seen.clear();
    armed[0] = true;
    assertNotNull(inst.export("canister_init"));
    Ic0Reached first = assertThrows(Ic0Reached.class, () -> inst.export("canister_init").apply());
    assertEquals(List.of(first.name), seen);
    System.out.println(fixture + ": start called " + duringStart + "; canister_init reached ic0." + first.name
        + " with " + first.args.length
        + " args; lowered " + bytes.length + " bytes (original " + WasmEncoder.encode(m).length + ")");
  }

  private static byte[] resource(String path) throws IOException {
    try (InputStream in = MotokoWasm64LoweringTest.class.getResourceAsStream(path)) {
      assertNotNull(in, "missing fixture " + path);
      return in.readAllBytes();
    }
  }
}
