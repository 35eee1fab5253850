package dev.jic.types.messages;

/** Structural limits enforced when parsing request envelopes (interface spec; digest §1.4, §3.3). */
public final class EnvelopeLimits {
  private EnvelopeLimits() {}

  /** A nonce has at most 32 bytes. */
  public static final int MAX_NONCE_BYTES = 32;
  /** A read_state request has at most 1000 paths. */
  public static final int MAX_PATHS = 1000;
  /** A read_state path has at most 127 labels. */
  public static final int MAX_PATH_LABELS = 127;
  /** A delegation lists at most 1000 targets. */
  public static final int MAX_DELEGATION_TARGETS = 1000;
  /**
   * Parsing accepts up to this many delegations so that the authenticator can reject chains
   * longer than 20 with a precise reason; longer arrays are a decode error.
   */
  public static final int MAX_PARSED_DELEGATIONS = 64;
}
