package dev.jic.testkit.sim;

/** What the faulty replicas of a simulation do. Honest replicas always run the real protocol. */
public enum Behaviour {
  /** No faults: the faulty count is ignored. */
  NONE,
  /** Faulty replicas stop for good at a random time. */
  CRASH,
  /** Faulty replicas run but never send anything. */
  SILENT,
  /** Faulty block makers sign two different blocks per proposal and send each to half the peers. */
  EQUIVOCATE,
  /** Faulty replicas send notarization and finalization shares for every block they see. */
  DOUBLE_SIGN,
  /** Faulty replicas send every artifact with a corrupted signature. */
  BAD_SIGNATURE,
  /** Faulty replicas replay old artifacts and send artifacts for far-future heights. */
  STALE_FUTURE,
  /** Faulty replicas flood peers with validly signed junk (shares for blocks and states that do not exist) within the look-ahead window. */
  FLOOD,
  /** A mix: faulty replica i behaves as the (i mod 7)-th of the behaviours above. */
  MIXED;

  /** Parses a command-line name like {@code double-sign}; throws {@link IllegalArgumentException}. */
  public static Behaviour parse(String s) {
    return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
  }
}
