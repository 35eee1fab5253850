package dev.jic.types.messages;

import dev.jic.types.hash.HashValue;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.UserId;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The content of a {@code request_type = "read_state"} request: at most
 * {@link EnvelopeLimits#MAX_PATHS} paths of at most {@link EnvelopeLimits#MAX_PATH_LABELS} labels
 * each. Path permissions (which paths a sender may read) are checked by the HTTP layer, not here.
 */
public record ReadStateContent(
    UserId sender,
    List<List<Blob>> paths,
    long ingressExpiry,
    Optional<Blob> nonce,
    RequestId requestId,
    SortedMap<String, HashValue> hashedContent)
    implements RequestContent {

  public ReadStateContent {
    Objects.requireNonNull(sender, "sender");
    paths = paths.stream().map(List::copyOf).toList();
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(requestId, "requestId");
    hashedContent = Collections.unmodifiableSortedMap(new TreeMap<>(hashedContent));
  }

  @Override
  public String requestType() {
    return "read_state";
  }
}
