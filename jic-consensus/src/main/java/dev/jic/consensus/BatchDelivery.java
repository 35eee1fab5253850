package dev.jic.consensus;

import dev.jic.consensus.artifact.Block;
import dev.jic.consensus.artifact.BlockProposal;
import dev.jic.consensus.artifact.CryptoHash;
import dev.jic.consensus.artifact.Domains;
import dev.jic.consensus.artifact.Finalization;
import dev.jic.consensus.artifact.ConsensusCodec;
import dev.jic.consensus.artifact.RandomTape;
import dev.jic.consensus.pool.PoolReader;
import dev.jic.interfaces.consensus.Batch;
import dev.jic.interfaces.consensus.MessageRouting;
import dev.jic.types.hash.Sha;
import dev.jic.types.unit.Height;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Delivers the finalized chain to message routing: for every height from
 * {@code expectedBatchHeight()} to the finalized height, in order, the finalized block's batch.
 * The chain below the finalized tip is found by following parent hashes, so a height finalized
 * only implicitly (by a finalized descendant) is delivered too. Batch randomness is
 * SHA-256(dsep("jic-batch-randomness") || hash(tape(h))): the random tape of h is a low-threshold
 * signature that honest nodes only sign once h is close to delivery, so no block maker can
 * predict or choose it. Delivery stops at the first missing tape or on {@code QUEUE_FULL}.
 */
public final class BatchDelivery {
  private BatchDelivery() {}

  /** Delivers what it can; returns the batches delivered, in order. */
  public static List<Batch> deliver(PoolReader pool, MessageRouting mr) {
    Height expected = mr.expectedBatchHeight();
    Height fin = pool.finalizedHeight();
    if (expected.isAfter(fin)) {
      return List.of();
    }
    List<Finalization> fs = pool.finalizations(fin);
    if (fs.isEmpty()) {
      return List.of();
    }
    List<Block> chain = new ArrayList<>();
    CryptoHash cur = fs.getFirst().content().blockHash();
    while (true) {
      Optional<BlockProposal> p = pool.block(cur);
      if (p.isEmpty()) {
        throw new IllegalStateException("finalized chain has a hole above the expected batch height at " + cur);
      }
      Block b = p.get().block().block();
      if (b.height().isBefore(expected)) {
        break;
      }
      chain.add(b);
      cur = b.parent();
    }
    Collections.reverse(chain);
    List<Batch> delivered = new ArrayList<>();
    for (Block b : chain) {
      Optional<RandomTape> tape = pool.tape(b.height());
      if (tape.isEmpty()) {
        break;
      }
      byte[] randomness = Sha.sha256(Sha.domainSeparator(Domains.BATCH_RANDOMNESS), ConsensusCodec.id(tape.get()).hash().toBytes());
      Batch batch = new Batch(b.height(), b.context().time(), randomness, b.hash().toBytes(), b.payload().messages());
      MessageRouting.DeliveryResult r = mr.deliverBatch(batch);
      if (r == MessageRouting.DeliveryResult.WRONG_HEIGHT) {
        throw new IllegalStateException("message routing refused batch " + b.height() + ": consensus bug");
      }
      if (r != MessageRouting.DeliveryResult.DELIVERED) {
        break;
      }
      delivered.add(batch);
    }
    return delivered;
  }
}
