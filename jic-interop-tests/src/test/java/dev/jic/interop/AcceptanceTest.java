package dev.jic.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.replica.LocalReplica;
import dev.jic.replica.ReplicaConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance scenario of issue 6: the real local replica ({@link LocalReplica}: ingress pool,
 * batch driver, execution, certified state) on an ephemeral port, driven by {@code @dfinity/agent}
 * 3.4.3 with default settings ({@code interop/js/acceptance.mjs}): Motoko counters (wasm32 and
 * wasm64) deployed through the management canister, updates, queries, an upgrade keeping state,
 * an inter-canister call, lifecycle and permission errors, and bad inputs.
 */
class AcceptanceTest {
  static LocalReplica replica;
  @TempDir static Path data;

  @BeforeAll
  static void start() {
    replica = LocalReplica.start(ReplicaConfig.local(0, data), line -> System.err.println("replica: " + line));
  }

  @AfterAll
  static void stop() {
    replica.close();
  }

  @Test
  void agentJsDeploysAndCallsMotokoCounters() {
    Path fixtures = NodeScript.repoRoot().resolve("jic-wasm/src/test/resources/canisters");
    String in = "{\"host\": \"" + replica.url() + "\", \"wasm32\": \"" + fixtures.resolve("motoko-counter-wasm32.wasm")
        + "\", \"wasm64\": \"" + fixtures.resolve("motoko-counter-wasm64.wasm") + "\"}";
    String out = NodeScript.run("acceptance.mjs", in);
    Map<String, String> steps = new LinkedHashMap<>();
    for (String line : out.lines().toList()) {
      if (line.startsWith("STEP ")) {
        String[] p = line.split(" ", 4);
        steps.put(p[1], p[2] + " " + (p.length > 3 ? p[3] : ""));
      }
    }
    for (var e : steps.entrySet()) {
      assertTrue(e.getValue().startsWith("OK "), e.getKey() + ": " + e.getValue() + "\n" + out);
    }
    assertEquals(22, steps.size(), out);
    assertEquals("OK healthy", steps.get("status").strip());
    String userCreate = steps.get("create_canister_from_user");
    assertTrue(userCreate.contains("Reject code") && userCreate.contains("create_canister"), out); // only canisters may call it
    assertEquals("OK 1 2", steps.get("inc32").strip());
    assertEquals("OK 2", steps.get("get32").strip());
    assertEquals("OK [\"v\"]", steps.get("put_lookup").strip());
    assertEquals("OK 1", steps.get("upgrade64_keep").strip(), "enhanced orthogonal persistence keeps the count");
    assertEquals("OK 3", steps.get("inter_canister").strip(), "1 (own) + 2 (fetched from the wasm32 counter)");
    assertTrue(steps.get("non_controller_stop").contains("IC0512") || steps.get("non_controller_stop").contains("controller"), out);
    assertEquals("OK 3", steps.get("stranger_may_call").strip());
    assertTrue(steps.get("missing_canister").contains("IC0301") || steps.get("missing_canister").contains("not found"), out);
    assertTrue(steps.get("call_stopped").contains("IC0508") || steps.get("call_stopped").contains("stopped"), out);
    assertEquals("OK 4", steps.get("start32").strip());
  }

  @Test
  void assemblyScriptAndAzleCanistersDeployAndAnswer() {
    Path fixtures = NodeScript.repoRoot().resolve("jic-wasm/src/test/resources/canisters");
    String in = "{\"host\": \"" + replica.url() + "\", \"assemblyscript\": \"" + fixtures.resolve("assemblyscript-greet.wasm")
        + "\", \"azle\": \"" + fixtures.resolve("azle-ledger.wasm") + "\"}";
    String out = NodeScript.run("acceptance-other-toolchains.mjs", in);
    Map<String, String> steps = steps(out);
    for (var e : steps.entrySet()) {
      assertTrue(e.getValue().startsWith("OK "), e.getKey() + ": " + e.getValue() + "\n" + out);
    }
    assertEquals(7, steps.size(), out);
    assertTrue(steps.get("as_greet").contains("jic"), out);
    assertEquals("OK 1 2", steps.get("as_inc").strip());
    assertTrue(steps.get("azle_deploy_chunked").endsWith("chunks=4"), out);
    // whoami() = "<msgCaller> (owner <init caller>, updated at <time>)"; the step appends the agent's principal
    String[] who = steps.get("azle_whoami").strip().split(" ");
    assertEquals(who[who.length - 1], who[1], "msgCaller is the agent's principal: " + out);
    assertEquals(who[who.length - 1] + ",", who[3], "the owner set in @init is the installer: " + out);
    assertEquals("OK 5 12", steps.get("azle_deposit").strip());
    assertEquals("OK 12", steps.get("azle_balance").strip());
  }

  /**
   * Certified data and timers with the hand-written canister {@code canisters/certified-timer.wat}
   * ({@code interop/js/acceptance-certified.mjs}): the data certificate a query returns verifies
   * with agent-js {@code Certificate.create} against the root key and certifies exactly what the
   * last update set; the global timer armed in {@code canister_init} fires, re-arms itself and
   * stops after 3 runs.
   */
  @Test
  void agentJsVerifiesCertifiedDataAndSeesTimersFire() {
    Path wasm = NodeScript.repoRoot().resolve("jic-interop-tests/src/test/resources/canisters/certified-timer.wasm");
    String out = NodeScript.run("acceptance-certified.mjs", "{\"host\": \"" + replica.url() + "\", \"wasm\": \"" + wasm + "\"}");
    Map<String, String> steps = steps(out);
    for (var e : steps.entrySet()) {
      assertTrue(e.getValue().startsWith("OK "), e.getKey() + ": " + e.getValue() + "\n" + out);
    }
    assertEquals(6, steps.size(), out);
    // Candid (blob) of 16 bytes: "DIDL" 01 6d 7b 01 00 10 + 16 bytes = 26; of 3 bytes: 13
    assertEquals("OK 26B", steps.get("certified_data").strip());
    assertEquals("OK 13B", steps.get("certified_data_replaced").strip());
    assertEquals("OK NotRevealed", steps.get("certificate_wrong_canister").strip(), "a canister's certificate holds only its own data");
    String ticks = steps.get("timer_ticks").strip();
    assertTrue(ticks.endsWith(" 3 3"), "the timer ran 3 times and then stayed disarmed: " + out);
  }

  static Map<String, String> steps(String out) {
    Map<String, String> steps = new LinkedHashMap<>();
    for (String line : out.lines().toList()) {
      if (line.startsWith("STEP ")) {
        String[] p = line.split(" ", 4);
        steps.put(p[1], p[2] + " " + (p.length > 3 ? p[3] : ""));
      }
    }
    return steps;
  }
}
