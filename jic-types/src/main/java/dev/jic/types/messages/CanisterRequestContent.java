package dev.jic.types.messages;

import dev.jic.types.id.CanisterId;
import java.util.Optional;

/** The content of a request addressed to a canister method: a call or a query. */
public sealed interface CanisterRequestContent extends RequestContent permits CallContent, QueryContent {

  /** The called canister. */
  CanisterId canisterId();

  /** The called method. */
  String methodName();

  /** The Candid argument, not yet decoded. */
  Blob arg();

  /** The optional {@code sender_info} (only valid with a canister-signature sender key). */
  Optional<SenderInfo> senderInfo();
}
