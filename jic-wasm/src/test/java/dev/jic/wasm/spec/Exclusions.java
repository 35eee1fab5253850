package dev.jic.wasm.spec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The reviewed exclusion list {@code wasm-spec/exclusions.txt}. Each line is
 * {@code <scope> <pattern>  # <reason>}: scope {@code exec} (instantiation and invocations through
 * Chicory), {@code decode} (our decoder/encoder checks), {@code validate} (jic's type checker) or {@code all}; the pattern is a glob over
 * {@code <dir>} or {@code <dir>:<line>} (e.g. {@code core/simd_*}, {@code core/binary:123}). A line
 * without a reason is an error.
 */
final class Exclusions {
  enum Scope { EXEC, DECODE, VALIDATE }

  private record Entry(String scope, Pattern pattern, String reason) {}

  private final List<Entry> entries = new ArrayList<>();

  static Exclusions load() {
    Exclusions x = new Exclusions();
    String text = new String(SpecFiles.resource("exclusions.txt"), StandardCharsets.UTF_8);
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int hash = line.indexOf('#');
      if (hash < 0 || line.substring(hash + 1).isBlank()) {
        throw new IllegalStateException("exclusion without a reason: " + line);
      }
      String[] head = line.substring(0, hash).strip().split("\\s+");
      if (head.length != 2 || !List.of("exec", "decode", "validate", "all").contains(head[0])) {
        throw new IllegalStateException("bad exclusion line: " + line);
      }
      String pattern = head[1];
      int colon = pattern.indexOf(':');
      if (colon > 0 && pattern.indexOf(',') > 0) { // dir:line,line,...
        pattern = pattern.substring(0, colon) + ":(" + String.join("|", pattern.substring(colon + 1).split(",")) + ")";
        x.entries.add(new Entry(head[0], Pattern.compile(pattern), line.substring(hash + 1).strip()));
        continue;
      }
      String regex = ("\\Q" + pattern + "\\E").replace("*", "\\E.*\\Q");
      x.entries.add(new Entry(head[0], Pattern.compile(regex), line.substring(hash + 1).strip()));
    }
    return x;
  }

  /** The reason {@code dir:line} is excluded from {@code scope}, or null if it is not. */
  String reason(Scope scope, String dir, long line) {
    String s = scope.name().toLowerCase();
    for (Entry e : entries) {
      if ((e.scope.equals(s) || e.scope.equals("all"))
          && e.pattern.matcher(e.pattern.pattern().contains(":") ? dir + ":" + line : dir).matches()) {
        return e.reason;
      }
    }
    return null;
  }
}
