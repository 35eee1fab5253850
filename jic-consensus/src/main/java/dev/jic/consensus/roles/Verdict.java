package dev.jic.consensus.roles;

/**
 * The outcome of validating one artifact from a peer (STYLE.md rule 5: expected outcomes are
 * values). {@code ACCEPT}: move to validated. {@code DROP}: not needed any more (stale,
 * duplicate) — not the sender's fault. {@code RETRY}: cannot decide yet (missing dependency, too
 * early); keep it. {@link Reject}: permanently invalid — remove and report.
 */
public sealed interface Verdict {
  Verdict ACCEPT = new Simple("accept");
  Verdict DROP = new Simple("drop");
  Verdict RETRY = new Simple("retry");

  /** One of the three reason-less verdicts. */
  record Simple(String name) implements Verdict {}

  /** Permanently invalid, with the reason reported. */
  record Reject(String reason) implements Verdict {}

  static Verdict reject(String reason) {
    return new Reject(reason);
  }
}
