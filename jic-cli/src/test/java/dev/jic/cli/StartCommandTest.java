package dev.jic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Option handling of {@code jic start} / {@code jic stop} (the running network is covered by ReplicaCliTest). */
class StartCommandTest {
  record Run(int status, String out, String err) {}

  static Run main(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int s = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(s, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void usageErrorsAndRefusals(@TempDir Path dir) throws Exception {
    assertEquals(2, main("start", "--port", "x").status());
    assertEquals(2, main("start", "--frobnicate").status());
    assertEquals(2, main("start", "--port", "70000", "--data", dir.toString()).status());
    Run nodes = main("start", "--nodes", "0", "--data", dir.toString());
    assertEquals(2, nodes.status());
    assertTrue(nodes.err().contains("--nodes must be between 1 and 64"), nodes.err());
    Run stop = main("stop", "--data", dir.toString());
    assertEquals(1, stop.status());
    assertTrue(stop.err().contains("no network is running from " + dir), stop.err());
    Files.writeString(dir.resolve("jic.pid"), "999999999\n"); // a stale pid file
    assertEquals(1, main("stop", "--data", dir.toString()).status());
    assertTrue(!Files.exists(dir.resolve("jic.pid")), "a stale pid file is removed");
    Run help = main("start", "--help");
    assertEquals(0, help.status());
    assertTrue(help.out().contains("--background") && help.out().contains("--clean"), help.out());
  }
}
