package dev.jic.consensus.artifact;

import dev.jic.types.id.NodeId;
import dev.jic.types.unit.Height;
import java.util.Objects;

/** One node's high-threshold BLS share certifying the state hash at a height. */
public record CertificationShare(CertificationContent content, NodeId signer, Signature signature) implements ConsensusMessage {

  public CertificationShare {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(signature, "signature");
  }

  @Override
  public ArtifactKind kind() {
    return ArtifactKind.CERTIFICATION_SHARE;
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
