package dev.jic.types.messages;

import dev.jic.types.hash.HashValue;
import dev.jic.types.hash.RepresentationIndependentHash;
import dev.jic.types.hash.RequestId;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The outcome of a query call as nodes sign it (interface spec §"Request: Query call"; digest
 * §2.3): replied with an argument, or rejected with a code, message and optional error code.
 */
public sealed interface QueryResponse {

  /** A reply carrying the Candid-encoded {@code arg}. */
  record Replied(Blob arg) implements QueryResponse {
    public Replied {
      Objects.requireNonNull(arg, "arg");
    }
  }

  /** A reject; {@code rejectCode} is an IC reject code (1..6...). */
  record Rejected(long rejectCode, String rejectMessage, Optional<String> errorCode) implements QueryResponse {
    public Rejected {
      Objects.requireNonNull(rejectMessage, "rejectMessage");
      Objects.requireNonNull(errorCode, "errorCode");
    }
  }

  /**
   * The map {@code M} a node signs (digest §2.3): {@code {status:"replied", reply:{arg},
   * timestamp, request_id}} or {@code {status:"rejected", reject_code, reject_message,
   * error_code?, timestamp, request_id}}.
   *
   * @param timestampNanos the node's timestamp, ns since the epoch (unsigned)
   */
  default SortedMap<String, HashValue> signedMap(long timestampNanos, RequestId requestId) {
    TreeMap<String, HashValue> m = new TreeMap<>();
    switch (this) {
      case Replied r -> {
        m.put("status", new HashValue.Text("replied"));
        TreeMap<String, HashValue> reply = new TreeMap<>();
        reply.put("arg", new HashValue.Blob(r.arg().toBytes()));
        m.put("reply", new HashValue.MapValue(reply));
      }
      case Rejected r -> {
        m.put("status", new HashValue.Text("rejected"));
        m.put("reject_code", HashValue.Nat.ofUnsigned(r.rejectCode()));
        m.put("reject_message", new HashValue.Text(r.rejectMessage()));
        r.errorCode().ifPresent(ec -> m.put("error_code", new HashValue.Text(ec)));
      }
    }
    m.put("timestamp", HashValue.Nat.ofUnsigned(timestampNanos));
    m.put("request_id", new HashValue.Blob(requestId.toBytes()));
    return m;
  }

  /** {@code hash_of_map(signedMap(timestamp, requestId))}: what follows {@code "\x0Bic-response"}. */
  default byte[] signedHash(long timestampNanos, RequestId requestId) {
    return RepresentationIndependentHash.hashOfMap(signedMap(timestampNanos, requestId));
  }
}
