package dev.jic.wasm.spec;

import dev.jic.wasm.spec.Exclusions.Scope;
import java.util.ArrayList;
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
 * The WebAssembly spec test suite (core 2.0 and memory64; converted by
 * scripts/wasm-spec/generate.sh), one dynamic test per command, in script order:
 * <ul>
 *   <li>{@code module}: jic decodes it and the round trip holds; then Chicory (compiler) instantiates
 *       jic's re-encoding;
 *   <li>{@code assert_malformed} (binary): jic's decoder rejects it with {@code WasmMalformedException};
 *   <li>{@code module} also: jic's type checker ({@code WasmTypeChecker}) accepts it;
 *   <li>{@code assert_invalid}: jic's decoder accepts it (it is well-formed), the round trip holds,
 *       and jic's type checker rejects it with {@code WasmInvalidException};
 *   <li>{@code assert_return/trap/exhaustion}, {@code action}, {@code register}, {@code assert_unlinkable/
 *       uninstantiable}: run through Chicory on the re-encoded module.
 * </ul>
 * Text-format commands ({@code assert_malformed} with a .wat module) are not generated. Excluded
 * commands are reported as skipped with the reason from {@code exclusions.txt}.
 */
class SpecSuiteTest {
  private static final Exclusions EXCLUSIONS = Exclusions.load();

  @TestFactory
  Stream<DynamicNode> specSuite() {
    return SpecFiles.scripts().stream().map(SpecSuiteTest::script);
  }

  /**
   * The same scripts with every module instrumented by InstructionCounting: results must be
   * unchanged, and Chicory's interpreter must agree with its compiler on results and on the
   * instruction counter after every invocation and trap. SIMD and 64-bit scripts are left out
   * (Chicory cannot run them; see exclusions.txt).
   */
  @TestFactory
  Stream<DynamicNode> meteredSpecSuite() {
    return SpecFiles.scripts().stream()
        .filter(s -> s.id().startsWith("core/") && !s.id().startsWith("core/simd_"))
        // linking.wast shares tables and memories between instances; the interpreter twin of
        // each instance lives in its own store, so cross-instance element writes diverge.
        .filter(s -> !s.id().equals("core/linking"))
        .map(s -> script(s, true));
  }

  private static DynamicNode script(SpecFiles.Script s) {
    return script(s, false);
  }

  @SuppressWarnings("unchecked")
  private static DynamicNode script(SpecFiles.Script s, boolean metered) {
    ScriptRunner runner = new ScriptRunner(s, metered);
    List<DynamicNode> tests = new ArrayList<>();
    for (Map<String, Object> c : s.commands()) {
      String type = (String) c.get("type");
      long line = (Long) c.get("line");
      String label = s.id() + ":" + line + " " + type;
      switch (type) {
        case "module" -> {
          tests.add(test(s, line, Scope.DECODE, label + " decode+roundtrip",
              () -> runner.decodeAndRoundTrip((String) c.get("filename"))));
          tests.add(test(s, line, Scope.VALIDATE, label + " valid",
              () -> runner.assertValid((String) c.get("filename"))));
          tests.add(test(s, line, Scope.EXEC, label + " instantiate", () -> runner.instantiate(c)));
        }
        case "assert_malformed" -> {
          if ("binary".equals(c.get("module_type"))) {
            tests.add(test(s, line, Scope.DECODE, label, () -> runner.assertMalformed((String) c.get("filename"))));
          }
        }
        case "assert_invalid" -> {
          if ("binary".equals(c.get("module_type"))) {
            tests.add(test(s, line, Scope.DECODE, label + " (well-formed)",
                () -> runner.decodeAndRoundTrip((String) c.get("filename"))));
            tests.add(test(s, line, Scope.VALIDATE, label + " rejected",
                () -> runner.assertInvalid((String) c.get("filename"), (String) c.get("text"))));
          }
        }
        case "assert_unlinkable", "assert_uninstantiable" ->
            tests.add(test(s, line, Scope.EXEC, label, () -> runner.instantiateFails(c)));
        case "register" -> tests.add(test(s, line, Scope.EXEC, label, () -> runner.register(c)));
        case "action" -> tests.add(test(s, line, Scope.EXEC, label,
            () -> runner.act((Map<String, Object>) c.get("action"))));
        case "assert_return" -> tests.add(test(s, line, Scope.EXEC, label, () -> runner.assertReturn(c)));
        case "assert_trap" -> tests.add(test(s, line, Scope.EXEC, label, () -> runner.assertTrap(c)));
        case "assert_exhaustion" -> tests.add(test(s, line, Scope.EXEC, label, () -> runner.assertExhaustion(c)));
        default -> throw new IllegalStateException("unknown command " + type + " in " + s.id());
      }
    }
    if (metered) { // decoding is covered by the plain suite
      tests.removeIf(t -> t.getDisplayName().contains("decode+roundtrip") || t.getDisplayName().contains("assert_malformed")
          || t.getDisplayName().contains("assert_invalid") || t.getDisplayName().endsWith(" valid"));
    }
    return DynamicContainer.dynamicContainer((metered ? "metered " : "") + s.id(), tests);
  }

  private static DynamicTest test(SpecFiles.Script s, long line, Scope scope, String label, Executable body) {
    String reason = EXCLUSIONS.reason(scope, s.id(), line);
    return DynamicTest.dynamicTest(label, () -> {
      Assumptions.assumeTrue(reason == null, () -> "excluded: " + reason);
      try {
        body.execute();
      } catch (AssertionError | RuntimeException | StackOverflowError e) {
        // Surefire reports dynamic tests by index: put the script position in the message.
        throw new AssertionError("[" + label + "] " + e, e);
      }
    });
  }
}
