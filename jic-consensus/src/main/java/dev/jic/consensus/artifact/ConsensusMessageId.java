package dev.jic.consensus.artifact;

import dev.jic.types.unit.Height;
import java.util.Comparator;
import java.util.Objects;

/** The id of a consensus artifact: kind, height, and the hash of its canonical encoding. */
public record ConsensusMessageId(ArtifactKind kind, Height height, CryptoHash hash) implements Comparable<ConsensusMessageId> {

  private static final Comparator<ConsensusMessageId> ORDER = Comparator.comparing(ConsensusMessageId::height)
      .thenComparing(ConsensusMessageId::kind).thenComparing(ConsensusMessageId::hash);

  public ConsensusMessageId {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(height, "height");
    Objects.requireNonNull(hash, "hash");
  }

  @Override
  public int compareTo(ConsensusMessageId o) {
    return ORDER.compare(this, o);
  }
}
