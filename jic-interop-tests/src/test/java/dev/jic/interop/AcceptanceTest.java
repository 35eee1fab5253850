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
