package dev.jic.wasm.canisters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.dylibso.chicory.wasm.Parser;
import dev.jic.wasm.binary.WasmDecoder;
import dev.jic.wasm.binary.WasmEncoder;
import dev.jic.wasm.binary.WasmModule;
import dev.jic.wasm.canisters.CanisterRunner.Result;
import java.lang.reflect.Method;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The enhanced-orthogonal-persistence (wasm64: memory64 + table64) Motoko fixtures cannot run in
 * Chicory 1.7.5, which has no memory64; they run once the memory64 lowering pass exists.
 *
 * <p>Pending, not silently skipped: while {@value #LOWERING_CLASS} does not exist the run test
 * reports itself as skipped by a failed assumption naming the missing pass. As soon as the class
 * exists the test runs for real through {@code Memory64Lowering.lower(WasmModule)} (called by
 * reflection so this file compiles today) and fails if that method is missing or the lowered
 * canister does not initialise and answer.
 */
class Wasm64CanisterTest {
  static final String LOWERING_CLASS = "dev.jic.wasm.lower.Memory64Lowering";

  @ParameterizedTest
  @EnumSource(value = CanisterFixture.class, names = {"MOTOKO_COUNTER_WASM64", "MOTOKO_KERNEL_WASM64"})
  void chicoryRejectsTheUnloweredModule(CanisterFixture f) {
    // Documents why lowering is needed; if Chicory ever accepts memory64 this fails and the
    // pending test below can be revisited.
    assertThrows(RuntimeException.class, () -> new CanisterRunner(f.wasm()));
  }

  @ParameterizedTest
  @EnumSource(value = CanisterFixture.class, names = {"MOTOKO_COUNTER_WASM64", "MOTOKO_KERNEL_WASM64"})
  void runsAfterMemory64Lowering(CanisterFixture f) throws Exception {
    Class<?> lowering = lowering();
    assumeTrue(lowering != null, "pending the memory64 lowering pass: " + LOWERING_CLASS + " does not exist yet");
    Method lower = lowering.getMethod("lower", WasmModule.class);
    WasmModule lowered = (WasmModule) lower.invoke(null, WasmDecoder.decode(f.wasm()));
    assertTrue(lowered.allMemories().stream().noneMatch(m -> m.limits().is64()), "lowered memory is 32-bit");
    byte[] bytes = WasmEncoder.encode(lowered);
    Parser.parse(bytes); // Chicory accepts it
    CanisterRunner c = new CanisterRunner(bytes);
    assertInstanceOf(Result.NoResponse.class, c.init());
    var empty = dev.jic.types.candid.Candid.encode(java.util.List.of(), java.util.List.of());
    if (f == CanisterFixture.MOTOKO_COUNTER_WASM64) {
      assertEquals(Ic0StubHost.TIME_NANOS + 60_000_000_000L, c.host.globalTimer);
      assertEquals("(1 : nat)", ((Result.Reply) c.update("inc", empty)).candid());
    } else {
      var t = dev.jic.types.candid.Candid.parseTypes("(nat64)");
      byte[] arg = dev.jic.types.candid.Candid.encode(t, dev.jic.types.candid.Candid.parseArgs("(100)", t));
      assertEquals("(4_950 : nat64)", ((Result.Reply) c.query("sumTo", arg)).candid());
    }
  }

  private static Class<?> lowering() {
    try {
      return Class.forName(LOWERING_CLASS);
    } catch (ClassNotFoundException e) {
      return null;
    }
  }
}
