package dev.jic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code jic bench exec} on a tiny workload: output shape and usage errors (never timing). */
class BenchExecCommandTest {
  @Test
  void smallRunEndsWithTheSummaryLine() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = BenchCommand.run(List.of("exec", "--messages", "16", "--canisters", "2", "--idle", "20"),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertTrue(lines.getLast().matches("exec updates_per_s=[0-9]+ idle_canister_bytes=[0-9]+"), lines.getLast());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("exec kernel countPrimes")), lines.toString());
  }

  @Test
  void badOptionsAreUsageErrors() {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertEquals(2, BenchCommand.run(List.of("exec", "--messages"), sink, sink));
    assertEquals(2, BenchCommand.run(List.of("exec", "--frob", "1"), sink, sink));
    assertEquals(2, BenchCommand.run(List.of("exec", "--idle", "0"), sink, sink));
  }
}
