package dev.jic.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.replica.subnet.LocalSubnet;
import dev.jic.replica.subnet.SubnetConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jic start --nodes 4} as agents see it: four replicas in one process running ICC over the
 * in-memory transport ({@link LocalSubnet}), driven by {@code @dfinity/agent} 3.4.3 at default
 * settings (root key fetched, every certificate checked against the subnet's threshold key, every
 * query signature checked against the answering node's key read from the certified state).
 */
class SubnetNodesTest {
  static LocalSubnet subnet;
  @TempDir static Path data;

  @BeforeAll
  static void start() {
    subnet = LocalSubnet.start(SubnetConfig.local(0, data, 4).withDelays(300, 100), line -> System.err.println("subnet: " + line));
  }

  @AfterAll
  static void stop() {
    subnet.close();
  }

  @Test
  void agentJsDeploysThroughOneNodeAndCallsEveryNode() {
    Path fixtures = NodeScript.repoRoot().resolve("jic-wasm/src/test/resources/canisters");
    StringJoiner hosts = new StringJoiner("\", \"", "[\"", "\"]");
    for (int i = 0; i < subnet.size(); i++) {
      hosts.add(subnet.url(i).toString());
    }
    String in = "{\"hosts\": " + hosts + ", \"wasm\": \"" + fixtures.resolve("motoko-counter-wasm32.wasm") + "\"}";
    Map<String, String> steps = steps(NodeScript.run("subnet-nodes.mjs", in));
    String all = steps.toString();
    for (var e : steps.entrySet()) {
      assertTrue(e.getValue().startsWith("OK "), e.getKey() + ": " + e.getValue() + "\n" + all);
    }
    assertEquals(5, steps.size(), all);
    assertEquals("OK 4 nodes, one root key", steps.get("status").strip());
    assertEquals("OK 1 2 3 4", steps.get("inc_each_node").strip(), "one counter, updated through every node in turn");
    assertEquals("OK 4 4 4 4", steps.get("get_each_node").strip(), "every node's state has every update");
    for (int i = 0; i < subnet.size(); i++) {
      assertNull(subnet.halted(i), subnet.health());
    }
  }

  @Test
  void theAcceptanceScenarioPassesAgainstFourNodes() {
    Path fixtures = NodeScript.repoRoot().resolve("jic-wasm/src/test/resources/canisters");
    String in = "{\"host\": \"" + subnet.url(2) + "\", \"wasm32\": \"" + fixtures.resolve("motoko-counter-wasm32.wasm")
        + "\", \"wasm64\": \"" + fixtures.resolve("motoko-counter-wasm64.wasm") + "\"}";
    String out = NodeScript.run("acceptance.mjs", in);
    Map<String, String> steps = steps(out);
    for (var e : steps.entrySet()) {
      assertTrue(e.getValue().startsWith("OK "), e.getKey() + ": " + e.getValue() + "\n" + out);
    }
    assertTrue(steps.size() >= 20, out);
    assertEquals("OK 3", steps.get("inter_canister").strip(), out);
  }

  private static Map<String, String> steps(String out) {
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
