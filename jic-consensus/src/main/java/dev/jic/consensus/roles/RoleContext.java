package dev.jic.consensus.roles;

import dev.jic.consensus.ConsensusConfig;
import dev.jic.consensus.Membership;
import dev.jic.consensus.crypto.ConsensusCrypto;
import dev.jic.interfaces.consensus.IngressSelector;
import dev.jic.interfaces.consensus.StateCertification;
import dev.jic.types.id.NodeId;
import dev.jic.types.unit.Height;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What every role of one replica needs besides the pool and the time: parameters, membership,
 * keys, the ingress pool, the state manager's certification view, and message routing's next
 * expected batch height. Immutable (the two views are read, never changed, by roles).
 */
public record RoleContext(ConsensusConfig config, Membership membership, ConsensusCrypto crypto, IngressSelector ingress,
    StateCertification state, Supplier<Height> expectedBatchHeight) {

  public RoleContext {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(membership, "membership");
    Objects.requireNonNull(crypto, "crypto");
    Objects.requireNonNull(ingress, "ingress");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(expectedBatchHeight, "expectedBatchHeight");
  }

  /** A context without certification (state manager {@link StateCertification#none()}), expecting batch 1: for role unit tests. */
  public RoleContext(ConsensusConfig config, Membership membership, ConsensusCrypto crypto, IngressSelector ingress) {
    this(config, membership, crypto, ingress, StateCertification.none(), () -> Height.of(1));
  }

  public NodeId self() {
    return crypto.self();
  }
}
