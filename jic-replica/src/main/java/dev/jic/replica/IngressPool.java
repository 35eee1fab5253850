package dev.jic.replica;

import dev.jic.execution.UserError;
import dev.jic.interfaces.consensus.IngressId;
import dev.jic.interfaces.consensus.IngressMessage;
import dev.jic.interfaces.consensus.Time;
import dev.jic.interfaces.consensus.TimeSource;
import dev.jic.interfaces.ingress.IngressSubmission;
import dev.jic.interfaces.ingress.SignedIngressCall;
import dev.jic.interfaces.ingress.SubmitResult;
import dev.jic.interfaces.state.RequestOrigin;
import dev.jic.replicated.CanisterState;
import dev.jic.types.hash.RequestId;
import dev.jic.types.messages.CallContent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node's ingress pool: validated calls wait here for the next batch. Deduplicates by request
 * id (a call already pending or already in the ingress history is {@code Accepted} again and never
 * executed twice), refuses calls to canisters that do not exist and runs
 * {@code canister_inspect_message} before accepting (refusals are recorded nowhere), is bounded
 * ({@link #MAX_PENDING} messages or {@link #MAX_PENDING_BYTES}; beyond, {@code Overloaded}), and
 * drops messages that expired before they could be put in a batch. Thread-safe.
 */
final class IngressPool implements IngressSubmission {
  static final int MAX_PENDING = 10_000;
  static final long MAX_PENDING_BYTES = 256L << 20;

  private final ExecutionCore core;
  private final CertifiedStates certified;
  private final TimeSource clock;
  private final Runnable wake;
  private final Map<RequestId, IngressMessage> pending = new LinkedHashMap<>();
  private long pendingBytes;

  IngressPool(ExecutionCore core, CertifiedStates certified, TimeSource clock, Runnable wake) {
    this.core = core;
    this.certified = certified;
    this.clock = clock;
    this.wake = wake;
  }

  @Override
  public SubmitResult submit(SignedIngressCall call) {
    CallContent c = call.content();
    RequestId id = c.requestId();
    synchronized (this) {
      if (pending.containsKey(id)) {
        return new SubmitResult.Accepted();
      }
      if (pending.size() >= MAX_PENDING || pendingBytes + call.signedEnvelope().length() > MAX_PENDING_BYTES) {
        return new SubmitResult.Overloaded("The ingress pool is full (" + pending.size() + " messages); try again later.", false);
      }
    }
    Optional<SubmitResult> refused = core.locked(() -> check(c));
    if (refused.isPresent()) {
      return refused.get();
    }
    synchronized (this) {
      if (!pending.containsKey(id)) {
        certified.recordOrigin(id, new RequestOrigin(c.sender(), c.canisterId(), call.effectiveId()));
        pending.put(id, new IngressMessage(IngressId.of(id.toBytes()), new Time(c.ingressExpiry()), call.signedEnvelope().toBytes()));
        pendingBytes += call.signedEnvelope().length();
      }
    }
    wake.run();
    return new SubmitResult.Accepted();
  }

  /** Under the state lock: already known, unknown canister, or refused by inspect_message. */
  private Optional<SubmitResult> check(CallContent c) {
    if (core.state.ingressHistory().get(c.requestId()) != null) {
      return Optional.of(new SubmitResult.Accepted());
    }
    if (c.canisterId().isManagement()) {
      return Optional.empty();
    }
    CanisterState canister = core.state.canister(c.canisterId());
    if (canister == null) {
      return Optional.of(new SubmitResult.NonReplicatedRejection(3, "Canister " + c.canisterId() + " not found",
          Optional.of("IC0301")));
    }
    UserError e = core.executor.inspectMessage(canister, c.sender().principal(), c.methodName(), c.arg().toBytes(),
        core.state.metadata().batchTimeNanos());
    if (e != null) {
      return Optional.of(new SubmitResult.NonReplicatedRejection(e.rejectCode().code(), e.description(),
          Optional.of(e.code().text())));
    }
    return Optional.empty();
  }

  /** True if calls are waiting. */
  synchronized boolean hasPending() {
    return !pending.isEmpty();
  }

  /** Takes every pending message not expired at {@code batchTime}, in arrival order. */
  synchronized List<IngressMessage> take(Time batchTime) {
    List<IngressMessage> out = new ArrayList<>(pending.size());
    for (IngressMessage m : pending.values()) {
      if (!m.expiry().isBefore(batchTime)) {
        out.add(m);
      }
    }
    pending.clear();
    pendingBytes = 0;
    return out;
  }
}
