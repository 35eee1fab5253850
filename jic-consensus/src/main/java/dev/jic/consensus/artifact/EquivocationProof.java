package dev.jic.consensus.artifact;

import dev.jic.types.id.NodeId;
import dev.jic.types.unit.Height;
import java.util.Objects;

/**
 * Proof that a block maker signed two different blocks at one height: two block-maker
 * signatures over {@link BlockMetadata} with the same version, height and rank and different
 * block hashes ({@code firstHash < secondHash}, so a proof has one canonical form). It carries no
 * signature of its own: anyone can check it. Once validated, notaries ignore the signer's
 * proposals at that height. The constructor throws {@link IllegalArgumentException} unless
 * {@code firstHash < secondHash}.
 */
public record EquivocationProof(NodeId signer, int version, Height height, long rank, CryptoHash firstHash, Signature firstSignature,
    CryptoHash secondHash, Signature secondSignature) implements ConsensusMessage {

  public EquivocationProof {
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(height, "height");
    Objects.requireNonNull(firstHash, "firstHash");
    Objects.requireNonNull(firstSignature, "firstSignature");
    Objects.requireNonNull(secondHash, "secondHash");
    Objects.requireNonNull(secondSignature, "secondSignature");
    if (version < 0 || rank < 0) {
      throw new IllegalArgumentException("negative version or rank");
    }
    if (firstHash.compareTo(secondHash) >= 0) {
      throw new IllegalArgumentException("equivocation proof hashes must be distinct and ascending");
    }
  }

  /** The proof of two proposals by the same signer at the same height and rank with different hashes. */
  public static EquivocationProof of(BlockProposal a, BlockProposal b) {
    if (!a.signer().equals(b.signer()) || !a.height().equals(b.height()) || a.rank() != b.rank() || a.version() != b.version()) {
      throw new IllegalArgumentException("not an equivocation");
    }
    BlockProposal lo = a.blockHash().compareTo(b.blockHash()) < 0 ? a : b;
    BlockProposal hi = lo == a ? b : a;
    return new EquivocationProof(a.signer(), a.version(), a.height(), a.rank(), lo.blockHash(), lo.signature(), hi.blockHash(),
        hi.signature());
  }

  public BlockMetadata firstMetadata() {
    return new BlockMetadata(version, height, rank, firstHash);
  }

  public BlockMetadata secondMetadata() {
    return new BlockMetadata(version, height, rank, secondHash);
  }

  @Override
  public ArtifactKind kind() {
    return ArtifactKind.EQUIVOCATION_PROOF;
  }
}
