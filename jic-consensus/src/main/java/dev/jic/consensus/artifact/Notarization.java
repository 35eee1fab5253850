package dev.jic.consensus.artifact;

import dev.jic.types.id.NodeId;
import dev.jic.types.unit.Height;
import java.util.List;
import java.util.Objects;

/**
 * A block notarized by at least the notarization threshold of the committee (aggregated multi-signature). {@code signers} is strictly ascending (no repeats); the constructor throws
 * {@link IllegalArgumentException} otherwise.
 */
public record Notarization(NotarizationContent content, List<NodeId> signers, Signature signature) implements ConsensusMessage {

  public Notarization {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(signature, "signature");
    signers = List.copyOf(signers);
    for (int i = 1; i < signers.size(); i++) {
      if (signers.get(i - 1).compareTo(signers.get(i)) >= 0) {
        throw new IllegalArgumentException("signers must be strictly ascending");
      }
    }
  }

  @Override
  public ArtifactKind kind() {
    return ArtifactKind.NOTARIZATION;
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
