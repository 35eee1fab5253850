package dev.jic.cli.client;

/**
 * A failure the CLI reports to its user as one clear line plus a hint (never a stack trace):
 * the network is unreachable, a certificate does not verify, a canister rejected a call, an
 * identity file is unreadable. The command layer prints {@code jic: <message>} and
 * {@code hint: <hint>} and exits with status 1.
 */
public final class AgentException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String hint;

  /** A failure with a hint (may be empty) saying what the user can do about it. */
  public AgentException(String message, String hint) {
    super(message);
    this.hint = hint == null ? "" : hint;
  }

  /** A failure with a hint and the underlying cause (kept for debugging, not printed). */
  public AgentException(String message, String hint, Throwable cause) {
    super(message, cause);
    this.hint = hint == null ? "" : hint;
  }

  /** What the user can do about it; empty if nothing useful can be said. */
  public String hint() {
    return hint;
  }
}
