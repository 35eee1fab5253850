package dev.jic.execution;

import dev.jic.types.id.PrincipalId;

/**
 * Management canister methods callable in non-replicated mode ({@code canister_status},
 * {@code fetch_canister_logs}, ...), as seen by composite queries calling {@code aaaaa-aa}. The
 * executor does not own the management canister; its owner (the scheduler's
 * {@code ManagementCanister}) supplies this view.
 */
@FunctionalInterface
public interface ManagementQueries {
  /** No management queries: every call is rejected as the replica rejects unknown query methods. */
  ManagementQueries NONE = (caller, method, arg) -> {
    UserError e = new UserError(ErrorCode.CANISTER_METHOD_NOT_FOUND,
        "Query method " + method + " not found.");
    return new QueryResult(e.toReject(), e, 0);
  };

  /**
   * Answers {@code method(arg)} called by {@code caller} (a canister) on the current state; never
   * changes it. A failure is a reject payload with the error set.
   */
  QueryResult query(PrincipalId caller, String method, byte[] arg);
}
