package dev.jic.replica;

import dev.jic.execution.ErrorCode;
import dev.jic.execution.Executor;
import dev.jic.execution.ManagementQueries;
import dev.jic.execution.QueryResult;
import dev.jic.execution.UserError;
import dev.jic.execution.management.ManagementCanister;
import dev.jic.interfaces.http.EffectiveId;
import dev.jic.interfaces.query.QueryExecution;
import dev.jic.interfaces.query.QueryOutcome;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.Payload;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.messages.Blob;
import dev.jic.types.messages.QueryContent;
import dev.jic.types.messages.QueryResponse;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

/**
 * Queries and inspect checks on the latest certified {@link QueryState} (an immutable copy of the
 * state after the last executed batch, certified in the same step), run on one of a few
 * {@link QuerySlot}s WITHOUT the execution lock: they proceed while the next batch executes and
 * never see a half-executed one. Changes they make are discarded. Composite queries reach every
 * canister of the snapshot and the management canister's query methods ({@code canister_status},
 * {@code fetch_canister_logs}); direct management queries go to the management canister. A
 * query's {@code ic0.data_certificate} is the snapshot's certificate of the canister's certified
 * data. Before the first certification: {@code Unavailable}. Thread-safe.
 */
final class LocalQueries implements QueryExecution {
  private final ExecutionCore core;
  private final CertifiedStates certified;
  private final BlockingQueue<QuerySlot> slots;

  /** {@code n} slots: at most {@code n} queries run at once, the others wait for a slot. */
  LocalQueries(ExecutionCore core, CertifiedStates certified, int n) {
    this.core = core;
    this.certified = certified;
    this.slots = new ArrayBlockingQueue<>(n);
    for (int i = 0; i < n; i++) {
      slots.add(new QuerySlot(new Executor(core.engine, core.executor.config())));
    }
  }

  @Override
  public QueryOutcome execute(QueryContent q, EffectiveId effectiveId) {
    CertifiedStates.Certified c = certified.latest();
    if (c == null || c.query() == null) {
      return new QueryOutcome.Unavailable("Certified state is not available yet.");
    }
    // The snapshot's checkpoint files stay mapped while c.query() is reachable (jic-state maps
    // them until unreferenced), so no page store can be closed under this query.
    return new QueryOutcome.Answered(withSlot(slot -> run(slot, c.query(), q)));
  }

  /** Runs {@code f} on a free slot (waiting for one). */
  <T> T withSlot(Function<QuerySlot, T> f) {
    QuerySlot slot;
    try {
      slot = slots.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a query slot", e);
    }
    try {
      return f.apply(slot);
    } finally {
      slots.add(slot);
    }
  }

  /**
   * {@code canister_inspect_message} of {@code canister} in {@code qs} for an ingress call: null if
   * accepted (or the canister exports no hook), else why not.
   */
  UserError inspect(QueryState qs, CanisterState canister, PrincipalId caller, String method, byte[] arg) {
    return withSlot(slot -> slot.executor.inspectMessage(slot.materialize(canister), caller, method, arg, qs.timeNanos));
  }

  /** The management canister's non-replicated methods on {@code qs}, for composite queries calling {@code aaaaa-aa}. */
  private ManagementQueries managementQueries(QueryState qs) {
    return (caller, method, arg) -> switch (core.scheduler.management().query(qs.state, caller, method, arg, qs.timeNanos)) {
      case ManagementCanister.Outcome.Reply r -> new QueryResult(new Payload.Data(r.data()), null, 0);
      case ManagementCanister.Outcome.Error e -> new QueryResult(e.error().toReject(), e.error(), 0);
      case ManagementCanister.Outcome.Pending p -> {
        UserError e = new UserError(ErrorCode.CANISTER_CONTRACT_VIOLATION, "management query " + method + " did not complete");
        yield new QueryResult(e.toReject(), e, 0);
      }
    };
  }

  private QueryResponse run(QuerySlot slot, QueryState qs, QueryContent q) {
    CanisterId id = q.canisterId();
    if (id.isManagement()) {
      return switch (core.scheduler.management().query(qs.state, q.sender().principal(), q.methodName(), q.arg().toBytes(),
          qs.timeNanos)) {
        case ManagementCanister.Outcome.Reply r -> new QueryResponse.Replied(Blob.of(r.data()));
        case ManagementCanister.Outcome.Error e -> new QueryResponse.Rejected(e.error().rejectCode().code(), e.error().description(),
            Optional.of(e.error().code().text()));
        case ManagementCanister.Outcome.Pending p -> new QueryResponse.Rejected(5, "management query did not complete",
            Optional.of("IC0504"));
      };
    }
    byte[] cert = qs.canister(id) == null ? null : qs.dataCertificate(id);
    QueryResult r = slot.executor.executeQuery(k -> slot.materialize(qs.canister(k)), managementQueries(qs), id,
        q.sender().principal(), q.methodName(), q.arg().toBytes(), qs.timeNanos, cert);
    return switch (r.payload()) {
      case Payload.Data d -> new QueryResponse.Replied(Blob.of(d.bytes()));
      case Payload.Reject j -> new QueryResponse.Rejected(j.code().code(), j.message(),
          r.error() == null ? Optional.empty() : Optional.of(r.error().code().text()));
    };
  }
}
