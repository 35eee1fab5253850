package dev.jic.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.interfaces.http.EffectiveId;
import dev.jic.interfaces.ingress.SignedIngressCall;
import dev.jic.interfaces.state.RequestOrigin;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.id.SubnetId;
import dev.jic.types.id.UserId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Request origins of management calls survive a restart; the log tolerates a torn last record. */
class OriginLogTest {
  @TempDir Path data;

  @Test
  void effectiveIdOfAManagementCallSurvivesARestart() throws Exception {
    SignedIngressCall c = LocalReplicaTest.call(CanisterId.MANAGEMENT, "provisional_create_canister_with_cycles",
        LocalReplicaTest.createArg(), LocalReplicaTest.inMinutes(4), 9);
    RequestId id = c.content().requestId();
    try (LocalReplica r = LocalReplica.start(ReplicaConfig.local(0, data), line -> {})) {
      r.pool().submit(c);
      assertTrue(r.certified().awaitCertifiedTerminalStatus(id, Duration.ofSeconds(30)));
    }
    try (LocalReplica r = LocalReplica.start(ReplicaConfig.local(0, data), line -> {})) {
      RequestOrigin o = r.certified().latestCertified().orElseThrow().requestOrigin(id).orElseThrow();
      assertEquals(new EffectiveId.Canister(CanisterId.fromU64(0)), o.effectiveId(),
          "the effective id the client used, not the subnet guessed for management calls");
    }
  }

  @Test
  void tornLastRecordIsIgnored() throws Exception {
    Path f = data.resolve("origins");
    OriginLog log = new OriginLog(f);
    RequestId a = RequestId.of(new byte[32]);
    RequestOrigin o = new RequestOrigin(new UserId(PrincipalId.ANONYMOUS), CanisterId.MANAGEMENT,
        new EffectiveId.Subnet(new SubnetId(PrincipalId.of(new byte[] {1, 2, 3}))));
    log.append(a, o);
    Files.write(f, new byte[] {7, 7, 7}, StandardOpenOption.APPEND);
    assertEquals(Map.of(a, o), log.load());
  }
}
