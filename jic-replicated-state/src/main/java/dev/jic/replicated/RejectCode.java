package dev.jic.replicated;

/** The interface spec's reject codes (IC-INTERFACE-DIGEST §6.4). */
public enum RejectCode {
  /** 1: fatal system error, retry unlikely to help. */
  SYS_FATAL(1),
  /** 2: transient system error (frozen canister, queue full). */
  SYS_TRANSIENT(2),
  /** 3: the destination does not exist. */
  DESTINATION_INVALID(3),
  /** 4: explicit reject by the canister (the only code a canister can produce). */
  CANISTER_REJECT(4),
  /** 5: trap, no response, stopped or stopping canister. */
  CANISTER_ERROR(5),
  /** 6: a bounded-wait call timed out or its response was dropped. */
  SYS_UNKNOWN(6);

  private final int code;

  RejectCode(int code) {
    this.code = code;
  }

  /** The numeric code. */
  public int code() {
    return code;
  }

  /** The reject code with number {@code code}; throws {@link IllegalArgumentException} if none. */
  public static RejectCode of(int code) {
    for (RejectCode c : values()) {
      if (c.code == code) {
        return c;
      }
    }
    throw new IllegalArgumentException("no reject code " + code);
  }
}
