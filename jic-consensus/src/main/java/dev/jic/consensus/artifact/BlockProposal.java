package dev.jic.consensus.artifact;

import dev.jic.types.id.NodeId;
import dev.jic.types.unit.Height;
import java.util.Objects;

/** A block signed by its maker over {@link BlockMetadata}. */
public record BlockProposal(HashedBlock block, NodeId signer, Signature signature) implements ConsensusMessage {

  public BlockProposal {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(signature, "signature");
  }

  public BlockMetadata metadata() {
    Block b = block.block();
    return new BlockMetadata(b.version(), b.height(), b.rank(), block.hash());
  }

  public CryptoHash blockHash() {
    return block.hash();
  }

  public long rank() {
    return block.block().rank();
  }

  @Override
  public ArtifactKind kind() {
    return ArtifactKind.BLOCK_PROPOSAL;
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
