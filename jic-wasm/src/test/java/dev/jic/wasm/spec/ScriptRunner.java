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

  ScriptRunner(SpecFiles.Script script) {
    this.script = script;
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
    var module = Parser.parse(bytes);
    var factory = MachineFactoryCompiler.compile(module);
    String storeName = name != null ? name : "$anonymous" + anon++;
    return store.instantiate(storeName, imports ->
        Instance.builder(module).withImportValues(imports).withMachineFactory(factory).build());
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
    return f.apply(a);
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
    try {
      act((Map<String, Object>) command.get("action"));
    } catch (StackOverflowError | ChicoryException expected) {
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
