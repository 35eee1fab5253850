package dev.jic.state;

import dev.jic.replicated.IcpSection;
import dev.jic.types.id.PrincipalId;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What read_state permission checks need to know about a canister in a certified state: its
 * controllers and its {@code icp:} sections (with their public/private flag). Immutable.
 *
 * @param controllers the controllers
 * @param sections the sections by name; empty for an empty canister
 */
public record CanisterView(List<PrincipalId> controllers, SortedMap<String, IcpSection> sections) {
  /** Copies. */
  public CanisterView {
    controllers = List.copyOf(controllers);
    sections = Collections.unmodifiableSortedMap(new TreeMap<>(sections));
  }

  /**
   * Whether {@code sender} may read {@code metadata/<name>}: yes if there is no such section or it
   * is public; for a private one only controllers may (IC-INTERFACE-DIGEST §1.8).
   */
  public boolean mayReadMetadata(String name, PrincipalId sender) {
    IcpSection s = sections.get(name);
    return s == null || s.isPublic() || controllers.contains(sender);
  }
}
