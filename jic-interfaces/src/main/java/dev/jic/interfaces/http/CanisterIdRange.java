package dev.jic.interfaces.http;

import dev.jic.types.id.CanisterId;
import java.util.Objects;

/**
 * One closed range {@code [start, end]} of canister ids assigned to a subnet (principals compare
 * as unsigned bytes, {@link CanisterId#compareTo}). Immutable.
 */
public record CanisterIdRange(CanisterId start, CanisterId end) {

  /**
   * @throws IllegalArgumentException if {@code start > end}; null is a programming error (NPE)
   */
  public CanisterIdRange {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (start.compareTo(end) > 0) {
      throw new IllegalArgumentException("empty canister range [" + start + ", " + end + "]");
    }
  }

  /** True if {@code start <= id <= end}. */
  public boolean contains(CanisterId id) {
    return start.compareTo(id) <= 0 && id.compareTo(end) <= 0;
  }
}
