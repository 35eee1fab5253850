package dev.jic.interfaces.state;

import dev.jic.interfaces.http.SubnetInfo;
import dev.jic.types.hash.RequestId;
import java.time.Duration;
import java.util.Optional;

/**
 * The certified state and subnet facts the HTTPS interface serves: {@code /api/v2/status},
 * read_state certificates, the effective-id checks, and the wait of synchronous calls. Owned by
 * the state manager (and the registry for {@link #subnet()}); the HTTP server only reads.
 *
 * <p>Contract: every method is thread-safe and never throws for an expected outcome; a thrown
 * exception is a bug and becomes HTTP 500.
 */
public interface CertifiedStateAccess {

  /** This node's subnet, its canister ranges, the root subnet and the root key. Never blocks. */
  SubnetInfo subnet();

  /**
   * The latest certified state, or empty before the first certification (the node then reports
   * {@code waiting_for_certified_state} and answers read_state with 503). Never blocks.
   */
  Optional<CertifiedSnapshot> latestCertified();

  /**
   * Blocks the calling thread until the status of request {@code id} is terminal
   * ({@code replied}, {@code rejected} or {@code done}) in a certified state, or {@code maxWait}
   * has passed. Called from a virtual thread of the HTTP server for synchronous
   * ({@code /api/v3|v4/.../call}) calls; the implementation must not leak resources for waits that
   * time out or for requests that never execute.
   *
   * @return true if a certified state with a terminal status for {@code id} is now available
   *     through {@link #latestCertified()}, false on timeout
   * @throws InterruptedException if the waiting thread is interrupted (server shutdown)
   */
  boolean awaitCertifiedTerminalStatus(RequestId id, Duration maxWait) throws InterruptedException;
}
