package dev.jic.replicated;

import dev.jic.types.id.PrincipalId;
import java.util.List;

/** Who may read a canister's logs ({@code log_visibility} in {@code canister_settings}). */
public sealed interface LogVisibility {
  /** Only controllers (the default). */
  record Controllers() implements LogVisibility {}

  /** Anyone. */
  record Public() implements LogVisibility {}

  /** Controllers and the listed principals (at most 10). */
  record AllowedViewers(List<PrincipalId> viewers) implements LogVisibility {
    public AllowedViewers {
      viewers = List.copyOf(viewers);
      if (viewers.size() > 10) {
        throw new IllegalArgumentException("at most 10 allowed viewers");
      }
    }
  }
}
