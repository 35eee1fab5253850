package dev.jic.interfaces.query;

import dev.jic.interfaces.http.EffectiveId;
import dev.jic.types.messages.QueryContent;

/**
 * Runs query calls non-replicated on the latest state of this node (the IC's query handler).
 * Owned by execution; the HTTP server calls it after authenticating the query and checking its
 * effective id.
 *
 * <p>Contract: thread-safe; each call runs on its own snapshot and its changes are discarded;
 * bounded in time by the query instruction limit. A canister that does not exist, has no such
 * method, traps or rejects is an {@link QueryOutcome.Answered} with a {@code Rejected} response
 * carrying the IC reject code (e.g. 3 / {@code IC0301} for a missing canister), never an
 * exception; a thrown exception is a bug and becomes HTTP 500.
 */
public interface QueryExecution {

  /**
   * Executes {@code query} (canister {@code query.canisterId()}, method, argument, caller
   * {@code query.sender()}) on the latest state.
   *
   * @param effectiveId the effective id of the URL (for {@code aaaaa-aa} queries such as
   *     {@code list_canisters}, the subnet or canister the query is about)
   */
  QueryOutcome execute(QueryContent query, EffectiveId effectiveId);
}
