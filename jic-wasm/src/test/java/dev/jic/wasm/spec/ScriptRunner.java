package dev.jic.wasm.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Store;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.Value;
import dev.jic.wasm.binary.WasmDecoder;
import dev.jic.wasm.binary.WasmEncoder;
import dev.jic.wasm.binary.WasmMalformedException;
import dev.jic.wasm.binary.WasmModule;
import dev.jic.wasm.instrument.InstructionCounting;
import dev.jic.wasm.instrument.NanCanonicalization;
import dev.jic.wasm.instrument.StackLimit;
import dev.jic.wasm.typecheck.WasmInvalidException;
import dev.jic.wasm.typecheck.WasmTypeChecker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one converted .wast script's commands in order. Decoding checks use jic's decoder and
 * encoder; execution instantiates the module RE-ENCODED by jic with Chicory's compiler
 * ({@code MachineFactoryCompiler.compile} once per module), so every passing execution test also
 * proves the encoder.
 */
final class ScriptRunner {
  private final SpecFiles.Script script;
  private final Store store = SpecHost.newStore();
  private final Map<String, Instance> named = new HashMap<>();
  private Instance current;
  private boolean currentFailed;
  private int anon;
  /** Metered mode: modules are instrumented and also run by Chicory's interpreter, which must agree. */
  private final boolean metered;
  private final Store interpStore = SpecHost.newStore();
  private final Map<Instance, Instance> interpreted = new HashMap<>();

  ScriptRunner(SpecFiles.Script script) {
    this(script, false);
  }

  ScriptRunner(SpecFiles.Script script, boolean metered) {
    this.script = script;
    this.metered = metered;
  }

  /** Decodes with jic, checks the round trip, and returns the re-encoded bytes. */
  byte[] decodeAndRoundTrip(String file) {
    byte[] original = script.file(file);
    try {
      WasmModule m = WasmDecoder.decode(original);
      byte[] encoded = WasmEncoder.encode(m);
      assertEquals(m, WasmDecoder.decode(encoded), "decode(encode(decode(b))) == decode(b)");
      return encoded;
    } catch (WasmMalformedException e) {
      throw new AssertionError("jic's decoder rejected a well-formed module: " + e.getMessage(), e);
    }
  }

  /** The module decodes (it is well-formed) and jic's type checker accepts it. */
  void assertValid(String file) {
    try {
      WasmTypeChecker.check(WasmDecoder.decode(script.file(file)));
    } catch (WasmMalformedException e) {
      throw new AssertionError("jic's decoder rejected a well-formed module: " + e.getMessage(), e);
    } catch (WasmInvalidException e) {
      throw new AssertionError("jic's type checker rejected a valid module: " + e.getMessage(), e);
    }
  }

  /** The module decodes (it is well-formed) but jic's type checker rejects it, ideally for {@code reason}. */
  void assertInvalid(String file, String reason) {
    WasmModule m;
    try {
      m = WasmDecoder.decode(script.file(file));
    } catch (WasmMalformedException e) {
      throw new AssertionError("jic's decoder rejected a well-formed (but invalid) module: " + e.getMessage(), e);
    }
    try {
      WasmTypeChecker.check(m);
    } catch (WasmInvalidException expected) {
      // The spec category "invalid". The reason text is informative only (the spec does not pin it).
      return;
    }
    fail("jic's type checker accepted an invalid module (expected: " + reason + ")");
  }

  void assertMalformed(String file) {
    try {
      WasmModule m = WasmDecoder.decode(script.file(file));
      fail("jic's decoder accepted a malformed module: " + m.toString().substring(0, Math.min(300, m.toString().length())));
    } catch (WasmMalformedException expected) {
      // the spec category "malformed"
    }
  }

  /** Instantiates the re-encoded module through Chicory's compiler and makes it current. */
  void instantiate(Map<String, Object> command) {
    currentFailed = true;
    byte[] bytes = decodeAndRoundTrip((String) command.get("filename"));
    Instance inst = build(bytes, (String) command.get("name"));
    current = inst;
    currentFailed = false;
    if (command.get("name") != null) {
      named.put((String) command.get("name"), inst);
    }
  }

  private Instance build(byte[] bytes, String name) {
    try {
      WasmModule m = WasmDecoder.decode(bytes);
      // jic never runs a module without NaN canonicalisation; metered runs add counting and the
      // deterministic stack limit, then the engine's loop-header spill (LoopStackSpill).
      bytes = WasmEncoder.encode(metered
          ? dev.jic.wasm.instrument.LoopStackSpill.apply(
              InstructionCounting.instrument(m, BUDGET, InstructionCounting.Options.DETERMINISTIC).module())
          : NanCanonicalization.apply(m));
    } catch (WasmMalformedException e) {
      throw new AssertionError(e);
    }
    var module = Parser.parse(bytes);
    var factory = MachineFactoryCompiler.compile(module);
    String storeName = name != null ? name : "$anonymous" + anon++;
    Instance compiled = store.instantiate(storeName, imports ->
        Instance.builder(module).withImportValues(imports).withMachineFactory(factory).build());
    if (metered) {
      Instance interp = interpStore.instantiate(storeName, imports ->
          Instance.builder(module).withImportValues(imports).build());
      assertEquals(counter(compiled), counter(interp), "start function instruction count");
      interpreted.put(compiled, interp);
    }
    return compiled;
  }

  static final long BUDGET = Long.MAX_VALUE / 2;

  private static long depth(Instance i) {
    return i.exports().global(StackLimit.DEPTH_EXPORT).getValue();
  }

  private static long counter(Instance i) {
    return i.exports().global(InstructionCounting.COUNTER_EXPORT).getValue();
  }

  /** An instantiation that must fail (unlinkable or uninstantiable). */
  void instantiateFails(Map<String, Object> command) {
    byte[] bytes = decodeAndRoundTrip((String) command.get("filename"));
    try {
      build(bytes, null);
    } catch (ChicoryException | StackOverflowError expected) {
      return;
    }
    fail("instantiation succeeded but the script expects " + command.get("type"));
  }

  void register(Map<String, Object> command) {
    Instance inst = instance((String) command.get("name"));
    store.register((String) command.get("as"), inst);
    if (metered) {
      interpStore.register((String) command.get("as"), interpreted.get(inst));
    }
  }

  private Instance instance(String name) {
    if (name == null) {
      if (currentFailed) {
        fail("the module this command uses failed to instantiate");
      }
      assertNotNull(current, "no module instantiated yet");
      return current;
    }
    Instance i = named.get(name);
    assertNotNull(i, "no module named " + name);
    return i;
  }

  @SuppressWarnings("unchecked")
  long[] act(Map<String, Object> action) {
    Instance inst = instance((String) action.get("module"));
    String field = (String) action.get("field");
    if ("get".equals(action.get("type"))) {
      return new long[] {inst.exports().global(field).getValue()};
    }
    List<Map<String, Object>> args = (List<Map<String, Object>>) action.get("args");
    long[] a = new long[args.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = value(args.get(i));
    }
    ExportFunction f = inst.export(field);
    if (!metered) {
      return f.apply(a);
    }
    Instance interp = interpreted.get(inst);
    // Each invocation starts from the same budget and an empty stack on both engines.
    for (Instance i : List.of(inst, interp)) {
      i.exports().global(InstructionCounting.COUNTER_EXPORT).setValue(BUDGET);
      i.exports().global(StackLimit.DEPTH_EXPORT).setValue(0);
    }
    long[] got;
    try {
      got = f.apply(a);
    } catch (ChicoryException | StackOverflowError e) {
      try {
        interp.export(field).apply(a);
      } catch (ChicoryException | StackOverflowError expected) {
        // With the deterministic stack limit every trap, stack exhaustion included, is at a fixed point.
        assertEquals(counter(inst), counter(interp), "instruction counter after a trap");
        assertEquals(depth(inst), depth(interp), "stack depth after a trap");
        throw e;
      }
      throw new AssertionError("the compiler trapped but the interpreter did not", e);
    }
    long[] other = interp.export(field).apply(a);
    var results = inst.exportType(field).returns();
    for (int i = 0; i < results.size(); i++) {
      String t = results.get(i).toString().toLowerCase();
      long x = got[i];
      long y = other[i];
      switch (t) {
        case "i32" -> assertEquals((int) x, (int) y, "i32 result " + i + ": compiler vs interpreter");
        // NaN canonicalisation makes float results bit-identical, NaNs included.
        case "f32" -> assertEquals((int) x, (int) y, "f32 result bits " + i + ": compiler vs interpreter");
        default -> assertEquals(x, y, t + " result " + i + ": compiler vs interpreter");
      }
    }
    assertEquals(counter(inst), counter(interp), "instruction counter: compiler vs interpreter");
    return got;
  }

  @SuppressWarnings("unchecked")
  void assertReturn(Map<String, Object> command) {
    long[] got = act((Map<String, Object>) command.get("action"));
    List<Map<String, Object>> expected = (List<Map<String, Object>>) command.get("expected");
    int n = got == null ? 0 : got.length;
    assertEquals(expected.size(), n, "number of results");
    for (int i = 0; i < n; i++) {
      check(expected.get(i), got[i]);
    }
  }

  @SuppressWarnings("unchecked")
  void assertTrap(Map<String, Object> command) {
    try {
      act((Map<String, Object>) command.get("action"));
    } catch (ChicoryException expected) {
      return;
    }
    fail("expected a trap: " + command.get("text"));
  }

  @SuppressWarnings("unchecked")
  void assertExhaustion(Map<String, Object> command) {
    Map<String, Object> action = (Map<String, Object>) command.get("action");
    try {
      act(action);
    } catch (ChicoryException expected) {
      if (metered) { // the deterministic limit, not the JVM's stack, must have stopped it
        long d = depth(instance((String) action.get("module")));
        org.junit.jupiter.api.Assertions.assertTrue(d > StackLimit.DEFAULT_LIMIT, "trapped at stack depth " + d);
      }
      return;
    } catch (StackOverflowError expected) {
      if (metered) {
        fail("the JVM stack overflowed before the deterministic stack limit");
      }
      return;
    }
    fail("expected call stack exhaustion");
  }

  private static long value(Map<String, Object> v) {
    String type = (String) v.get("type");
    String s = (String) v.get("value");
    return switch (type) {
      case "i32", "f32" -> (int) Long.parseUnsignedLong(s);
      case "i64", "f64" -> Long.parseUnsignedLong(s);
      case "externref", "funcref" -> "null".equals(s) ? Value.REF_NULL_VALUE : Long.parseLong(s);
      default -> throw new UnsupportedOperationException("value type " + type);
    };
  }

  private static void check(Map<String, Object> e, long got) {
    String type = (String) e.get("type");
    String s = (String) e.get("value");
    switch (type) {
      case "f32" -> {
        int bits = (int) got;
        if ("nan:canonical".equals(s)) {
          assertEquals(0x7fc00000, bits & 0x7fffffff, "canonical f32 NaN, got 0x" + Integer.toHexString(bits));
        } else if ("nan:arithmetic".equals(s)) {
          assertEquals(0x7fc00000, bits & 0x7fc00000, "arithmetic f32 NaN, got 0x" + Integer.toHexString(bits));
        } else {
          assertEquals((int) Long.parseUnsignedLong(s), bits, "f32 bits");
        }
      }
      case "f64" -> {
        if ("nan:canonical".equals(s)) {
          assertEquals(0x7ff8000000000000L, got & 0x7fffffffffffffffL, "canonical f64 NaN, got 0x" + Long.toHexString(got));
        } else if ("nan:arithmetic".equals(s)) {
          assertEquals(0x7ff8000000000000L, got & 0x7ff8000000000000L, "arithmetic f64 NaN, got 0x" + Long.toHexString(got));
        } else {
          assertEquals(Long.parseUnsignedLong(s), got, "f64 bits");
        }
      }
      case "i32" -> assertEquals((int) Long.parseUnsignedLong(s), (int) got, "i32");
      case "i64" -> assertEquals(Long.parseUnsignedLong(s), got, "i64");
      case "externref", "funcref" -> {
        if ("null".equals(s)) {
          assertEquals(Value.REF_NULL_VALUE, (int) got, type + " null");
        } else if (s != null) {
          assertEquals(Long.parseLong(s), got, type);
        } else {
          org.junit.jupiter.api.Assertions.assertNotEquals(Value.REF_NULL_VALUE, (int) got, "non-null " + type);
        }
      }
      default -> throw new UnsupportedOperationException("value type " + type);
    }
  }
}
