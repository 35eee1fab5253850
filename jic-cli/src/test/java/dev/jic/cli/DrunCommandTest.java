package dev.jic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jic drun}: output lines and exit codes (0 ran, 1 script error with its line, 2 usage). */
class DrunCommandTest {
  @TempDir Path dir;

  record Run(int status, String out, String err) {}

  private Run drun(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = DrunCommand.run(List.of(args), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), dir);
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void runsTheMotokoCounterAndReportsRejectsAsOutput() throws Exception {
    Files.copy(Path.of("../jic-wasm/src/test/resources/canisters/motoko-counter-wasm32.wasm"), dir.resolve("c.wasm"));
    Files.writeString(dir.resolve("t.drun"), """
        create
        install rwlgt-iiaaa-aaaaa-aaaaa-cai c.wasm 0x4449444c0000
        ingress rwlgt-iiaaa-aaaaa-aaaaa-cai inc 0x4449444c0000
        query rwlgt-iiaaa-aaaaa-aaaaa-cai get "DIDL\\x00\\x00"
        ingress rwlgt-iiaaa-aaaaa-aaaaa-cai missing 0x4449444c0000
        """);
    Run r = drun("", "t.drun");
    assertEquals(0, r.status(), r.err());
    String[] lines = r.out().split("\n");
    assertEquals(6, lines.length, r.out()); // the replica's IC0536 text spans two lines
    // The create reply as printed in the Motoko compiler's test/run-drun/ok/*.drun-run.ok files.
    assertEquals("ingress Completed: Reply: 0x4449444c016c01b3c4b1f204680100010a00000000000000000101", lines[0]);
    assertEquals("ingress Completed: Reply: 0x4449444c0000", lines[1]);
    assertEquals("ingress Completed: Reply: 0x4449444c00017d01", lines[2]);
    assertEquals("Ok: Reply: 0x4449444c00017d01", lines[3]);
    // rs/interfaces execution_environment/errors.rs: "Canister has no update method 'm'." + ".\n" + help
    assertEquals("ingress Err: IC0536: Error from Canister rwlgt-iiaaa-aaaaa-aaaaa-cai: Canister has no update "
        + "method 'missing'..", lines[4]);
    assertTrue(lines[5].startsWith("Check that the method being called is exported"), lines[5]);
    assertEquals("", r.err());
  }

  @Test
  void scriptErrorsExitOneWithTheLineNumber() throws Exception {
    Run bad = drun("create\n\nfrobnicate now\ncreate\n", "-");
    assertEquals(1, bad.status());
    assertTrue(bad.err().startsWith("jic drun: line 3: "), bad.err());
    assertEquals(1, bad.out().lines().count(), "the line before the error ran, the one after did not");
    Run missingWasm = drun("create\ninstall rwlgt-iiaaa-aaaaa-aaaaa-cai nope.wasm 0x\n", "-");
    assertEquals(1, missingWasm.status());
    assertTrue(missingWasm.err().contains("line 2: Could not open wasm file: nope.wasm"), missingWasm.err());
    assertEquals(1, drun("", "absent.drun").status());
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, drun("").status());
    assertEquals(2, drun("", "a", "b").status());
    assertEquals(2, drun("", "--frob").status());
    ByteArrayOutputStream help = new ByteArrayOutputStream();
    assertEquals(0, Main.run(List.of("drun", "--help"), new PrintStream(help, true, StandardCharsets.UTF_8),
        System.err));
    assertTrue(help.toString(StandardCharsets.UTF_8).startsWith("usage: ./jic drun"));
  }
}
