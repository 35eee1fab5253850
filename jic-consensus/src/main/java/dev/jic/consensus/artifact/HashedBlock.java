package dev.jic.consensus.artifact;

import java.util.Objects;

/** A block with its hash, computed once. The only way to build one computes the hash. */
public record HashedBlock(Block block, CryptoHash hash) {

  public HashedBlock {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(hash, "hash");
  }

  public static HashedBlock of(Block block) {
    return new HashedBlock(block, block.hash());
  }

  public dev.jic.types.unit.Height height() {
    return block.height();
  }
}
