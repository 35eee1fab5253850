package dev.jic.replica.subnet;

import dev.jic.execution.ManagementQueries;
import dev.jic.execution.QueryResult;
import dev.jic.execution.management.ManagementCanister;
import dev.jic.interfaces.http.EffectiveId;
import dev.jic.interfaces.query.QueryExecution;
import dev.jic.interfaces.query.QueryOutcome;
import dev.jic.replicated.Payload;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.messages.Blob;
import dev.jic.types.messages.QueryContent;
import dev.jic.types.messages.QueryResponse;
import java.util.Optional;

/**
 * Queries on one replica's latest executed state, run under its state lock; the executor discards
 * their changes. Composite queries reach every canister of the subnet and the management
 * canister's queries; queries to the management canister itself ({@code canister_status},
 * {@code fetch_canister_logs}) go to it directly. Before the replica's first certified state:
 * {@code Unavailable}.
 */
final class NodeQueries implements QueryExecution {
  private final NodeExecution execution;
  private final NodeCertifiedStates certified;

  NodeQueries(NodeExecution execution, NodeCertifiedStates certified) {
    this.execution = execution;
    this.certified = certified;
  }

  @Override
  public QueryOutcome execute(QueryContent q, EffectiveId effectiveId) {
    if (certified.latestCertified().isEmpty()) {
      return new QueryOutcome.Unavailable("Certified state is not available yet.");
    }
    return new QueryOutcome.Answered(execution.locked(() -> run(q)));
  }

  private QueryResponse run(QueryContent q) {
    long now = execution.state.metadata().batchTimeNanos();
    PrincipalId caller = q.sender().principal();
    QueryResult r = q.canisterId().isManagement()
        ? management(now).query(caller, q.methodName(), q.arg().toBytes())
        : execution.executor.executeQuery(execution.state::canister, management(now), q.canisterId(), caller,
            q.methodName(), q.arg().toBytes(), now, null);
    return switch (r.payload()) {
      case Payload.Data d -> new QueryResponse.Replied(Blob.of(d.bytes()));
      case Payload.Reject j -> new QueryResponse.Rejected(j.code().code(), j.message(),
          r.error() == null ? Optional.empty() : Optional.of(r.error().code().text()));
    };
  }

  private ManagementQueries management(long now) {
    return (caller, method, arg) -> switch (execution.scheduler.management().query(execution.state, caller, method, arg, now)) {
      case ManagementCanister.Outcome.Reply r -> new QueryResult(new Payload.Data(r.data()), null, 0);
      case ManagementCanister.Outcome.Error e -> new QueryResult(e.error().toReject(), e.error(), 0);
      case ManagementCanister.Outcome.Pending p -> {
        dev.jic.execution.UserError e = new dev.jic.execution.UserError(dev.jic.execution.ErrorCode.CANISTER_CONTRACT_VIOLATION,
            "management query did not complete");
        yield new QueryResult(e.toReject(), e, 0);
      }
    };
  }
}
