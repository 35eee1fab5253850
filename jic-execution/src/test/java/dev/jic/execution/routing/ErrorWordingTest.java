package dev.jic.execution.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.jic.execution.scheduler.SchedulerConfig;
import dev.jic.replicated.IngressStatus;
import dev.jic.replicated.Payload;
import dev.jic.replicated.RejectCode;
import dev.jic.replicated.Request;
import dev.jic.replicated.Response;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.unit.Cycles;
import dev.jic.wasm.engine.ChicoryEngine;
import dev.jic.wasm.engine.EngineConfig;
import org.junit.jupiter.api.Test;

/**
 * Error texts checked against dfinity/ic: queue full ({@code StateError::QueueFull}, rejected with
 * SYS_TRANSIENT), management methods users may not call ({@code "<method> cannot be called by a
 * user."}), invalid controller ({@code CanisterManagerError::CanisterInvalidController} with its
 * help text).
 */
class ErrorWordingTest {
  static final ChicoryEngine ENGINE = new ChicoryEngine(EngineConfig.defaults());

  @Test
  void queueFullUserCallsAndControllers() {
    try (InProcessSubnet s = InProcessSubnet.application(ENGINE, SchedulerConfig.defaults(1))) {
      CanisterId a = Tiny.install(s);
      CanisterId b = Tiny.install(s);
      Router router = new Router(1);
      router.deliver(s.state(), new Request(b, a, "ping", new byte[0], Cycles.ZERO, 1, 0));
      router.deliver(s.state(), new Request(b, a, "ping", new byte[0], Cycles.ZERO, 2, 0));
      assertEquals(1, s.state().canister(b).system().inputRequests().size());
      Response r = s.state().canister(a).system().inputResponses().peekLast();
      assertEquals(2, r.originatorCallbackId());
      assertEquals(new Payload.Reject(RejectCode.SYS_TRANSIENT, "Maximum queue capacity 1 reached"), r.payload());

      IngressStatus.Rejected rand = assertInstanceOf(IngressStatus.Rejected.class, s.call(Tiny.USER,
          CanisterId.MANAGEMENT, "raw_rand", new byte[0]));
      assertEquals("IC0504", rand.errorCode());
      assertEquals("raw_rand cannot be called by a user.", rand.message());

      PrincipalId stranger = PrincipalId.of(new byte[] {7, 7, 7, 1});
      IngressStatus.Rejected ctl = assertInstanceOf(IngressStatus.Rejected.class, s.call(stranger,
          CanisterId.MANAGEMENT, "stop_canister", Mgmt.canisterId(a)));
      assertEquals("IC0512", ctl.errorCode());
      assertEquals("Only the controllers of the canister " + a + " can control it.\nCanister's controllers: "
          + Tiny.USER + "\nSender's ID: " + stranger + "\nExecute this call from a controller of the target canister "
          + "or add the current caller as a controller. See documentation: "
          + "https://internetcomputer.org/docs/current/references/execution-errors#invalid-controller", ctl.message());
    }
  }
}
