package dev.jic.interfaces.consensus;

import dev.jic.types.unit.Height;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One finalized block as handed to message routing. {@code height} is the batch number; batches
 * arrive at consensus height order with no gaps. {@code randomness} is 32 bytes no block maker
 * could choose; {@code time} is the block's (consensus) time; {@code blockHash} identifies the
 * finalized block the batch came from. Immutable.
 */
public record Batch(Height height, Time time, byte[] randomness, byte[] blockHash, List<IngressMessage> ingress) {

  public Batch {
    Objects.requireNonNull(height, "height");
    Objects.requireNonNull(time, "time");
    if (randomness == null || randomness.length != 32 || blockHash == null || blockHash.length != 32) {
      throw new IllegalArgumentException("randomness and block hash have 32 bytes");
    }
    randomness = randomness.clone();
    blockHash = blockHash.clone();
    ingress = List.copyOf(ingress);
  }

  @Override
  public byte[] randomness() {
    return randomness.clone();
  }

  @Override
  public byte[] blockHash() {
    return blockHash.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Batch b && height.equals(b.height) && time.equals(b.time)
        && Arrays.equals(randomness, b.randomness) && Arrays.equals(blockHash, b.blockHash) && ingress.equals(b.ingress);
  }

  @Override
  public int hashCode() {
    return height.hashCode() * 31 + Arrays.hashCode(blockHash);
  }
}
