package dev.jic.consensus.artifact;

import dev.jic.types.id.NodeId;
import dev.jic.types.unit.Height;
import java.util.Objects;

/** One node's low-threshold share on the random tape of a height. */
public record RandomTapeShare(RandomTapeContent content, NodeId signer, Signature signature) implements ConsensusMessage {

  public RandomTapeShare {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(signature, "signature");
  }

  @Override
  public ArtifactKind kind() {
    return ArtifactKind.RANDOM_TAPE_SHARE;
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
