package dev.jic.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import dev.jic.interfaces.http.EffectiveId;
import dev.jic.interfaces.ingress.SignedIngressCall;
import dev.jic.interfaces.ingress.SubmitResult;
import dev.jic.interfaces.state.CertifiedSnapshot;
import dev.jic.interfaces.state.RequestOrigin;
import dev.jic.types.candid.Candid;
import dev.jic.types.cbor.Cbor;
import dev.jic.types.hash.HashValue;
import dev.jic.types.hash.HashValueCbor;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.messages.Blob;
import dev.jic.types.messages.CallContent;
import dev.jic.types.messages.EnvelopeParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingress pool, batch driver and certified states of a real {@link LocalReplica}, without an agent. */
class LocalReplicaTest {
  static LocalReplica replica;
  @TempDir static Path data;

  @BeforeAll
  static void start() {
    replica = LocalReplica.start(ReplicaConfig.local(0, data), line -> {});
  }

  @AfterAll
  static void stop() {
    replica.close();
  }

  /** An anonymous call envelope, parsed as the HTTP layer would hand it over. */
  static SignedIngressCall call(CanisterId canister, String method, byte[] arg, long expiryNanos, int nonce) throws Exception {
    TreeMap<String, HashValue> m = new TreeMap<>();
    m.put("request_type", new HashValue.Text("call"));
    m.put("sender", new HashValue.Blob(PrincipalId.ANONYMOUS.toBytes()));
    m.put("ingress_expiry", HashValue.Nat.ofUnsigned(expiryNanos));
    m.put("canister_id", new HashValue.Blob(canister.toBytes()));
    m.put("method_name", new HashValue.Text(method));
    m.put("arg", new HashValue.Blob(arg));
    m.put("nonce", new HashValue.Blob(new byte[] {(byte) nonce}));
    CBORObject env = CBORObject.NewOrderedMap();
    env.Add("content", HashValueCbor.mapToCbor(m));
    byte[] bytes = Cbor.encodeWithSelfDescribeTag(env);
    CallContent c = (CallContent) EnvelopeParser.parse(bytes).content();
    return new SignedIngressCall(c, Blob.of(bytes), new EffectiveId.Canister(CanisterId.fromU64(0)));
  }

  static byte[] createArg() throws Exception {
    return Candid.encode(List.of(Candid.parseType("record { amount : opt nat; settings : opt record {} }")),
        List.of(Candid.parseValue("record { amount = opt (1_000_000_000_000 : nat); settings = null }",
            Candid.parseType("record { amount : opt nat; settings : opt record {} }"))));
  }

  static long inMinutes(int m) {
    return System.currentTimeMillis() * 1_000_000L + Duration.ofMinutes(m).toNanos();
  }

  @Test
  void aCallSubmittedTwiceExecutesOnceAndItsOutcomeIsCertified() throws Exception {
    int before = replica.canisterCount();
    SignedIngressCall c = call(CanisterId.MANAGEMENT, "provisional_create_canister_with_cycles", createArg(), inMinutes(4), 1);
    assertInstanceOf(SubmitResult.Accepted.class, replica.pool().submit(c));
    assertInstanceOf(SubmitResult.Accepted.class, replica.pool().submit(c));
    assertTrue(replica.certified().awaitCertifiedTerminalStatus(c.content().requestId(), Duration.ofSeconds(30)));
    assertInstanceOf(SubmitResult.Accepted.class, replica.pool().submit(c), "already executed: accepted, not re-run");
    assertFalse(replica.certified().awaitCertifiedTerminalStatus(dev.jic.types.hash.RequestId.of(new byte[32]), Duration.ofMillis(300)));
    assertEquals(before + 1, replica.canisterCount(), "one canister, not two");

    CertifiedSnapshot snap = replica.certified().latestCertified().orElseThrow();
    RequestOrigin o = snap.requestOrigin(c.content().requestId()).orElseThrow();
    assertEquals(PrincipalId.ANONYMOUS, o.sender().principal());
    assertEquals(CanisterId.MANAGEMENT, o.receiver());
    byte[] cert = snap.certificate(List.of(List.of(Blob.of("request_status".getBytes()), Blob.of(c.content().requestId().toBytes()))))
        .toBytes();
    assertTrue(cert.length > 100);
  }

  /** Waits {@code millis} for {@code id} on a virtual thread: [terminal ? 1 : 0, elapsed ms]. */
  static java.util.concurrent.Future<long[]> waitFor(dev.jic.types.hash.RequestId id, long millis) {
    java.util.concurrent.FutureTask<long[]> t = new java.util.concurrent.FutureTask<>(() -> {
      long t0 = System.nanoTime();
      boolean done = replica.certified().awaitCertifiedTerminalStatus(id, Duration.ofMillis(millis));
      return new long[] {done ? 1 : 0, (System.nanoTime() - t0) / 1_000_000L};
    });
    Thread.ofVirtual().start(t);
    return t;
  }

  @Test
  void waitsForOneIdEndEachAtItsOwnDeadlineOrOnCertificationAndLeaveNothingBehind() throws Exception {
    byte[] raw = new byte[32];
    java.util.Arrays.fill(raw, (byte) 7);
    dev.jic.types.hash.RequestId unknown = dev.jic.types.hash.RequestId.of(raw);
    var shortWait = waitFor(unknown, 100);
    var longWait = waitFor(unknown, 700);
    long[] s = shortWait.get();
    long[] l = longWait.get();
    assertEquals(0, s[0]);
    assertEquals(0, l[0]);
    assertTrue(s[1] >= 100 && s[1] < 650, "short wait ended at its own deadline: " + s[1] + " ms");
    assertTrue(l[1] >= 700, "long wait not cut short by the short one sharing its id: " + l[1] + " ms");

    // A short and a long wait for a call that executes: the long one sees it certified.
    SignedIngressCall c = call(CanisterId.MANAGEMENT, "provisional_create_canister_with_cycles", createArg(), inMinutes(4), 9);
    var brief = waitFor(c.content().requestId(), 1);
    var patient = waitFor(c.content().requestId(), 30_000);
    brief.get();
    assertInstanceOf(SubmitResult.Accepted.class, replica.pool().submit(c));
    assertEquals(1, patient.get()[0]);
    assertEquals(0, replica.certified().waiterCount(), "no wait left registered");
  }

  @Test
  void unknownCanisterIsRefusedBeforeOrderingAndExpiredCallsNeverRun() throws Exception {
    SubmitResult r = replica.pool().submit(call(CanisterId.fromU64(777), "m", new byte[0], inMinutes(4), 2));
    SubmitResult.NonReplicatedRejection rej = assertInstanceOf(SubmitResult.NonReplicatedRejection.class, r);
    assertEquals(3, rej.rejectCode());
    assertEquals("IC0301", rej.errorCode().orElseThrow());

    int before = replica.canisterCount();
    SignedIngressCall expired = call(CanisterId.MANAGEMENT, "provisional_create_canister_with_cycles", createArg(),
        System.currentTimeMillis() * 1_000_000L - 1, 3);
    assertInstanceOf(SubmitResult.Accepted.class, replica.pool().submit(expired));
    assertFalse(replica.certified().awaitCertifiedTerminalStatus(expired.content().requestId(), Duration.ofMillis(800)));
    assertEquals(before, replica.canisterCount());
  }

  @Test
  void heightsAdvanceWithoutIngressAndTimeIsCertified() throws Exception {
    long h1 = replica.certified().latestCertified().orElseThrow().height().value();
    long h2 = h1;
    for (long deadline = System.nanoTime() + 30_000_000_000L; h2 <= h1 && System.nanoTime() < deadline; ) {
      Thread.sleep(20); // empty heights come every few hundred ms; a loaded machine may be slower
      h2 = replica.certified().latestCertified().orElseThrow().height().value();
    }
    assertTrue(h2 > h1, h1 + " -> " + h2);
    assertTrue(replica.health().startsWith("height="), replica.health());
  }
}
