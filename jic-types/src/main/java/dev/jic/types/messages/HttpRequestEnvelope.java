package dev.jic.types.messages;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed HTTPS-interface request envelope (interface spec §Authentication; digest §1.3):
 * typed content plus the optional authentication fields, as received. Parsing
 * ({@link EnvelopeParser}) checks structure and limits only; whether the fields authenticate the
 * sender is decided by the request authenticator in {@code jic-crypto}.
 *
 * @param senderDelegation the delegation chain, empty if absent (the spec treats an absent and
 *     an empty chain alike)
 * @param hadDelegationField whether the {@code sender_delegation} field was present at all (an
 *     anonymous request must not carry it, even empty)
 */
public record HttpRequestEnvelope(
    RequestContent content,
    Optional<Blob> senderPubkey,
    List<SignedDelegation> senderDelegation,
    boolean hadDelegationField,
    Optional<Blob> senderSig) {

  public HttpRequestEnvelope {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(senderPubkey, "senderPubkey");
    senderDelegation = List.copyOf(senderDelegation);
    Objects.requireNonNull(senderSig, "senderSig");
  }
}
