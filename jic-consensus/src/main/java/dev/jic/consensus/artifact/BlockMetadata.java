package dev.jic.consensus.artifact;

import dev.jic.types.unit.Height;
import java.util.Objects;

/** What a block maker signs (basic signature with its node key): version, height, rank and block hash. */
public record BlockMetadata(int version, Height height, long rank, CryptoHash blockHash) implements SignedContent {

  public BlockMetadata {
    Objects.requireNonNull(height, "height");
    Objects.requireNonNull(blockHash, "blockHash");
  }

  /**
   * The bytes a block maker of {@code subnet} signs: {@code dsep("jic-block-metadata") ||
   * len(subnet id) || subnet id || version · height · rank · block hash}. Binding the subnet
   * keeps a signature from one subnet valid nowhere else (the IC's BlockMetadata has subnet_id).
   */
  public byte[] signedBytes(dev.jic.types.id.SubnetId subnet) {
    byte[] body = new Wire.Writer().bytes(subnet.toBytes()).u64(version).height(height).u64(rank).hash(blockHash).toBytes();
    return Signed.bytes(Domains.BLOCK_METADATA, body);
  }

  /** Without the subnet; block signatures use {@link #signedBytes(dev.jic.types.id.SubnetId)}. */
  @Override
  public byte[] signedBytes() {
    byte[] body = new Wire.Writer().u64(version).height(height).u64(rank).hash(blockHash).toBytes();
    return Signed.bytes(Domains.BLOCK_METADATA, body);
  }
}
