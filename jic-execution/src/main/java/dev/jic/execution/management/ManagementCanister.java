package dev.jic.execution.management;

import static dev.jic.execution.management.McCandid.*;

import dev.jic.execution.CanisterManager;
import dev.jic.execution.ErrorCode;
import dev.jic.execution.Executor;
import dev.jic.execution.InstallMode;
import dev.jic.execution.UserError;
import dev.jic.execution.routing.Router;
import dev.jic.execution.scheduler.IngressStatuses;
import dev.jic.replicated.CallOrigin;
import dev.jic.replicated.CanisterChange;
import dev.jic.replicated.CanisterSettings;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.CanisterStatus;
import dev.jic.replicated.Ingress;
import dev.jic.replicated.IngressStatus;
import dev.jic.replicated.Payload;
import dev.jic.replicated.ReplicatedState;
import dev.jic.replicated.Request;
import dev.jic.replicated.Response;
import dev.jic.replicated.SubnetMessage;
import dev.jic.replicated.SystemState;
import dev.jic.types.candid.IdlValue;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.Sha;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.unit.Cycles;
import java.util.List;

/**
 * The management canister {@code aaaaa-aa}: executes the subnet queue (ingress from users and
 * requests from canisters) on the round's writer thread, with Candid arguments and results as in
 * {@code ic.did} and controllers enforced. Answers go to the ingress history or back to the
 * calling canister as responses (refunding unused cycles). {@code stop_canister} answers once the
 * canister is stopped ({@link #completeStops}). Non-replicated {@code canister_status} and
 * {@code fetch_canister_logs} are in {@link #query}.
 */
public final class ManagementCanister {
  /** Cycles a canister gets from {@code provisional_create_canister_with_cycles} without an amount. */
  public static final Cycles DEFAULT_PROVISIONAL_CYCLES = Cycles.of(100_000_000_000_000L);
  private final Executor executor;
  private final CanisterManager manager;
  private final Router router;
  private final long slice;
  private byte[] randomness = new byte[32];
  private long randCounter;
  private final Methods methods;

  public ManagementCanister(Executor executor, CanisterManager manager, Router router, long sliceInstructions) {
    this.executor = executor;
    this.manager = manager;
    this.router = router;
    this.slice = sliceInstructions;
    this.methods = new Methods(executor, manager, this);
  }

  /** The outcome of one management call. */
  public sealed interface Outcome {
    /** Replied with {@code data}; {@code refund} goes back to a calling canister. */
    record Reply(byte[] data, Cycles refund) implements Outcome {}

    /** Failed; all cycles go back. */
    record Error(UserError error) implements Outcome {}

    /** Answered later (stop_canister). */
    record Pending() implements Outcome {}
  }

  /** Starts a round with the batch's randomness ({@code raw_rand} derives from it). */
  public void beginRound(byte[] batchRandomness) {
    randomness = batchRandomness.clone();
    randCounter = 0;
  }

  byte[] nextRandom() {
    byte[] ctr = new byte[8];
    long n = randCounter++;
    for (int i = 0; i < 8; i++) {
      ctr[i] = (byte) (n >>> (56 - 8 * i));
    }
    return Sha.sha256(Sha.domainSeparator("jic-raw-rand"), randomness, ctr);
  }

  /** Executes every queued management message; returns how many. */
  public int drain(ReplicatedState state, long now) {
    int n = 0;
    while (!state.subnetQueue().isEmpty()) {
      SubnetMessage m = state.subnetQueue().pollFirst();
      n++;
      switch (m) {
        case Ingress in -> {
          CallOrigin.Ingress origin = new CallOrigin.Ingress(in.source(), in.messageId());
          Call call = new Call(in.source(), false, in.method(), in.payload(), Cycles.ZERO, origin, 0);
          Methods.Result r = methods.execute(state, call, now);
          answer(state, call, r, now);
        }
        case Request r -> {
          CallOrigin.Canister origin = new CallOrigin.Canister(r.sender(), r.senderCallbackId(), r.deadlineNanos());
          Call call = new Call(r.sender().principal(), true, r.method(), r.payload(), r.cycles(), origin,
              r.senderCallbackId());
          answer(state, call, methods.execute(state, call, now), now);
        }
      }
    }
    return n;
  }

  /**
   * A management call being executed.
   *
   * @param caller the user or canister
   * @param fromCanister whether {@code caller} is a canister
   * @param cycles cycles attached
   * @param origin where the answer goes
   * @param callbackId the caller's callback (canister calls)
   */
  record Call(PrincipalId caller, boolean fromCanister, String method, byte[] payload, Cycles cycles,
      CallOrigin origin, long callbackId) {}

  private void answer(ReplicatedState state, Call call, Methods.Result res, long now) {
    Outcome o = res.outcome();
    if (o instanceof Outcome.Pending) {
      if (call.origin() instanceof CallOrigin.Ingress in) {
        state.ingressHistory().set(in.messageId(), new IngressStatus.Processing(CanisterId.MANAGEMENT, in.user(),
            now));
      }
      return;
    }
    Payload p = o instanceof Outcome.Reply r ? new Payload.Data(r.data()) : ((Outcome.Error) o).error().toReject();
    UserError err = o instanceof Outcome.Error e ? e.error() : null;
    Cycles refund = o instanceof Outcome.Reply r ? r.refund() : call.cycles();
    CanisterState paused = res.instructions() > slice && res.target() != null ? state.canister(res.target()) : null;
    if (paused != null) {
      paused.system().setPausedRounds((res.instructions() + slice - 1) / slice - 1);
    }
    switch (call.origin()) {
      case CallOrigin.Ingress in -> {
        IngressStatus st = err != null ? IngressStatuses.rejected(CanisterId.MANAGEMENT, in, err, now)
            : IngressStatuses.answered(CanisterId.MANAGEMENT, in, p, null, now);
        if (paused != null && paused.system().pausedRounds() > 0) {
          state.ingressHistory().set(in.messageId(), new IngressStatus.Processing(CanisterId.MANAGEMENT, in.user(),
              now));
          paused.system().deferredStatuses().add(new SystemState.DeferredStatus(in.messageId(), st));
        } else {
          state.ingressHistory().set(in.messageId(), st);
        }
      }
      case CallOrigin.Canister k -> {
        Response resp = new Response(k.sender(), CanisterId.MANAGEMENT, k.callbackId(), refund, p, k.deadlineNanos());
        if (paused != null && paused.system().pausedRounds() > 0) {
          paused.system().outputResponses().add(resp);
        } else {
          router.deliver(state, resp);
        }
      }
      default -> throw new IllegalStateException("management call from " + call.origin());
    }
  }

  /**
   * Moves stopping canisters without open call contexts to stopped and answers their
   * {@code stop_canister} calls; returns how many calls were answered.
   */
  public int completeStops(ReplicatedState state, long now) {
    int n = 0;
    for (CanisterState c : state.canisters().values()) {
      SystemState s = c.system();
      if (s.status() == CanisterStatus.STOPPING && s.callContexts().contexts().isEmpty()) {
        s.setStatus(CanisterStatus.STOPPED);
      }
      if (s.status() == CanisterStatus.STOPPED && !s.stopWaiters().isEmpty()) {
        for (SystemState.StopWaiter w : List.copyOf(s.stopWaiters())) {
          Call call = new Call(w.origin().caller(), w.origin() instanceof CallOrigin.Canister, "stop_canister",
              new byte[0], Cycles.ZERO, w.origin(), w.callbackId());
          answer(state, call, new Methods.Result(new Outcome.Reply(empty(), Cycles.ZERO), 0, null), now);
          n++;
        }
        s.stopWaiters().clear();
      }
    }
    return n;
  }

  /** Uninstalls a canister that could not pay for its storage (history records it). */
  public void uninstallForCycles(ReplicatedState state, CanisterState c, long now) {
    methods.uninstall(state, c, PrincipalId.MANAGEMENT_CANISTER, false, now);
  }

  /**
   * Non-replicated management queries: {@code canister_status} and {@code fetch_canister_logs}
   * from {@code caller}. Returns the reply bytes or the error.
   */
  public Outcome query(ReplicatedState state, PrincipalId caller, String method, byte[] arg, long now) {
    return switch (method) {
      case "canister_status", "fetch_canister_logs" -> methods.execute(state, new Call(caller, false, method, arg,
          Cycles.ZERO, new CallOrigin.Query(caller), 0), now, true).outcome();
      default -> new Outcome.Error(new UserError(ErrorCode.CANISTER_METHOD_NOT_FOUND,
          "Query method " + method + " not found."));
    };
  }

  /** Creates a canister with {@code cycles} for {@code controllers} (drun, tests, genesis). */
  public CanisterId provisionalCreate(ReplicatedState state, List<PrincipalId> controllers, Cycles cycles, long now) {
    CanisterId id = manager.createCanister(state, CanisterSettings.defaults(controllers), cycles);
    CanisterState c = state.canister(id);
    c.system().recordChange(new CanisterChange(now, c.system().version(), controllers.isEmpty()
        ? PrincipalId.MANAGEMENT_CANISTER : controllers.get(0), false, CanisterChange.Kind.CREATION, null, null,
        controllers));
    return id;
  }

  static UserError invalidPayload(DecodeException e) {
    return new UserError(ErrorCode.INVALID_MANAGEMENT_PAYLOAD, "Error decoding candid: " + e.getMessage());
  }

  /** Whether the install mode is an upgrade (used in history). */
  static String modeName(InstallMode m) {
    return switch (m) {
      case InstallMode.Install i -> "install";
      case InstallMode.Reinstall r -> "reinstall";
      case InstallMode.Upgrade u -> "upgrade";
    };
  }

  /** Answers a pending stop_canister call with IC0511 (a start_canister cancelled it). */
  void answerCancelled(ReplicatedState state, SystemState.StopWaiter w, long now) {
    Call call = new Call(w.origin().caller(), w.origin() instanceof CallOrigin.Canister, "stop_canister",
        new byte[0], Cycles.ZERO, w.origin(), w.callbackId());
    answer(state, call, new Methods.Result(new Outcome.Error(new UserError(ErrorCode.CANISTER_STOPPING_CANCELLED,
        "Canister's stop request was cancelled.")), 0, null), now);
  }
}
