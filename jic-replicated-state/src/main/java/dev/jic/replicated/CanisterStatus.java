package dev.jic.replicated;

/** A canister's run status (interface spec: {@code ic0.canister_status} returns {@link #code()}). */
public enum CanisterStatus {
  /** Accepts and executes messages. */
  RUNNING(1),
  /** A stop was requested; open call contexts may still finish, new calls are rejected. */
  STOPPING(2),
  /** No open call contexts; new calls are rejected. */
  STOPPED(3);

  private final int code;

  CanisterStatus(int code) {
    this.code = code;
  }

  /** The value {@code ic0.canister_status} returns: 1 running, 2 stopping, 3 stopped. */
  public int code() {
    return code;
  }
}
