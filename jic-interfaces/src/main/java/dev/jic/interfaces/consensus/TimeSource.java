package dev.jic.interfaces.consensus;

/**
 * The only way protocol code learns the current time. Production wires a clock of the node;
 * tests and the simulator wire a virtual clock.
 */
public interface TimeSource {
  /**
   * The current time. Guarantees monotonicity: a later call never returns an earlier time. Never
   * throws.
   */
  Time now();
}
