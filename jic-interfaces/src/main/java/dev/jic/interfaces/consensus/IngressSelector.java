package dev.jic.interfaces.consensus;

import java.util.List;
import java.util.function.Predicate;

/**
 * What the block maker reads from the ingress pool. Implementations are the node's ingress pool;
 * consensus never mutates it (delivered messages are removed by the pool owner after
 * {@link MessageRouting#deliverBatch}).
 */
public interface IngressSelector {
  /**
   * Selects messages for a block with time {@code blockTime}: only messages whose expiry lies in
   * {@code [blockTime, blockTime + maxTtl]}, none for which {@code exclude} is true, at most
   * {@code maxCount} messages and at most {@code maxBytes} counted bytes
   * ({@link IngressMessage#countedBytes}) in total. The result is in a deterministic order
   * (ascending id); it may be empty. Never throws.
   */
  List<IngressMessage> select(Time blockTime, long maxTtlNanos, Predicate<IngressId> exclude, int maxCount, long maxBytes);

  /** A selector that never offers anything. */
  static IngressSelector empty() {
    return (t, ttl, ex, c, b) -> List.of();
  }
}
