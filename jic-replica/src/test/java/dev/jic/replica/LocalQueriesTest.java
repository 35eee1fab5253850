package dev.jic.replica;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.types.id.CanisterId;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queries over HTTP against a real {@link LocalReplica}: composite queries reach other canisters
 * and the management canister ({@code cq.wat} of jic-execution's tests: {@code relay} calls the
 * method named in its argument on the given canister and replies with the callee's reply, or with
 * the reject code (LE u32) and message).
 */
class LocalQueriesTest {
  static LocalReplica replica;
  @TempDir static Path data;
  static CanisterId a;
  static CanisterId b;

  @BeforeAll
  static void start() throws Exception {
    replica = LocalReplica.start(ReplicaConfig.local(0, data), line -> {});
    byte[] cq = Files.readAllBytes(Path.of("../jic-execution/src/test/resources/wat/cq.wasm"));
    a = ReplicaHttp.install(replica, cq);
    b = ReplicaHttp.install(replica, cq);
  }

  @AfterAll
  static void stop() {
    replica.close();
  }

  static byte[] relayArg(String method, CanisterId callee) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] m = method.getBytes(StandardCharsets.UTF_8);
    out.write(m.length);
    out.writeBytes(m);
    out.writeBytes(callee.principal().toBytes());
    return out.toByteArray();
  }

  static int le(byte[] x) {
    return ByteBuffer.wrap(x).order(ByteOrder.LITTLE_ENDIAN).getInt();
  }

  @Test
  void compositeQueryOverHttpCallsAnotherCanister() throws Exception {
    ReplicaHttp.Answer r = ReplicaHttp.query(replica, a, "relay", relayArg("leaf", b));
    assertNotNull(r.reply(), () -> r.reject());
    assertArrayEquals("leaf".getBytes(StandardCharsets.US_ASCII), r.reply(), "b answered a's call (was: not found)");
  }

  @Test
  void compositeQueryOverHttpReachesManagementQueries() throws Exception {
    // canister_status with an empty argument: the management canister answers (a Candid decode
    // error), instead of "Query method canister_status not found" as when management was unreachable.
    byte[] r = ReplicaHttp.query(replica, a, "relay", relayArg("canister_status", CanisterId.MANAGEMENT)).reply();
    String msg = new String(r, 4, r.length - 4, StandardCharsets.UTF_8);
    assertTrue(!msg.contains("not found"), msg);
    assertTrue(msg.toLowerCase().contains("candid"), msg);
  }

  @Test
  void queriesAndSubmissionsProceedWhileABatchExecutesAndSeeOnlyWholeBatches() throws Exception {
    byte[] tiny = Files.readAllBytes(Path.of("../jic-execution/src/test/resources/wat/tiny.wasm"));
    CanisterId t = ReplicaHttp.install(replica, tiny);
    ReplicaHttp.callAndWait(replica, t, "ping", new byte[0]);
    assertEquals(1, le(ReplicaHttp.query(replica, t, "get", new byte[0]).reply()));
    var lock = replica.core().lock();
    lock.lock(); // stands for a batch in execution: the driver cannot commit anything meanwhile
    dev.jic.interfaces.ingress.SignedIngressCall ping;
    try {
      ping = LocalReplicaTest.call(t, "ping", new byte[0], LocalReplicaTest.inMinutes(4), 77);
      assertInstanceOf(dev.jic.interfaces.ingress.SubmitResult.Accepted.class, replica.pool().submit(ping),
          "submission (with its inspect check) does not wait for the execution lock");
      for (int i = 0; i < 5; i++) {
        assertEquals(1, le(ReplicaHttp.query(replica, t, "get", new byte[0]).reply()),
            "queries answer during execution, from the last published state");
      }
    } finally {
      lock.unlock();
    }
    assertTrue(replica.certified().awaitCertifiedTerminalStatus(ping.content().requestId(), java.time.Duration.ofSeconds(30)));
    assertEquals(2, le(ReplicaHttp.query(replica, t, "get", new byte[0]).reply()));
  }

  @Test
  void unknownCanisterOverHttpIsRejected() throws Exception {
    ReplicaHttp.Answer r = ReplicaHttp.query(replica, CanisterId.fromU64(4242), "leaf", new byte[0]);
    assertEquals(3, r.rejectCode());
    assertEquals("IC0301", r.errorCode());
  }
}
