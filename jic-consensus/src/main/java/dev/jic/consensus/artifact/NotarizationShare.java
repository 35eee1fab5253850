package dev.jic.consensus.artifact;

import dev.jic.types.id.NodeId;
import dev.jic.types.unit.Height;
import java.util.Objects;

/** One notary's BLS multi-signature share on a block. */
public record NotarizationShare(NotarizationContent content, NodeId signer, Signature signature) implements ConsensusMessage {

  public NotarizationShare {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(signature, "signature");
  }

  @Override
  public ArtifactKind kind() {
    return ArtifactKind.NOTARIZATION_SHARE;
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
