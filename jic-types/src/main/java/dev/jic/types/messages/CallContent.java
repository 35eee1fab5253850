package dev.jic.types.messages;

import dev.jic.types.hash.HashValue;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.UserId;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The content of a {@code request_type = "call"} request. Built only by {@link EnvelopeParser}, which
 * guarantees the field limits of {@link EnvelopeLimits} and that {@code requestId} is
 * {@code hash_of_map(hashedContent)}.
 */
public record CallContent(
    UserId sender,
    CanisterId canisterId,
    String methodName,
    Blob arg,
    long ingressExpiry,
    Optional<Blob> nonce,
    Optional<SenderInfo> senderInfo,
    RequestId requestId,
    SortedMap<String, HashValue> hashedContent)
    implements CanisterRequestContent {

  public CallContent {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(canisterId, "canisterId");
    Objects.requireNonNull(methodName, "methodName");
    Objects.requireNonNull(arg, "arg");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(senderInfo, "senderInfo");
    Objects.requireNonNull(requestId, "requestId");
    hashedContent = Collections.unmodifiableSortedMap(new TreeMap<>(hashedContent));
  }

  @Override
  public String requestType() {
    return "call";
  }
}
