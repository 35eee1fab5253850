package dev.jic.interfaces.consensus;

import dev.jic.types.unit.Height;

/**
 * Where consensus delivers finalized blocks. Consensus guarantees: batches are delivered in
 * height order, starting at {@link #expectedBatchHeight()}, each height at most once per
 * successful delivery, and only for finalized blocks. Message routing guarantees that
 * {@code expectedBatchHeight()} grows by exactly one per {@link DeliveryResult#DELIVERED}
 * (and survives restarts, so nothing is delivered twice).
 */
public interface MessageRouting {

  /** The height of the next batch message routing wants. At genesis this is 1. Never throws. */
  Height expectedBatchHeight();

  /**
   * Offers the batch at {@link #expectedBatchHeight()}. Returns {@code DELIVERED} if taken,
   * {@code QUEUE_FULL} if execution is behind (consensus retries later), and
   * {@code WRONG_HEIGHT} if the batch height is not the expected one (a consensus bug: the caller
   * treats it as such).
   */
  DeliveryResult deliverBatch(Batch batch);

  /** Outcome of {@link #deliverBatch}. */
  enum DeliveryResult {
    DELIVERED,
    QUEUE_FULL,
    WRONG_HEIGHT
  }
}
