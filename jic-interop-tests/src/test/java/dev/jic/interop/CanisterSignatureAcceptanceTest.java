package dev.jic.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.replica.LocalReplica;
import dev.jic.replica.ReplicaConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canister signatures end to end (interface spec, "Canister signatures"): the real local replica
 * and {@code @dfinity/agent} 3.4.3 at default settings ({@code interop/js/canister-sig.mjs}). The
 * hand-written canister {@code canisters/canister-sig.wat} certifies the root of a signature tree
 * {@code sig/H(seed)/H(message) → ""} for the signing message of a delegation to an Ed25519
 * session key; the data certificate and the tree form a canister signature, the first (and only)
 * delegation of a {@code DelegationChain}, as Internet Identity issues them. The node must
 * authenticate update and query calls through that chain as the self-authenticating principal of
 * the canister-signature key, and reject with a 4xx naming the canister signature when one byte of
 * the signed message or of the seed differs.
 */
class CanisterSignatureAcceptanceTest {
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
  void agentJsCallsThroughACanisterSignedDelegation() {
    Path wasm = NodeScript.repoRoot().resolve("jic-interop-tests/src/test/resources/canisters/canister-sig.wasm");
    String out = NodeScript.run("canister-sig.mjs", "{\"host\": \"" + replica.url() + "\", \"wasm\": \"" + wasm + "\"}");
    Map<String, String> steps = AcceptanceTest.steps(out);
    assertEquals(5, steps.size(), out);
    for (var e : steps.entrySet()) {
      assertTrue(e.getValue().startsWith("OK "), e.getKey() + ": " + e.getValue() + "\n" + out);
    }
    String who = steps.get("whoami").strip();
    // a self-authenticating principal: 29 bytes, textual form of 63 characters
    assertTrue(who.matches("OK [a-z2-7]{5}(-[a-z2-7]{5}){9}-[a-z2-7]{3}"), who);
    // The node answers 403 (an authentication failure other than expiry) with its reason, which
    // names the canister signature, for updates, queries and read_state alike.
    String rejectedEverywhere = "OK update:403:clear query:403:clear read_state:403:clear";
    assertEquals(rejectedEverywhere, steps.get("wrong_message").strip(), out);
    assertEquals(rejectedEverywhere, steps.get("wrong_seed").strip(), out);
  }
}
