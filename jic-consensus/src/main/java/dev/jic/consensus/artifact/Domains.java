package dev.jic.consensus.artifact;

/**
 * Domain separators of jic's consensus hashes and signatures (each is prefixed with its length
 * byte, as the IC does). jic-internal: these do not match the Rust replica's bytes on purpose.
 */
public final class Domains {
  private Domains() {}

  public static final String BLOCK = "jic-block";
  public static final String BLOCK_METADATA = "jic-block-metadata";
  public static final String NOTARIZATION_CONTENT = "jic-notarization-content";
  public static final String FINALIZATION_CONTENT = "jic-finalization-content";
  public static final String RANDOM_BEACON_CONTENT = "jic-random-beacon-content";
  public static final String CONSENSUS_MESSAGE = "jic-consensus-message";
  public static final String BLOCKMAKER_RANKING = "jic-blockmaker-ranking";
  public static final String COMMITTEE_SAMPLING = "jic-committee-sampling";
  public static final String BATCH_RANDOMNESS = "jic-batch-randomness";
  /** The IC's own separator for certified state roots: certifications are usable in HTTP certificates. */
  public static final String STATE_ROOT = "ic-state-root";
  public static final String CATCH_UP_CONTENT = "jic-catch-up-content";
  public static final String RANDOM_TAPE_CONTENT = "jic-random-tape-content";
}
