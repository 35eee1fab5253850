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
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node's ingress pool: validated calls wait here for the next batch. Deduplicates by request
 * id (a call already pending or already in the ingress history is {@code Accepted} again and never
 * executed twice), refuses calls to canisters that do not exist and runs
 * {@code canister_inspect_message} before accepting (refusals are recorded nowhere) on the latest
 * certified {@link QueryState} without the execution lock, is bounded
 * ({@link #MAX_PENDING} messages or {@link #MAX_PENDING_BYTES}; beyond, {@code Overloaded}), and
 * drops messages that expired before they could be put in a batch. Thread-safe.
 */
final class IngressPool implements IngressSubmission {
  static final int MAX_PENDING = 10_000;
  static final long MAX_PENDING_BYTES = 256L << 20;

  private final LocalQueries queries;
  private final CertifiedStates certified;
  private final TimeSource clock;
  private final Runnable wake;
  private final Map<RequestId, IngressMessage> pending = new LinkedHashMap<>();
  /** Messages taken into the batch being executed, until its state is published. */
  private final Set<RequestId> inFlight = new HashSet<>();
  private long pendingBytes;

  IngressPool(LocalQueries queries, CertifiedStates certified, TimeSource clock, Runnable wake) {
    this.queries = queries;
    this.certified = certified;
    this.clock = clock;
    this.wake = wake;
  }

  @Override
  public SubmitResult submit(SignedIngressCall call) {
    CallContent c = call.content();
    RequestId id = c.requestId();
    synchronized (this) {
      if (known(id)) {
        return new SubmitResult.Accepted();
      }
      if (pending.size() >= MAX_PENDING || pendingBytes + call.signedEnvelope().length() > MAX_PENDING_BYTES) {
        return new SubmitResult.Overloaded("The ingress pool is full (" + pending.size() + " messages); try again later.", false);
      }
    }
    Optional<SubmitResult> refused = check(c);
    if (refused.isPresent()) {
      return refused.get();
    }
    synchronized (this) {
      if (!known(id)) {
        if (c.canisterId().isManagement()) {
          certified.recordOrigin(id, new RequestOrigin(c.sender(), c.canisterId(), call.effectiveId()));
        }
        // The HTTPS interface parsed exactly these bytes into c: routing reuses that parse.
        pending.put(id, IngressMessage.withDecodedCall(IngressId.of(id.toBytes()), new Time(c.ingressExpiry()),
            call.signedEnvelope().toBytes(), c));
        pendingBytes += call.signedEnvelope().length();
      }
    }
    wake.run();
    return new SubmitResult.Accepted();
  }

  /** Pending, in the batch being executed, or in the latest certified ingress history. Holding this. */
  private boolean known(RequestId id) {
    if (pending.containsKey(id) || inFlight.contains(id)) {
      return true;
    }
    CertifiedStates.Certified latest = certified.latest();
    return latest != null && latest.knows(id);
  }

  /**
   * Without any lock, on the latest certified query state: unknown canister, or refused by
   * inspect_message (run on a query slot).
   */
  private Optional<SubmitResult> check(CallContent c) {
    if (c.canisterId().isManagement()) {
      return Optional.empty();
    }
    CertifiedStates.Certified latest = certified.latest();
    QueryState qs = latest == null ? null : latest.query();
    if (qs == null) {
      return Optional.empty();
    }
    CanisterState canister = qs.canister(c.canisterId());
    if (canister == null) {
      return Optional.of(new SubmitResult.NonReplicatedRejection(3, "Canister " + c.canisterId() + " not found",
          Optional.of("IC0301")));
    }
    UserError e = queries.inspect(qs, canister, c.sender().principal(), c.methodName(), c.arg().toBytes());
    if (e != null) {
      return Optional.of(new SubmitResult.NonReplicatedRejection(e.rejectCode().code(), e.description(),
          Optional.of(e.code().text())));
    }
    return Optional.empty();
  }

  /** Whether {@code id} waits in the pool or in the batch being executed. */
  synchronized boolean isPending(RequestId id) {
    return pending.containsKey(id) || inFlight.contains(id);
  }

  /** The batch driver published the state after the last batch taken: its messages are now known there. */
  synchronized void published() {
    inFlight.clear();
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
    inFlight.addAll(pending.keySet());
    pending.clear();
    pendingBytes = 0;
    return out;
  }
}
