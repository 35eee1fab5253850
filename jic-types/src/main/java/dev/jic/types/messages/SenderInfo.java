package dev.jic.types.messages;

import dev.jic.types.id.PrincipalId;
import java.util.Objects;

/**
 * The optional {@code sender_info} of a call or query (interface spec 0.59+): {@code info} bytes
 * signed by the canister {@code signer} with a canister signature {@code sig} over
 * {@code "\x0Eic-sender-info" · info}. Parsing does not check the signature.
 */
public record SenderInfo(Blob info, PrincipalId signer, Blob sig) {
  public SenderInfo {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(sig, "sig");
  }
}
