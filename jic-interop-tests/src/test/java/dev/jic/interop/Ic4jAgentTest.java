package dev.jic.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.replica.LocalReplica;
import dev.jic.replica.ReplicaConfig;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ic4j.agent.Agent;
import org.ic4j.agent.AgentBuilder;
import org.ic4j.agent.QueryBuilder;
import org.ic4j.agent.Status;
import org.ic4j.agent.UpdateBuilder;
import org.ic4j.agent.Waiter;
import org.ic4j.agent.http.ReplicaApacheHttpTransport;
import org.ic4j.agent.identity.BasicIdentity;
import org.ic4j.candid.parser.IDLArgs;
import org.ic4j.candid.parser.IDLType;
import org.ic4j.candid.parser.IDLValue;
import org.ic4j.candid.types.Label;
import org.ic4j.candid.types.Type;
import org.ic4j.types.Principal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, "the same basics with {@code org.ic4j:ic4j-agent} 0.7.2": the Java ic4j agent (v2
 * endpoints only: async {@code /api/v2/.../call} then {@code read_state} polling) against the real
 * local replica on an ephemeral port, as {@link AcceptanceTest} starts it. With ic4j's defaults
 * (root key fetched from {@code /api/v2/status}, BLS certificate verification on, query node
 * signatures verified through {@code callWithVerification}) it creates a canister through the
 * management canister ({@code provisional_create_canister_with_cycles}, as users may not call
 * {@code create_canister}), installs the Motoko counter fixture, makes update calls and a query.
 */
class Ic4jAgentTest {
  static LocalReplica replica;
  static Agent agent;
  @TempDir static Path data;

  /** {@code rwlgt-iiaaa-aaaaa-aaaaa-cai}, canister 0: inside the local subnet's canister ranges. */
  static final Principal CANISTER_0 = Principal.fromString("rwlgt-iiaaa-aaaaa-aaaaa-cai");
  static final Principal MANAGEMENT = Principal.fromString("aaaaa-aa");
  /** Candid {@code ()} — the empty argument list: "DIDL", 0 types, 0 values. */
  static final byte[] EMPTY_ARGS = {0x44, 0x49, 0x44, 0x4c, 0, 0};

  @BeforeAll
  static void start() throws Exception {
    replica = LocalReplica.start(ReplicaConfig.local(0, data), line -> System.err.println("replica: " + line));
    KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
    gen.initialize(255, SecureRandom.getInstance("SHA1PRNG")); // identity key only; its value is irrelevant
    agent = new AgentBuilder()
        .transport(ReplicaApacheHttpTransport.create(replica.url().toString()))
        .identity(BasicIdentity.fromKeyPair(gen.generateKeyPair()))
        .build();
  }

  @AfterAll
  static void stop() {
    if (agent != null) {
      agent.close();
    }
    replica.close();
  }

  @Test
  void ic4jFetchesRootKeyDeploysAndCallsTheMotokoCounter() throws Exception {
    Status status = agent.status().get();
    assertEquals(Optional.of("healthy"), status.replicaHealthStatus);
    assertTrue(status.rootKey.isPresent(), "status carries the root key");
    assertArrayEquals(replica.rootKeyDer(), status.rootKey.get(), "the DER root key of the local subnet");
    agent.fetchRootKey(); // from now on every certificate is verified against it (BLS on by default)

    // provisional_create_canister_with_cycles(record { amount = opt 10^13 }) -> (record { canister_id })
    IDLValue createArg = IDLValue.create(Map.of(Label.createNamedLabel("amount"), Optional.of(BigInteger.TEN.pow(13))));
    byte[] created = UpdateBuilder.create(agent, MANAGEMENT, "provisional_create_canister_with_cycles")
        .effectiveCanisterId(CANISTER_0)
        .arg(IDLArgs.create(List.of(createArg)).toBytes())
        .callAndWait(Waiter.create(30, 1)).get();
    Map<Label, Object> createdRecord = IDLArgs.fromBytes(created).getArgs().getFirst().getValue();
    Principal canister = (Principal) createdRecord.get(Label.createNamedLabel("canister_id"));
    assertTrue(canister.toString().endsWith("-cai"), "a canister id: " + canister);

    byte[] wasm = Files.readAllBytes(NodeScript.repoRoot().resolve("jic-wasm/src/test/resources/canisters/motoko-counter-wasm32.wasm"));
    // ic4j-candid writes record fields in the Map's iteration order, but Candid requires them sorted by
    // field hash (jic rejects the argument otherwise): insertion-ordered maps in hash order, i.e.
    // arg (4849238) < wasm_module (265441191) < mode (1214305123) < canister_id (1313628723).
    // Typed explicitly: ic4j would infer an untyped null variant payload as opt.
    IDLType blob = IDLType.createType(Type.VEC, IDLType.createType(Type.NAT8));
    Map<Label, IDLType> fieldTypes = new LinkedHashMap<>();
    fieldTypes.put(Label.createNamedLabel("arg"), blob);
    fieldTypes.put(Label.createNamedLabel("wasm_module"), blob);
    fieldTypes.put(Label.createNamedLabel("mode"),
        IDLType.createType(Type.VARIANT, Map.of(Label.createNamedLabel("install"), IDLType.createType(Type.NULL))));
    fieldTypes.put(Label.createNamedLabel("canister_id"), IDLType.createType(Type.PRINCIPAL));
    Map<Label, Object> install = new HashMap<>();
    install.put(Label.createNamedLabel("install"), null);
    Map<Label, Object> fields = new LinkedHashMap<>();
    fields.put(Label.createNamedLabel("arg"), boxed(EMPTY_ARGS)); // ic4j-candid maps Byte[] (not byte[]) to vec nat8
    fields.put(Label.createNamedLabel("wasm_module"), boxed(wasm));
    fields.put(Label.createNamedLabel("mode"), install);
    fields.put(Label.createNamedLabel("canister_id"), canister);
    IDLValue installArg = IDLValue.create(fields, IDLType.createType(Type.RECORD, fieldTypes));
    byte[] installed = UpdateBuilder.create(agent, MANAGEMENT, "install_code")
        .effectiveCanisterId(canister)
        .arg(IDLArgs.create(List.of(installArg)).toBytes())
        .callAndWait(Waiter.create(30, 1)).get();
    assertEquals(0, IDLArgs.fromBytes(installed).getArgs().size(), "install_code replies ()");

    assertEquals(BigInteger.ONE, nat(update(canister, "inc")));
    assertEquals(BigInteger.TWO, nat(update(canister, "inc")));
    // ic4j 0.7.2 verifies a query's node signature inside the HTTP client's completion callback and,
    // when the subnet is not cached yet, fetches it there synchronously: with the client's single
    // dispatch thread that nested request can never complete (a client-side deadlock seen on CI).
    // Fetching the subnet first, from this thread, fills ic4j's cache; the timeout turns any other
    // hang into a failure.
    org.junit.jupiter.api.Assertions.assertNotNull(agent.getSubnet(canister, canister), "ic4j fetches the subnet's node keys");
    byte[] got = QueryBuilder.create(agent, canister, "get").arg(EMPTY_ARGS).callWithVerification()
        .get(60, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(BigInteger.TWO, nat(got), "the query sees the committed count; node signature verified");
  }

  static byte[] update(Principal canister, String method) throws Exception {
    return UpdateBuilder.create(agent, canister, method).arg(EMPTY_ARGS).callAndWait(Waiter.create(30, 1)).get();
  }

  static Byte[] boxed(byte[] bytes) {
    Byte[] out = new Byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = bytes[i];
    }
    return out;
  }

  static BigInteger nat(byte[] reply) {
    return IDLArgs.fromBytes(reply).getArgs().getFirst().getValue();
  }
}
