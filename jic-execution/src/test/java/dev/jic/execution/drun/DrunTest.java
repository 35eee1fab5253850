package dev.jic.execution.drun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.execution.routing.InProcessSubnet;
import dev.jic.execution.scheduler.SchedulerConfig;
import dev.jic.wasm.engine.ChicoryEngine;
import dev.jic.wasm.engine.EngineConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** drun scripts (format of dfinity/ic rs/drun/src/message.rs) on an in-process subnet. */
class DrunTest {
  static final ChicoryEngine ENGINE = new ChicoryEngine(EngineConfig.defaults());

  private static String run(String script) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (InProcessSubnet s = InProcessSubnet.application(ENGINE, SchedulerConfig.defaults(1))) {
      new Drun(s, new PrintStream(bytes, true, StandardCharsets.UTF_8), Path.of("../jic-wasm/src/test/resources"))
          .run(script);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void counterScript() throws Exception {
    String out = run("""
        # a comment
        create
        install rwlgt-iiaaa-aaaaa-aaaaa-cai canisters/motoko-counter-wasm32.wasm 0x4449444c0000
        ingress rwlgt-iiaaa-aaaaa-aaaaa-cai inc "DIDL\\x00\\x00"
        ingress rwlgt-iiaaa-aaaaa-aaaaa-cai inc 0x4449444c0000
        query rwlgt-iiaaa-aaaaa-aaaaa-cai get 0x4449444c0000
        ingress rwlgt-iiaaa-aaaaa-aaaaa-cai nope 0x4449444c0000
        """);
    String[] lines = out.split("\n");
    // provisional_create reply, byte-identical to the line in motoko test/run-drun/ok/*.drun-run.ok files
    assertEquals("ingress Completed: Reply: 0x4449444c016c01b3c4b1f204680100010a00000000000000000101", lines[0]);
    assertEquals("ingress Completed: Reply: 0x4449444c0000", lines[1]);
    assertEquals("ingress Completed: Reply: 0x4449444c00017d01", lines[2]);
    assertEquals("ingress Completed: Reply: 0x4449444c00017d02", lines[3]);
    assertEquals("Ok: Reply: 0x4449444c00017d02", lines[4]);
    assertTrue(lines[5].startsWith("ingress Err: IC0536: "), lines[5]);
  }

  /**
   * Motoko's own drun expectation for test/run-drun/counter.mo, compiled with the fixtures' moc.js
   * (src/test/resources/drun/README.md): jic's output must match the checked-in .ok file byte for byte.
   */
  @Test
  void motokoCounterMatchesItsExpectationFile() throws Exception {
    Path dir = Path.of("src/test/resources");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (InProcessSubnet s = InProcessSubnet.application(ENGINE, SchedulerConfig.defaults(1))) {
      new Drun(s, new PrintStream(bytes, true, StandardCharsets.UTF_8), dir)
          .run(java.nio.file.Files.readString(dir.resolve("drun/counter.drun")));
    }
    assertEquals(java.nio.file.Files.readString(dir.resolve("drun/counter.drun-run.ok")),
        bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void scriptErrorsAreReportedWithTheLineNumber() {
    Drun.ScriptException e = assertThrows(Drun.ScriptException.class, () -> run("create\nfrobnicate x\n"));
    assertTrue(e.getMessage().startsWith("line 2: "), e.getMessage());
    assertThrows(Drun.ScriptException.class, () -> run("query rwlgt-iiaaa-aaaaa-aaaaa-cai 0bad 0x00"));
  }

  @Test
  void quotedArgumentsFollowDrunEscapes() throws Exception {
    assertArrayEquals(new byte[] {'p', 'a', 'y', 10, 17, '"', '\\'}, Drun.octets("\"pay\\x0a\\b00010001\\\"\\\\\""));
    assertThrows(Drun.ScriptException.class, () -> Drun.octets("\"\\xzz\""));
    assertThrows(Drun.ScriptException.class, () -> Drun.octets("0102"));
  }
}
