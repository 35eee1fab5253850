package dev.jic.consensus.roles;

import dev.jic.consensus.ConsensusConfig;
import dev.jic.consensus.Membership;
import dev.jic.consensus.crypto.ConsensusCrypto;
import dev.jic.interfaces.consensus.IngressSelector;
import dev.jic.types.id.NodeId;
import java.util.Objects;

/** What every role of one replica needs besides the pool and the time. Immutable. */
public record RoleContext(ConsensusConfig config, Membership membership, ConsensusCrypto crypto, IngressSelector ingress) {

  public RoleContext {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(membership, "membership");
    Objects.requireNonNull(crypto, "crypto");
    Objects.requireNonNull(ingress, "ingress");
  }

  public NodeId self() {
    return crypto.self();
  }
}
