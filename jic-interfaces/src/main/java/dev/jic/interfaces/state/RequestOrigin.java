package dev.jic.interfaces.state;

import dev.jic.interfaces.http.EffectiveId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.UserId;
import java.util.Objects;

/**
 * Who sent a request whose status is recorded in the state, and where it went: what the
 * read_state permission rules need (digest §1.8: only the original sender, at the same effective
 * id, and within the reader's delegation targets, may read {@code /request_status/<id>}).
 * Immutable.
 *
 * @param sender the request's {@code sender}
 * @param receiver the canister called ({@code aaaaa-aa} for management calls)
 * @param effectiveId the effective id of the URL the call was submitted on
 */
public record RequestOrigin(UserId sender, CanisterId receiver, EffectiveId effectiveId) {

  /** Null is a programming error (NPE). */
  public RequestOrigin {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(effectiveId, "effectiveId");
  }
}
