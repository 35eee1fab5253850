package dev.jic.consensus.artifact;

import dev.jic.types.unit.Height;
import java.util.Objects;

/**
 * The subnet's certification of the state hash at a height: a high-threshold (2f+1) BLS
 * signature, unique for the content whatever shares were combined.
 */
public record Certification(CertificationContent content, Signature signature) implements ConsensusMessage {

  public Certification {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(signature, "signature");
  }

  @Override
  public ArtifactKind kind() {
    return ArtifactKind.CERTIFICATION;
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
