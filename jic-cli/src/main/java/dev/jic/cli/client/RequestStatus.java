package dev.jic.cli.client;

import dev.jic.crypto.tree.HashTree;
import dev.jic.crypto.tree.HashTreeLookup;
import dev.jic.crypto.tree.LookupResult;
import dev.jic.types.encoding.ByteReader;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.RequestId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Reads {@code /request_status/<id>/...} from a verified certificate tree (interface spec "Request status"). */
final class RequestStatus {
  static final byte[] LABEL = "request_status".getBytes(StandardCharsets.UTF_8);

  private RequestStatus() {}

  /**
   * The outcome recorded for {@code id}, or empty while it is unknown, received or processing.
   *
   * @throws AgentException if the status is {@code done} (the reply was already pruned) or malformed
   */
  static Optional<CallOutcome> read(HashTree tree, RequestId id) throws AgentException {
    Optional<String> status = text(tree, id, "status");
    if (status.isEmpty()) {
      return Optional.empty();
    }
    switch (status.get()) {
      case "replied" -> {
        if (HashTreeLookup.lookupPath(tree, path(id, "reply")) instanceof LookupResult.Found f) {
          return Optional.of(new CallOutcome.Replied(f.value()));
        }
        throw new AgentException("request " + id + " replied but the certificate lacks its reply", "this is a replica bug");
      }
      case "rejected" -> {
        long code = nat(tree, id, "reject_code");
        String msg = text(tree, id, "reject_message").orElse("");
        return Optional.of(new CallOutcome.Rejected(code, msg, text(tree, id, "error_code")));
      }
      case "done" -> throw new AgentException("request " + id + " is done: its reply is no longer available",
          "the call ran, but its answer expired; query the canister for its state");
      default -> {
        return Optional.empty();
      }
    }
  }

  private static List<byte[]> path(RequestId id, String leaf) {
    return List.of(LABEL, id.toBytes(), leaf.getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<String> text(HashTree tree, RequestId id, String leaf) {
    if (HashTreeLookup.lookupPath(tree, path(id, leaf)) instanceof LookupResult.Found f) {
      return Optional.of(new String(f.value(), StandardCharsets.UTF_8));
    }
    return Optional.empty();
  }

  private static long nat(HashTree tree, RequestId id, String leaf) throws AgentException {
    if (HashTreeLookup.lookupPath(tree, path(id, leaf)) instanceof LookupResult.Found f) {
      try {
        ByteReader r = new ByteReader(f.value());
        return r.readUleb64();
      } catch (DecodeException e) {
        throw new AgentException("malformed reject code in the certificate: " + e.getMessage(), "this is a replica bug", e);
      }
    }
    return 0;
  }
}
