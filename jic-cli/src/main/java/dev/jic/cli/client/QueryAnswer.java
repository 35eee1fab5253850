package dev.jic.cli.client;

import com.upokecenter.cbor.CBORObject;
import dev.jic.crypto.node.NodeSigningKey;
import dev.jic.crypto.sig.VerificationResult;
import dev.jic.types.cbor.CborMap;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.messages.Blob;
import dev.jic.types.messages.QueryResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Checks a query response as {@code @dfinity/agent} does by default: at least one signature, each
 * by a node of the canister's subnet over {@code "\x0Bic-response" · hash_of_map(...)}, with a
 * timestamp no older than 5 minutes.
 */
final class QueryAnswer {
  private static final long MAX_AGE_NANOS = Duration.ofMinutes(5).toNanos();

  private QueryAnswer() {}

  static CallOutcome verify(CborMap m, RequestId id, CanisterId ecid, NodeKeys keys) throws AgentException {
    QueryResponse response;
    CallOutcome outcome;
    List<CBORObject> sigs;
    try {
      String status = m.text("status");
      if (status.equals("replied")) {
        byte[] arg = m.map("reply").blob("arg");
        response = new QueryResponse.Replied(Blob.of(arg));
        outcome = new CallOutcome.Replied(arg);
      } else if (status.equals("rejected")) {
        long code = m.natU64("reject_code");
        String msg = m.text("reject_message");
        Optional<String> err = m.optionalText("error_code");
        response = new QueryResponse.Rejected(code, msg, err);
        outcome = new CallOutcome.Rejected(code, msg, err);
      } else {
        throw new AgentException("unknown query status '" + status + "'", "this is a replica bug");
      }
      sigs = m.optionalArray("signatures", 100).orElse(List.of());
    } catch (DecodeException e) {
      throw new AgentException("malformed query response: " + e.getMessage(), "this is a replica bug", e);
    }
    if (sigs.isEmpty()) {
      throw new AgentException("the query response is not signed by any node", "this replica does not sign queries; do not trust it");
    }
    long now = System.currentTimeMillis() * 1_000_000L;
    for (CBORObject o : sigs) {
      try {
        CborMap s = CborMap.of(o, "signatures[]");
        long ts = s.natU64("timestamp");
        byte[] nodeId = s.blob("identity");
        byte[] sig = s.blob("signature");
        if (Long.compareUnsigned(ts, now - MAX_AGE_NANOS) < 0) {
          throw new AgentException("the query response's signature is too old", "check the clocks of this machine and the replica");
        }
        byte[] key = keys.key(ecid, nodeId).orElseThrow(() -> new AgentException(
            "the query response is signed by a node that is not in the canister's subnet", "do not trust this network"));
        if (!(NodeSigningKey.verifyQueryResponse(key, response, ts, id, sig) instanceof VerificationResult.Valid)) {
          throw new AgentException("query signature verification failed", "do not trust this network");
        }
      } catch (DecodeException e) {
        throw new AgentException("malformed query signature: " + e.getMessage(), "this is a replica bug", e);
      }
    }
    return outcome;
  }
}
