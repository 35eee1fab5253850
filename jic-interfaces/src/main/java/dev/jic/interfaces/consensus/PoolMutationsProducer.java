package dev.jic.interfaces.consensus;

/**
 * A protocol component as a function (STYLE.md rule 6): it reads the pool and returns the changes
 * it wants; it never changes the pool itself. One writer applies the returned changes.
 *
 * @param <P> the read-only view of the pool
 * @param <M> the change set type
 */
@FunctionalInterface
public interface PoolMutationsProducer<P, M> {
  /**
   * Computes the changes this component wants given the pool and the current time. Must be
   * deterministic in its inputs and must not block; returns an empty change set when it has
   * nothing to do. Throws only on bugs.
   */
  M onStateChange(P pool, Time now);
}
