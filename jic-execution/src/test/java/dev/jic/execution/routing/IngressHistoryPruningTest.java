package dev.jic.execution.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jic.execution.scheduler.SchedulerConfig;
import dev.jic.replicated.IngressStatus;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.wasm.engine.ChicoryEngine;
import dev.jic.wasm.engine.EngineConfig;
import org.junit.jupiter.api.Test;

/**
 * Ingress history transitions through the scheduler: processing while a sliced message runs,
 * replied / rejected at the batch time, done after the retention time (300 s) and removed
 * ("unknown") after another; the statuses carry the batch time of their last change.
 */
class IngressHistoryPruningTest {
  static final ChicoryEngine ENGINE = new ChicoryEngine(EngineConfig.defaults());
  static final long RETENTION = 300_000_000_000L;

  @Test
  void processingRepliedDoneRemoved() {
    // Slices of 100,000 instructions: spin(50000) spans several rounds.
    try (InProcessSubnet s = InProcessSubnet.application(ENGINE, SchedulerConfig.defaults(1).withLimits(
        7_000_000_000L, 100_000L))) {
      CanisterId t = Tiny.install(s);
      RequestId spin = s.submit(Tiny.USER, t, "spin", Tiny.spin(50_000));
      RequestId missing = s.submit(Tiny.USER, t, "nope", new byte[0]);
      s.executeBatch();
      IngressStatus p = s.state().ingressHistory().get(spin);
      assertInstanceOf(IngressStatus.Processing.class, p);
      assertEquals(t, p.receiver());
      assertEquals(Tiny.USER, p.user());
      assertInstanceOf(IngressStatus.Received.class, s.state().ingressHistory().get(missing),
          "queued behind the paused canister");
      IngressStatus st = p;
      for (int i = 0; i < 50 && st instanceof IngressStatus.Processing; i++) {
        s.executeBatch();
        st = s.state().ingressHistory().get(spin);
      }
      IngressStatus.Replied replied = assertInstanceOf(IngressStatus.Replied.class, st);
      assertEquals(s.time(), replied.timeNanos(), "stamped with the batch time of the reply");
      long repliedAt = s.time();
      s.executeBatch();
      IngressStatus.Rejected r = assertInstanceOf(IngressStatus.Rejected.class, s.state().ingressHistory()
          .get(missing));
      assertEquals("IC0536", r.errorCode());
      assertEquals(true, r.timeNanos() >= repliedAt && r.timeNanos() <= s.time(), r.message());

      s.advanceTime(RETENTION - 3 * InProcessSubnet.BATCH_INTERVAL);
      s.executeBatch();
      assertInstanceOf(IngressStatus.Replied.class, s.state().ingressHistory().get(spin), "kept until 300 s old");
      s.executeBatch();
      IngressStatus.Done done = assertInstanceOf(IngressStatus.Done.class, s.state().ingressHistory().get(spin));
      assertEquals(repliedAt + RETENTION, done.timeNanos());
      s.executeBatch();
      assertInstanceOf(IngressStatus.Done.class, s.state().ingressHistory().get(missing), "rejects too");

      s.advanceTime(RETENTION - 3 * InProcessSubnet.BATCH_INTERVAL);
      s.executeBatch();
      assertInstanceOf(IngressStatus.Done.class, s.state().ingressHistory().get(spin));
      s.executeBatch();
      assertNull(s.state().ingressHistory().get(spin), "done entries are pruned after another 300 s");
      s.executeBatch();
      assertNull(s.state().ingressHistory().get(missing));
    }
  }
}
