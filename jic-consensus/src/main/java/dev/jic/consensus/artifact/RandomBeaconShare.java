package dev.jic.consensus.artifact;

import dev.jic.types.id.NodeId;
import dev.jic.types.unit.Height;
import java.util.Objects;

/** One node's threshold signature share on the next beacon. */
public record RandomBeaconShare(RandomBeaconContent content, NodeId signer, Signature signature) implements ConsensusMessage {

  public RandomBeaconShare {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(signature, "signature");
  }

  @Override
  public ArtifactKind kind() {
    return ArtifactKind.RANDOM_BEACON_SHARE;
  }

  @Override
  public Height height() {
    return content.height();
  }

  @Override
  public int version() {
    return content.version();
  }
}
