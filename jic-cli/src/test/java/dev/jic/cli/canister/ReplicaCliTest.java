package dev.jic.cli.canister;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.cli.client.CliEnv;
import dev.jic.replica.LocalReplica;
import dev.jic.replica.ReplicaConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against the real local replica (execution, scheduler, certified state tree): the Motoko counter fixture. */
class ReplicaCliTest {
  static LocalReplica replica;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    replica = LocalReplica.start(ReplicaConfig.local(0, dir.resolve("data")), line -> {});
  }

  @AfterAll
  static void stop() {
    replica.close();
  }

  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    return runAt(replica.url().toString(), args);
  }

  static Run runAt(String url, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliEnv env = new CliEnv(Map.of("JIC_HOME", dir.resolve("home").toString(), "JIC_NETWORK", url),
        dir, dir, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    List<String> rest = List.of(args).subList(1, args.length);
    int s = switch (args[0]) {
      case "canister" -> Commands.canister(rest, env);
      case "deploy" -> Commands.deploy(rest, env);
      default -> Commands.identity(rest, env);
    };
    return new Run(s, out.toString(StandardCharsets.UTF_8).strip(), err.toString(StandardCharsets.UTF_8).strip());
  }

  static String fixture(String name) {
    return Path.of(System.getProperty("jic.root", "..")).resolve("jic-wasm/src/test/resources/canisters").resolve(name).toString();
  }

  @Test
  void motokoCounterDeployCallQueryUpgradeStatus() {
    Run d = run("deploy", fixture("motoko-counter-wasm64.wasm"));
    assertEquals(0, d.status(), d.err());
    String id = d.out().lines().toList().getLast();
    assertTrue(d.out().contains("methods:") && d.out().contains("inc"), d.out());
    assertEquals("(1 : nat)", run("canister", "call", id, "inc").out());
    assertEquals("(2 : nat)", run("canister", "call", id, "inc").out());
    Run get = run("canister", "query", id, "get");
    assertEquals("(2 : nat)", get.out(), get.err());
    Run put = run("canister", "call", id, "put", "(\"k\", \"v\")");
    assertEquals(0, put.status(), put.err());
    assertEquals("(opt \"v\")", run("canister", "query", id, "lookup", "(\"k\")").out());

    Run up = run("canister", "upgrade", id, fixture("motoko-counter-wasm64.wasm"));
    assertEquals(0, up.status(), up.err());
    assertEquals("(2 : nat)", run("canister", "query", id, "get").out(), "upgrade keeps stable state");

    Run st = run("canister", "status", id);
    assertEquals(0, st.status(), st.err());
    assertTrue(st.out().contains("status:      running") && st.out().contains("module hash: 0x"), st.out());

    Run bad = run("canister", "call", id, "nope");
    assertEquals(1, bad.status());
    assertTrue(bad.err().startsWith("jic: the call was rejected:") && bad.err().contains("hint:"), bad.err());

    assertEquals(0, run("canister", "stop", id).status());
    Run stopped = run("canister", "call", id, "inc");
    assertEquals(1, stopped.status());
    assertTrue(stopped.err().contains("IC0508"), stopped.err());
  }

  @Test
  void stateAndKeysSurviveARestart(@TempDir Path data) {
    for (long interval : new long[] {3, 100_000}) { // with checkpoints + log replay, and from the batch log alone
      Path d = data.resolve("interval-" + interval);
      String id;
      String rootKey;
      try (LocalReplica r = LocalReplica.start(ReplicaConfig.local(0, d).withCheckpointInterval(interval).withCheckpointSpacingMillis(0), line -> {})) {
        rootKey = r.rootKeyHex();
        id = runAt(r.url().toString(), "deploy", fixture("motoko-counter-wasm32.wasm")).out().lines().toList().getLast();
        assertEquals("(1 : nat)", runAt(r.url().toString(), "canister", "call", id, "inc").out());
        assertEquals("(2 : nat)", runAt(r.url().toString(), "canister", "call", id, "inc").out());
      }
      try (LocalReplica r = LocalReplica.start(ReplicaConfig.local(0, d).withCheckpointInterval(interval).withCheckpointSpacingMillis(0), line -> {})) {
        assertEquals(rootKey, r.rootKeyHex(), "the keys survive");
        Run get = runAt(r.url().toString(), "canister", "query", id, "get");
        assertEquals("(2 : nat)", get.out(), "interval " + interval + ": " + get.err());
        assertEquals("(3 : nat)", runAt(r.url().toString(), "canister", "call", id, "inc").out());
      }
    }
  }
}
