/**
 * The composition root of a jic node ({@code jic start}): wires the HTTPS interface
 * ({@code jic-http}) to an ingress pool, a local single-node batch driver, message routing and the
 * scheduler ({@code jic-execution}), the certified state tree ({@code jic-state}) and the subnet's
 * threshold key.
 *
 * <p><b>Safety.</b> Every certified state the HTTP layer serves is the state committed after the
 * batch at its height, and its tree root is signed with the subnet key (1-of-1 for one node);
 * batches are delivered in height order with strictly increasing time; a request id is executed
 * at most once (the pool deduplicates and induction ignores ids already in the ingress history).
 *
 * <p><b>Liveness.</b> An accepted call is put into a batch within one batch interval (or at once,
 * when the driver is idle), and its terminal status is certified in the same height; waiters of
 * synchronous calls are woken after every certification.
 *
 * <p>Concurrency lives here, at the edge: the batch driver is one thread; queries and inspect
 * checks share one lock with it, so the replicated state is never read while a batch mutates it.
 */
package dev.jic.replica;
