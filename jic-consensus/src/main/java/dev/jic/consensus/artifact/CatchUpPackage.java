package dev.jic.consensus.artifact;

import dev.jic.types.unit.Height;
import java.util.Objects;

/**
 * A catch-up package (CUP): the finalized summary block and the random beacon at a summary
 * height, the state hash there, and the subnet's high-threshold signature over
 * {@link #content()}. A replica can start from a CUP alone: the block is the parent of the next
 * height, the beacon seeds its ranks, and the state hash names the state to fetch. The genesis
 * CUP (height 0) has an empty signature and is never verified: every replica builds it itself.
 * The constructor throws {@link IllegalArgumentException} if the beacon's height differs from
 * the block's.
 */
public record CatchUpPackage(HashedBlock block, RandomBeacon beacon, CryptoHash stateHash, Signature signature) implements ConsensusMessage {

  public CatchUpPackage {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(beacon, "beacon");
    Objects.requireNonNull(stateHash, "stateHash");
    Objects.requireNonNull(signature, "signature");
    if (!beacon.height().equals(block.height())) {
      throw new IllegalArgumentException("CUP beacon and block heights differ");
    }
  }

  /** The signed content: hashes of block and beacon, and the state hash. */
  public CatchUpContent content() {
    return new CatchUpContent(block.block().version(), block.height(), block.hash(),
        ConsensusCodec.id(beacon).hash(), stateHash);
  }

  @Override
  public ArtifactKind kind() {
    return ArtifactKind.CATCH_UP_PACKAGE;
  }

  @Override
  public Height height() {
    return block.height();
  }

  @Override
  public int version() {
    return block.block().version();
  }
}
