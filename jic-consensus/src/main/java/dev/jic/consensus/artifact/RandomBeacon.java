package dev.jic.consensus.artifact;

import dev.jic.types.unit.Height;
import java.util.Objects;

/**
 * The random beacon at a height: a unique threshold signature on {@link RandomBeaconContent}.
 * The genesis beacon (height 0) is preconstructed with an empty signature and never verified.
 */
public record RandomBeacon(RandomBeaconContent content, Signature signature) implements ConsensusMessage {

  public RandomBeacon {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(signature, "signature");
  }

  /** The preconstructed beacon at height 0. */
  public static RandomBeacon genesis(int version) {
    return new RandomBeacon(new RandomBeaconContent(version, Height.ZERO, CryptoHash.ZERO), Signature.of(new byte[0]));
  }

  @Override
  public ArtifactKind kind() {
    return ArtifactKind.RANDOM_BEACON;
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
