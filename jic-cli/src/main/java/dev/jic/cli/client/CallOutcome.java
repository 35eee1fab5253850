package dev.jic.cli.client;

import java.util.Objects;
import java.util.Optional;

/** How a canister answered an update or query call: a reply or a reject. Immutable. */
public sealed interface CallOutcome {

  /** The canister replied with the Candid bytes {@code arg}. */
  record Replied(byte[] arg) implements CallOutcome {
    /** Copies the bytes; null is a programming error (NPE). */
    public Replied {
      arg = arg.clone();
    }

    @Override
    public byte[] arg() {
      return arg.clone();
    }
  }

  /**
   * The call was rejected (by the canister, the system, or before ordering).
   *
   * @param code the IC reject code (1 system fatal, 2 transient, 3 destination invalid, 4 canister
   *     reject, 5 canister error)
   * @param errorCode the IC error code such as {@code IC0503}, when the replica sent one
   */
  record Rejected(long code, String message, Optional<String> errorCode) implements CallOutcome {
    /** Null is a programming error (NPE). */
    public Rejected {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(errorCode, "errorCode");
    }

    /** One line: {@code "<message> (reject code N, IC0xxx)"}. */
    public String describe() {
      return message + " (reject code " + code + errorCode.map(e -> ", " + e).orElse("") + ")";
    }
  }
}
