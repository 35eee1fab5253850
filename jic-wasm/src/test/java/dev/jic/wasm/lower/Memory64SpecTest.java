package dev.jic.wasm.lower;

import dev.jic.wasm.spec.SpecFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * The 13 scripts of the memory64 proposal's spec tests (converted under
 * {@code src/test/resources/wasm-spec/memory64/}), every module lowered by {@link Memory64Lowering}
 * and run by Chicory's compiler: one dynamic test per command. Binary {@code assert_invalid} and
 * {@code assert_malformed} modules that decode are lowered too (it must not throw anything but its
 * declared exception). Reviewed exclusions: {@code src/test/resources/lower/memory64-exclusions.txt},
 * lines {@code <script>[:<line>]  # <reason>}.
 */
class Memory64SpecTest {
  private static final Map<String, String> EXCLUSIONS = exclusions();

  @TestFactory
  Stream<DynamicNode> memory64Scripts() {
    return SpecFiles.scripts().stream().filter(s -> s.id().startsWith("memory64/")).map(Memory64SpecTest::script);
  }

  @SuppressWarnings("unchecked")
  private static DynamicNode script(SpecFiles.Script s) {
    Memory64ScriptRunner r = new Memory64ScriptRunner(s);
    List<DynamicNode> tests = new ArrayList<>();
    for (Map<String, Object> c : s.commands()) {
      String type = (String) c.get("type");
      long line = (Long) c.get("line");
      String label = s.id() + ":" + line + " " + type;
      Executable body = switch (type) {
        case "module" -> () -> r.instantiate(c);
        case "assert_invalid", "assert_malformed" ->
            "binary".equals(c.get("module_type")) ? () -> r.lowerOnly((String) c.get("filename")) : null;
        case "assert_unlinkable", "assert_uninstantiable" -> () -> r.instantiateFails(c);
        case "register" -> () -> r.register(c);
        case "action" -> () -> r.act((Map<String, Object>) c.get("action"));
        case "assert_return" -> () -> r.assertReturn(c);
        case "assert_trap" -> () -> r.assertTrap(c);
        default -> throw new IllegalStateException("unexpected command " + type + " in " + s.id());
      };
      if (body != null) {
        tests.add(test(s.id(), line, label, body));
      }
    }
    return DynamicContainer.dynamicContainer(s.id(), tests);
  }

  private static DynamicTest test(String id, long line, String label, Executable body) {
    String reason = EXCLUSIONS.getOrDefault(id + ":" + line, EXCLUSIONS.get(id));
    return DynamicTest.dynamicTest(label, () -> {
      Assumptions.assumeTrue(reason == null, () -> "excluded: " + reason);
      try {
        body.execute();
      } catch (AssertionError | RuntimeException | StackOverflowError e) {
        throw new AssertionError("[" + label + "] " + e, e);
      }
    });
  }

  /** {@code script[:line] -> reason}; a line without a reason is an error. */
  private static Map<String, String> exclusions() {
    String text;
    try (InputStream in = Memory64SpecTest.class.getResourceAsStream("/lower/memory64-exclusions.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int hash = line.indexOf('#');
      if (hash < 0 || line.substring(hash + 1).isBlank()) {
        throw new IllegalStateException("exclusion without a reason: " + line);
      }
      String reason = line.substring(hash + 1).strip();
      String key = line.substring(0, hash).strip();
      int colon = key.indexOf(':');
      if (colon > 0) {
        for (String l : key.substring(colon + 1).split(",")) {
          out.put(key.substring(0, colon) + ":" + l, reason);
        }
      } else {
        out.put(key, reason);
      }
    }
    return out;
  }
}
