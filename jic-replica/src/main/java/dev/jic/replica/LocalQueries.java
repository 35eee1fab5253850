package dev.jic.replica;

import dev.jic.execution.QueryResult;
import dev.jic.execution.management.ManagementCanister;
import dev.jic.interfaces.http.EffectiveId;
import dev.jic.interfaces.query.QueryExecution;
import dev.jic.interfaces.query.QueryOutcome;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.Payload;
import dev.jic.types.id.CanisterId;
import dev.jic.types.messages.Blob;
import dev.jic.types.messages.QueryContent;
import dev.jic.types.messages.QueryResponse;
import java.util.Optional;

/**
 * Queries on the latest state (the state after the last executed batch, which this node certifies
 * in the same step), run under the state lock; their changes are discarded by the executor.
 * Management queries ({@code canister_status}, {@code fetch_canister_logs}) go to the management
 * canister. Before the first certification: {@code Unavailable}.
 */
final class LocalQueries implements QueryExecution {
  private final ExecutionCore core;
  private final CertifiedStates certified;

  LocalQueries(ExecutionCore core, CertifiedStates certified) {
    this.core = core;
    this.certified = certified;
  }

  @Override
  public QueryOutcome execute(QueryContent q, EffectiveId effectiveId) {
    if (certified.latest() == null) {
      return new QueryOutcome.Unavailable("Certified state is not available yet.");
    }
    return new QueryOutcome.Answered(core.locked(() -> run(q)));
  }

  private QueryResponse run(QueryContent q) {
    long now = core.state.metadata().batchTimeNanos();
    CanisterId id = q.canisterId();
    if (id.isManagement()) {
      return switch (core.scheduler.management().query(core.state, q.sender().principal(), q.methodName(), q.arg().toBytes(), now)) {
        case ManagementCanister.Outcome.Reply r -> new QueryResponse.Replied(Blob.of(r.data()));
        case ManagementCanister.Outcome.Error e -> new QueryResponse.Rejected(e.error().rejectCode().code(), e.error().description(),
            Optional.of(e.error().code().text()));
        case ManagementCanister.Outcome.Pending p -> new QueryResponse.Rejected(5, "management query did not complete",
            Optional.of("IC0504"));
      };
    }
    CanisterState c = core.state.canister(id);
    if (c == null) {
      return new QueryResponse.Rejected(3, "Canister " + id + " not found", Optional.of("IC0301"));
    }
    QueryResult r = core.executor.executeQuery(c, q.sender().principal(), q.methodName(), q.arg().toBytes(), now, null);
    return switch (r.payload()) {
      case Payload.Data d -> new QueryResponse.Replied(Blob.of(d.bytes()));
      case Payload.Reject j -> new QueryResponse.Rejected(j.code().code(), j.message(),
          r.error() == null ? Optional.empty() : Optional.of(r.error().code().text()));
    };
  }
}
