package dev.jic.consensus.artifact;

import dev.jic.types.id.NodeId;
import dev.jic.types.unit.Height;
import java.util.Objects;

/** One notary's finalization share: it supported only this block at the height. */
public record FinalizationShare(FinalizationContent content, NodeId signer, Signature signature) implements ConsensusMessage {

  public FinalizationShare {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(signature, "signature");
  }

  @Override
  public ArtifactKind kind() {
    return ArtifactKind.FINALIZATION_SHARE;
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
