package dev.jic.interfaces.ingress;

/**
 * Where the HTTPS interface hands validated update calls: the ingress pool of the node (and, in a
 * single-node local network, the batch driver behind it). Owned by the ingress layer; the HTTP
 * server only calls it.
 *
 * <p>Contract: {@link #submit} is thread-safe, may be called concurrently from many request
 * threads, and returns within a bounded time (it may run {@code canister_inspect_message}, but
 * must not wait for ordering or execution). It must be idempotent per request id: submitting the
 * same call twice yields {@code Accepted} both times and executes it at most once. It never
 * throws for an expected outcome; a thrown exception is a bug and becomes HTTP 500.
 */
public interface IngressSubmission {

  /**
   * Offers {@code call} for ordering and execution.
   *
   * @return {@link SubmitResult.Accepted}, {@link SubmitResult.NonReplicatedRejection} (refused,
   *     nothing recorded) or {@link SubmitResult.Overloaded} (try again later)
   */
  SubmitResult submit(SignedIngressCall call);
}
