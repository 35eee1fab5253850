package dev.jic.replica.subnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import dev.jic.crypto.bls.BlsDer;
import dev.jic.crypto.cert.CertificateVerification;
import dev.jic.crypto.cert.CertificateVerifier;
import dev.jic.interfaces.http.EffectiveId;
import dev.jic.interfaces.ingress.SignedIngressCall;
import dev.jic.interfaces.ingress.SubmitResult;
import dev.jic.interfaces.state.CertifiedSnapshot;
import dev.jic.types.candid.Candid;
import dev.jic.types.cbor.Cbor;
import dev.jic.types.hash.HashValue;
import dev.jic.types.hash.HashValueCbor;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.id.SubnetId;
import dev.jic.types.messages.Blob;
import dev.jic.types.messages.CallContent;
import dev.jic.types.messages.EnvelopeParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four real replicas in one process running ICC over the in-memory transport: they finalize and
 * certify heights with the subnet's threshold key, execute a call submitted to one of them on all
 * of them, serve verifiable certificates from every node, and resume after a restart.
 */
class LocalSubnetTest {
  @TempDir Path data;

  /** Fast delays (as the consensus tests use) and short intervals, so checkpoints and CUPs happen in the test. */
  private SubnetConfig config() {
    return SubnetConfig.local(0, data, 4).withDelays(300, 100).withIntervals(10, 10);
  }

  @Test
  void fourReplicasAgreeOnACallAndCertifyItAndResumeAfterARestart() throws Exception {
    byte[] rootKey;
    long certifiedBefore;
    SignedIngressCall create = call(CanisterId.MANAGEMENT, "provisional_create_canister_with_cycles", createArg(), 1);
    List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (LocalSubnet subnet = LocalSubnet.start(config(), lines::add)) {
      rootKey = subnet.rootKeyDer();
      await(() -> allCertifiedAtLeast(subnet, 3), "every replica certifies height 3");

      // Submitted to replica 1 only; gossip and consensus bring it to every replica.
      assertInstanceOf(SubmitResult.Accepted.class, subnet.node(1).ingress.submit(create));
      for (int i = 0; i < 4; i++) {
        assertTrue(subnet.node(i).certified.awaitCertifiedTerminalStatus(create.content().requestId(), Duration.ofSeconds(60)),
            "replica " + i + " certifies the call's outcome");
      }
      for (int i = 0; i < 4; i++) {
        SubnetNode n = subnet.node(i);
        assertEquals(1, (int) n.execution.locked(() -> n.execution.state.canisters().size()), "one canister on replica " + i);
        assertNull(subnet.halted(i));
      }
      // The same call again is accepted and never executed twice.
      assertInstanceOf(SubmitResult.Accepted.class, subnet.node(3).ingress.submit(create));

      // Every replica's certificate is signed by the subnet (2f+1 threshold shares) and verifies under the root key.
      for (int i = 0; i < 4; i++) {
        CertifiedSnapshot s = subnet.node(i).certified.latestCertified().orElseThrow();
        byte[] cert = s.certificate(List.of(List.of(Blob.of("time".getBytes(StandardCharsets.US_ASCII))))).toBytes();
        CertificateVerification v = CertificateVerifier.verify(cert, BlsDer.decode(rootKey),
            SubnetId.fromText(subnet.subnetId()));
        assertInstanceOf(CertificateVerification.Valid.class, v, "replica " + i + ": " + v);
        assertTrue(s.requestOrigin(create.content().requestId()).isPresent());
      }
      // A checkpoint interval of 10 and CUPs every 10 heights: get past one.
      await(() -> allCertifiedAtLeast(subnet, 12), "every replica certifies height 12 (past a CUP and a checkpoint)");
      certifiedBefore = subnet.certifiedHeight(0);
    }

    try (LocalSubnet again = LocalSubnet.start(config(), lines::add)) {
      assertArrayEquals(rootKey, again.rootKeyDer(), "the same network after a restart");
      await(() -> allCertifiedAtLeast(again, certifiedBefore + 2), "the restarted subnet certifies new heights");
      for (int i = 0; i < 4; i++) {
        SubnetNode n = again.node(i);
        assertEquals(1, (int) n.execution.locked(() -> n.execution.state.canisters().size()), "canister kept on replica " + i);
        assertNull(again.halted(i));
      }
      assertTrue(again.health().startsWith("nodes=4 "), again.health());
    }
    lines.forEach(System.out::println);
    assertTrue(lines.stream().noneMatch(l -> l.contains("halted") || l.contains("fell behind")), lines.toString());
  }

  @Test
  void oneStoppedReplicaOfFourDoesNotStopTheSubnet() throws Exception {
    List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (LocalSubnet subnet = LocalSubnet.start(config(), lines::add)) {
      await(() -> allCertifiedAtLeast(subnet, 2), "every replica certifies height 2");
      subnet.node(3).stop(); // f = 1 of n = 4: the other three still make 2f+1 = 3 shares
      long stoppedAt = subnet.certifiedHeight(3);
      long target = subnet.certifiedHeight(0) + 5;
      await(() -> subnet.certifiedHeight(0) >= target && subnet.certifiedHeight(1) >= target
          && subnet.certifiedHeight(2) >= target, "three replicas certify 5 more heights");
      SignedIngressCall create = call(CanisterId.MANAGEMENT, "provisional_create_canister_with_cycles", createArg(), 2);
      assertInstanceOf(SubmitResult.Accepted.class, subnet.node(2).ingress.submit(create));
      assertTrue(subnet.node(0).certified.awaitCertifiedTerminalStatus(create.content().requestId(), Duration.ofSeconds(60)));
      assertTrue(subnet.certifiedHeight(3) <= stoppedAt + 1, "the stopped replica made no progress");
      for (int i = 0; i < 3; i++) {
        assertNull(subnet.halted(i));
      }
    }
    assertTrue(lines.stream().noneMatch(l -> l.contains("halted") || l.contains("fell behind")), lines.toString());
  }

  private static boolean allCertifiedAtLeast(LocalSubnet s, long h) {
    for (int i = 0; i < s.size(); i++) {
      if (s.halted(i) != null) {
        throw new AssertionError("replica " + i + " halted: " + s.halted(i));
      }
      if (s.certifiedHeight(i) < h) {
        return false;
      }
    }
    return true;
  }

  private static void await(BooleanSupplier cond, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(50);
    }
  }

  /** An anonymous call envelope, parsed as the HTTP layer would hand it over. */
  static SignedIngressCall call(CanisterId canister, String method, byte[] arg, int nonce) throws Exception {
    long expiry = System.currentTimeMillis() * 1_000_000L + Duration.ofMinutes(4).toNanos();
    TreeMap<String, HashValue> m = new TreeMap<>();
    m.put("request_type", new HashValue.Text("call"));
    m.put("sender", new HashValue.Blob(PrincipalId.ANONYMOUS.toBytes()));
    m.put("ingress_expiry", HashValue.Nat.ofUnsigned(expiry));
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
    String type = "record { amount : opt nat; settings : opt record {} }";
    return Candid.encode(List.of(Candid.parseType(type)),
        List.of(Candid.parseValue("record { amount = opt (1_000_000_000_000 : nat); settings = null }", Candid.parseType(type))));
  }
}
