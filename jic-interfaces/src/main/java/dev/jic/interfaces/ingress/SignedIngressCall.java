package dev.jic.interfaces.ingress;

import dev.jic.interfaces.http.EffectiveId;
import dev.jic.types.messages.Blob;
import dev.jic.types.messages.CallContent;
import java.util.Objects;

/**
 * An update call that passed every check of the HTTPS interface: the envelope parsed, the sender
 * authenticated at the node's time (signature, delegations, expiry window), the effective id
 * matches the call and lies on this subnet. Immutable.
 *
 * @param content the parsed call content; {@code content.requestId()} is the message id
 * @param signedEnvelope the request body exactly as received (CBOR envelope with signatures), so
 *     that other nodes can validate it again after gossip
 * @param effectiveId the effective canister or subnet id of the URL the call came in on
 */
public record SignedIngressCall(CallContent content, Blob signedEnvelope, EffectiveId effectiveId) {

  /** Null is a programming error (NPE). */
  public SignedIngressCall {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(signedEnvelope, "signedEnvelope");
    Objects.requireNonNull(effectiveId, "effectiveId");
  }
}
