package dev.jic.crypto.auth;

import dev.jic.types.id.CanisterId;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The canisters an authenticated request may address: all of them, or the intersection of the
 * {@code targets} lists of its delegations (digest §3.3).
 *
 * @param restrictedTo empty when unrestricted; otherwise the allowed set (possibly empty)
 */
public record CanisterTargets(Optional<SortedSet<CanisterId>> restrictedTo) {

  private static final CanisterTargets ALL = new CanisterTargets(Optional.empty());

  public CanisterTargets {
    restrictedTo = restrictedTo.map(s -> Collections.unmodifiableSortedSet(new TreeSet<>(s)));
  }

  /** No restriction. */
  public static CanisterTargets all() {
    return ALL;
  }

  /** Whether {@code canister} may be addressed. */
  public boolean contains(CanisterId canister) {
    return restrictedTo.isEmpty() || restrictedTo.get().contains(canister);
  }

  /** The intersection of this set with {@code others}. */
  public CanisterTargets intersect(java.util.Collection<CanisterId> others) {
    TreeSet<CanisterId> next = new TreeSet<>(others);
    restrictedTo.ifPresent(next::retainAll);
    return new CanisterTargets(Optional.of(next));
  }
}
