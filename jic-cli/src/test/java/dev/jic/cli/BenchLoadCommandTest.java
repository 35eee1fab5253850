package dev.jic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code jic bench load}: a one-second update-only run against an in-process node, and usage errors (never timing). */
class BenchLoadCommandTest {
  @Test
  void updatesOnlyRunReportsTheUpdatePhaseAndNodeProgress() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = BenchCommand.run(List.of("load", "--clients", "4", "--seconds", "1", "--warmup", "0", "--updates-only"),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, text + err.toString(StandardCharsets.UTF_8));
    List<String> lines = text.lines().toList();
    assertTrue(lines.stream().anyMatch(l -> l.matches("updates +[0-9]+/s .*\\([1-9][0-9]* ok, 0 failed\\)")), text);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("node after updates: height=")), text);
    assertTrue(lines.stream().noneMatch(l -> l.startsWith("queries") || l.startsWith("load ")), text);
  }

  @Test
  void badOptionsAreUsageErrors() {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertEquals(2, BenchCommand.run(List.of("load", "--clients", "0"), sink, sink));
    assertEquals(2, BenchCommand.run(List.of("load", "--warmup", "-1"), sink, sink));
    assertEquals(2, BenchCommand.run(List.of("load", "--seconds"), sink, sink));
    assertEquals(2, BenchCommand.run(List.of("load", "--frob", "1"), sink, sink));
    assertEquals(2, BenchCommand.run(List.of("load", "--url", "http://192.0.2.1:4943"), sink, sink));
  }
}
