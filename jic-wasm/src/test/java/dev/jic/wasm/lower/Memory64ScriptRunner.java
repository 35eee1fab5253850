package dev.jic.wasm.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Store;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.Value;
import dev.jic.wasm.binary.WasmDecoder;
import dev.jic.wasm.binary.WasmEncoder;
import dev.jic.wasm.binary.WasmMalformedException;
import dev.jic.wasm.binary.WasmModule;
import dev.jic.wasm.spec.SpecFiles;
import dev.jic.wasm.typecheck.WasmInvalidException;
import dev.jic.wasm.typecheck.WasmTypeChecker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one memory64 spec script: every module is decoded by jic, lowered by
 * {@link Memory64Lowering}, re-encoded and run by Chicory's compiler. Traps must carry the
 * script's expected message (the lowering promises the 64-bit engine's trap kind).
 */
final class Memory64ScriptRunner {
  private final SpecFiles.Script script;
  private final Store store = SpectestImports.newStore();
  private final Map<String, Instance> named = new HashMap<>();
  private Instance current;
  private int anonymous;

  Memory64ScriptRunner(SpecFiles.Script script) {
    this.script = script;
  }

  /** Decodes and lowers a module file, checking determinism and idempotence; returns the bytes to run. */
  byte[] lowered(String file) {
    WasmModule m;
    try {
      m = WasmDecoder.decode(script.file(file));
    } catch (WasmMalformedException e) {
      throw new AssertionError("jic's decoder rejected a well-formed module: " + e.getMessage(), e);
    }
    try {
      WasmModule low = Memory64Lowering.lower(m);
      if (!Memory64Lowering.needsLowering(m)) {
        assertSame(m, low, "a 32-bit module is returned unchanged");
      }
      assertEquals(low, Memory64Lowering.lower(m), "lowering is deterministic");
      assertSame(low, Memory64Lowering.lower(low), "a lowered module needs no further lowering");
      WasmTypeChecker.check(low); // jic's validator agrees with Chicory's that the output is valid
      return WasmEncoder.encode(low);
    } catch (Memory64LoweringException e) {
      throw new AssertionError("lowering rejected a valid module: " + e.getMessage(), e);
    } catch (WasmInvalidException e) {
      throw new AssertionError("lowering produced an invalid module: " + e.getMessage(), e);
    }
  }

  /** A decodable but invalid module: lowering returns or throws its declared exception, nothing else. */
  void lowerOnly(String file) {
    WasmModule m;
    try {
      m = WasmDecoder.decode(script.file(file));
    } catch (WasmMalformedException e) {
      return; // malformed: never reaches the lowering
    }
    try {
      WasmEncoder.encode(Memory64Lowering.lower(m));
    } catch (Memory64LoweringException e) {
      // declared rejection
    }
  }

  void instantiate(Map<String, Object> command) {
    current = null;
    Instance inst = build(lowered((String) command.get("filename")));
    current = inst;
    if (command.get("name") != null) {
      named.put((String) command.get("name"), inst);
    }
  }

  private Instance build(byte[] bytes) {
    var module = Parser.parse(bytes);
    var factory = MachineFactoryCompiler.compile(module);
    return store.instantiate("$anonymous" + anonymous++, imports ->
        Instance.builder(module).withImportValues(imports).withMachineFactory(factory).build());
  }

  void instantiateFails(Map<String, Object> command) {
    byte[] bytes = lowered((String) command.get("filename"));
    try {
      build(bytes);
    } catch (ChicoryException expected) {
      return;
    }
    fail("instantiation succeeded but the script expects " + command.get("type"));
  }

  void register(Map<String, Object> command) {
    store.register((String) command.get("as"), instance((String) command.get("name")));
  }

  private Instance instance(String name) {
    Instance i = name == null ? current : named.get(name);
    assertNotNull(i, "module " + (name == null ? "(current)" : name) + " is not instantiated");
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
    return inst.export(field).apply(a);
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
    String text = (String) command.get("text");
    try {
      act((Map<String, Object>) command.get("action"));
    } catch (ChicoryException e) {
      String msg = String.valueOf(e.getMessage());
      if (!msg.contains(text)) {
        fail("trapped with \"" + msg + "\", expected \"" + text + "\"");
      }
      return;
    }
    fail("expected a trap: " + text);
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
      case "i32" -> assertEquals((int) Long.parseUnsignedLong(s), (int) got, "i32");
      case "i64" -> assertEquals(Long.parseUnsignedLong(s), got, "i64");
      case "f32" -> {
        int bits = (int) got;
        if (s.startsWith("nan:")) {
          assertEquals(0x7fc00000, bits & 0x7fc00000, "f32 NaN, got 0x" + Integer.toHexString(bits));
        } else {
          assertEquals((int) Long.parseUnsignedLong(s), bits, "f32 bits");
        }
      }
      case "f64" -> {
        if (s.startsWith("nan:")) {
          assertEquals(0x7ff8000000000000L, got & 0x7ff8000000000000L, "f64 NaN, got 0x" + Long.toHexString(got));
        } else {
          assertEquals(Long.parseUnsignedLong(s), got, "f64 bits");
        }
      }
      default -> throw new UnsupportedOperationException("value type " + type);
    }
  }
}
