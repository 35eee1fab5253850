package dev.jic.execution.scheduler;

import dev.jic.execution.ExecutionResult;
import dev.jic.execution.Executor;
import dev.jic.execution.UserError;
import dev.jic.execution.routing.Router;
import dev.jic.execution.systemapi.ApiType;
import dev.jic.replicated.CallOrigin;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.Ingress;
import dev.jic.replicated.IngressStatus;
import dev.jic.replicated.Request;
import dev.jic.replicated.Response;
import dev.jic.replicated.SystemState;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.unit.Cycles;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One lane of a round: executes its canisters in order until its instruction budget is spent.
 * Per canister: the global timer if due and the heartbeat (first inner round only), then input
 * responses and incoming calls (ingress and canister requests alternating, responses first).
 * Touches only its own canisters; returns the ingress statuses to write (applied by the
 * scheduler on its thread).
 */
final class Lane {
  private final Executor executor;
  private final SchedulerConfig config;
  private final List<CanisterState> canisters;
  private long budget;
  private final long now;
  private final boolean firstInnerRound;

  Lane(Executor executor, SchedulerConfig config, List<CanisterState> canisters, long budget, long now,
      boolean firstInnerRound) {
    this.executor = executor;
    this.config = config;
    this.canisters = canisters;
    this.budget = budget;
    this.now = now;
    this.firstInnerRound = firstInnerRound;
  }

  /** What the lane did. */
  record Result(int messages, long instructions, Set<CanisterId> executed,
      List<Map.Entry<RequestId, IngressStatus>> statuses) {}

  private int messages;
  private long used;
  private final Set<CanisterId> executed = new TreeSet<>();
  private final List<Map.Entry<RequestId, IngressStatus>> statuses = new ArrayList<>();

  Result run() {
    for (CanisterState c : canisters) {
      if (budget - used <= 0) {
        break;
      }
      if (c.system().pausedRounds() > 0) {
        continue;
      }
      runCanister(c);
    }
    return new Result(messages, used, executed, statuses);
  }

  private void runCanister(CanisterState c) {
    SystemState s = c.system();
    if (firstInnerRound && Scheduler.running(c) && c.hasCode()) {
      if (s.globalTimerNanos() != 0 && s.globalTimerNanos() <= now) {
        account(c, null, executor.executeSystemTask(c, ApiType.GLOBAL_TIMER, now));
      }
      if (s.pausedRounds() == 0 && c.execution() != null && c.execution().exports("canister_heartbeat")) {
        account(c, null, executor.executeSystemTask(c, ApiType.HEARTBEAT, now));
      }
    }
    int turn = 0;
    while (budget - used > 0 && s.pausedRounds() == 0 && s.hasInput()) {
      if (!s.inputResponses().isEmpty()) {
        Response r = s.inputResponses().pollFirst();
        account(c, null, executor.executeResponse(c, r, now));
        continue;
      }
      boolean takeIngress = !s.ingressQueue().isEmpty() && (s.inputRequests().isEmpty() || turn++ % 2 == 0);
      if (takeIngress) {
        Ingress in = s.ingressQueue().pollFirst();
        CallOrigin.Ingress origin = new CallOrigin.Ingress(in.source(), in.messageId());
        UserError refused = Router.admissionError(c, c.id());
        if (refused != null) {
          statuses.add(entry(in.messageId(), IngressStatuses.rejected(c.id(), origin, refused, now)));
          continue;
        }
        account(c, in.messageId(), executor.executeUpdate(c, origin, in.method(), in.payload(), Cycles.ZERO, now));
      } else {
        Request r = s.inputRequests().pollFirst();
        if (r.deadlineNanos() != 0 && r.deadlineNanos() <= now) {
          continue; // expired best-effort request: the caller gets SYS_UNKNOWN from its own deadline
        }
        UserError refused = Router.admissionError(c, c.id());
        if (refused != null) {
          s.outputResponses().add(Router.rejectResponse(r, refused));
          continue;
        }
        account(c, null, executor.executeUpdate(c, new CallOrigin.Canister(r.sender(), r.senderCallbackId(),
            r.deadlineNanos()), r.method(), r.payload(), r.cycles(), now));
      }
    }
  }

  private void account(CanisterState c, RequestId started, ExecutionResult r) {
    messages++;
    executed.add(c.id());
    long instr = r.instructions();
    long slice = config.maxInstructionsPerSlice();
    SystemState s = c.system();
    boolean sliced = instr > slice;
    used += Math.min(instr, slice);
    if (sliced) {
      s.setPausedRounds((instr + slice - 1) / slice - 1);
    }
    IngressStatus st = IngressStatuses.of(c.id(), r, now);
    if (st == null) {
      return;
    }
    RequestId id = ((CallOrigin.Ingress) r.origin()).messageId();
    if (sliced && !(st instanceof IngressStatus.Processing)) {
      statuses.add(entry(id, new IngressStatus.Processing(c.id(), st.user(), now)));
      s.deferredStatuses().add(new SystemState.DeferredStatus(id, st));
    } else {
      statuses.add(entry(id, st));
    }
  }

  private static Map.Entry<RequestId, IngressStatus> entry(RequestId id, IngressStatus s) {
    return new AbstractMap.SimpleImmutableEntry<>(id, s);
  }
}
