package dev.jic.http;

import dev.jic.crypto.node.NodeSigningKey;
import dev.jic.interfaces.consensus.TimeSource;
import dev.jic.interfaces.ingress.IngressSubmission;
import dev.jic.interfaces.query.QueryExecution;
import dev.jic.interfaces.state.CertifiedStateAccess;
import java.util.Objects;

/**
 * The services behind the HTTPS interface, wired by the composition root: where calls go, who
 * runs queries, the certified state, the node's clock (for expiry checks and query-signature
 * timestamps) and the node's signing key (query responses). Immutable.
 */
public record HttpBackend(
    IngressSubmission ingress,
    QueryExecution queries,
    CertifiedStateAccess state,
    TimeSource clock,
    NodeSigningKey nodeKey) {

  /** Null is a programming error (NPE). */
  public HttpBackend {
    Objects.requireNonNull(ingress, "ingress");
    Objects.requireNonNull(queries, "queries");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(nodeKey, "nodeKey");
  }
}
