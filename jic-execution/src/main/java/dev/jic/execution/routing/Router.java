package dev.jic.execution.routing;

import dev.jic.execution.ErrorCode;
import dev.jic.execution.UserError;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.CanisterStatus;
import dev.jic.replicated.Payload;
import dev.jic.replicated.ReplicatedState;
import dev.jic.replicated.Request;
import dev.jic.replicated.Response;
import dev.jic.replicated.SystemState;
import dev.jic.types.id.CanisterId;
import dev.jic.types.unit.Cycles;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves the outputs of executions to their destinations on this subnet: requests to the
 * receiver's input queue (or the subnet queue for {@code aaaaa-aa}), responses to the
 * originator's input responses. A request that cannot be delivered is answered at once with a
 * reject response carrying back its cycles: unknown receiver (DESTINATION_INVALID, IC0301),
 * stopped or stopping receiver (CANISTER_ERROR, IC0508/IC0509), full queue (SYS_TRANSIENT, IC0201).
 *
 * <p>Runs on the round's single writer thread, canisters in ascending id order, outputs in
 * production order: deterministic. Canisters whose execution is paused (deterministic time
 * slicing) keep their outputs until it completes.
 */
public final class Router {
  private final int queueCapacity;

  /** @param queueCapacity maximum queued requests per receiver */
  public Router(int queueCapacity) {
    this.queueCapacity = queueCapacity;
  }

  /** Routes every non-paused canister's outputs; returns how many messages moved. */
  public int route(ReplicatedState state) {
    int moved = 0;
    for (CanisterState c : new ArrayList<>(state.canisters().values())) {
      SystemState s = c.system();
      if (s.pausedRounds() > 0 || (s.outputRequests().isEmpty() && s.outputResponses().isEmpty())) {
        continue;
      }
      List<Request> reqs = new ArrayList<>(s.outputRequests());
      s.outputRequests().clear();
      List<Response> resps = new ArrayList<>(s.outputResponses());
      s.outputResponses().clear();
      for (Request r : reqs) {
        deliver(state, r);
        moved++;
      }
      for (Response r : resps) {
        deliver(state, r);
        moved++;
      }
    }
    return moved;
  }

  /** Delivers one request (or answers it with a reject response). */
  public void deliver(ReplicatedState state, Request r) {
    if (r.receiver().equals(CanisterId.MANAGEMENT)) {
      state.subnetQueue().addLast(r);
      return;
    }
    CanisterState target = state.canister(r.receiver());
    UserError reject = admissionError(target, r.receiver());
    if (reject == null && target.system().inputRequests().size() >= queueCapacity) {
      // dfinity/ic StateError::QueueFull, rejected with SYS_TRANSIENT by the stream handler.
      reject = new UserError(ErrorCode.CANISTER_QUEUE_FULL, "Maximum queue capacity " + queueCapacity + " reached");
    }
    if (reject != null) {
      deliver(state, rejectResponse(r, reject));
      return;
    }
    target.system().inputRequests().addLast(r);
  }

  /** Delivers one response to its originator (dropped if the originator no longer exists). */
  public void deliver(ReplicatedState state, Response r) {
    CanisterState target = state.canister(r.originator());
    if (target != null) {
      target.system().inputResponses().addLast(r);
    }
  }

  /**
   * Why a new call to {@code target} cannot be accepted: it does not exist, or is stopping or
   * stopped; null if it can.
   */
  public static UserError admissionError(CanisterState target, CanisterId id) {
    if (target == null) {
      return new UserError(ErrorCode.CANISTER_NOT_FOUND, "Canister " + id + " not found");
    }
    return switch (target.system().status()) {
      case RUNNING -> null;
      case STOPPING -> new UserError(ErrorCode.CANISTER_STOPPING, "Canister " + id + " is stopping");
      case STOPPED -> new UserError(ErrorCode.CANISTER_STOPPED, "Canister " + id + " is stopped");
    };
  }

  /** The reject response to {@code r} for {@code e}, refunding all attached cycles. */
  public static Response rejectResponse(Request r, UserError e) {
    return new Response(r.sender(), r.receiver(), r.senderCallbackId(), r.cycles(), e.toReject(), r.deadlineNanos());
  }

  /** A reply response to {@code r} with {@code data}, refunding {@code refund}. */
  public static Response replyResponse(Request r, byte[] data, Cycles refund) {
    return new Response(r.sender(), r.receiver(), r.senderCallbackId(), refund, new Payload.Data(data),
        r.deadlineNanos());
  }

  /** Whether {@code s} is running (used by callers that check status before executing). */
  static boolean running(SystemState s) {
    return s.status() == CanisterStatus.RUNNING;
  }
}
