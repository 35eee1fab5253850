package dev.jic.replicated;

import dev.jic.types.id.PrincipalId;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a canister's history ({@code canister_info}'s {@code change}). Immutable.
 *
 * @param timeNanos batch time of the change
 * @param canisterVersion the canister version after the change
 * @param originUser the user or canister that made the change
 * @param originIsCanister whether {@code originUser} is a canister
 * @param kind what changed
 * @param mode for code deployments: install, reinstall or upgrade (else null)
 * @param moduleHash for code deployments: the new module hash (else null)
 * @param controllers for creation and controller changes: the controllers (else empty)
 */
public record CanisterChange(long timeNanos, long canisterVersion, PrincipalId originUser, boolean originIsCanister,
    Kind kind, String mode, byte[] moduleHash, List<PrincipalId> controllers) {
  /** The kinds of change jic records. */
  public enum Kind {
    CREATION, CODE_UNINSTALL, CODE_DEPLOYMENT, CONTROLLERS_CHANGE, LOAD_SNAPSHOT
  }

  public CanisterChange {
    Objects.requireNonNull(originUser);
    Objects.requireNonNull(kind);
    controllers = List.copyOf(controllers);
  }
}
