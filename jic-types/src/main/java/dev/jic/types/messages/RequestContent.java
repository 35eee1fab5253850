package dev.jic.types.messages;

import dev.jic.types.hash.HashValue;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.UserId;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The validated {@code content} of an HTTPS-interface request (interface spec §"Overview of
 * canister calling"; digest §1.4). Every variant keeps the content map exactly as received
 * ({@link #hashedContent()}, including fields jic does not interpret) and its request id,
 * {@code hash_of_map(content)}, computed once at parse time.
 */
public sealed interface RequestContent permits CanisterRequestContent, ReadStateContent {

  /** The principal the request claims to come from; authentication checks the claim. */
  UserId sender();

  /** Expiry in nanoseconds since 1970-01-01 UTC, an unsigned 64-bit value. */
  long ingressExpiry();

  /** The optional nonce, at most {@link EnvelopeLimits#MAX_NONCE_BYTES} bytes. */
  Optional<Blob> nonce();

  /** {@code hash_of_map(content)} of the map as received. */
  RequestId requestId();

  /** The content map as received, for hashing; unmodifiable and sorted by key. */
  SortedMap<String, HashValue> hashedContent();

  /** The {@code request_type} text: {@code call}, {@code query} or {@code read_state}. */
  String requestType();
}
