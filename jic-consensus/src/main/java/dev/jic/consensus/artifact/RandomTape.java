package dev.jic.consensus.artifact;

import dev.jic.types.unit.Height;
import java.util.Objects;

/** The random tape of a height: the unique low-threshold signature on {@link RandomTapeContent}; seeds batch randomness. */
public record RandomTape(RandomTapeContent content, Signature signature) implements ConsensusMessage {

  public RandomTape {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(signature, "signature");
  }

  @Override
  public ArtifactKind kind() {
    return ArtifactKind.RANDOM_TAPE;
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
