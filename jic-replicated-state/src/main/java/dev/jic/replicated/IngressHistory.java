package dev.jic.replicated;

import dev.jic.types.hash.RequestId;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Ingress message statuses by message id, iterated in unsigned id order. Mutable; written by
 * message routing and execution on the round's thread only.
 */
public final class IngressHistory {
  private final TreeMap<RequestId, IngressStatus> statuses = new TreeMap<>();

  /** Sets the status of {@code id}. */
  public void set(RequestId id, IngressStatus status) {
    statuses.put(id, status);
  }

  /** The status of {@code id}, or null ("unknown"). */
  public IngressStatus get(RequestId id) {
    return statuses.get(id);
  }

  /** All entries (read-only view, ascending id). */
  public NavigableMap<RequestId, IngressStatus> entries() {
    return Collections.unmodifiableNavigableMap(statuses);
  }

  /** Removes the entry of {@code id}. */
  public void remove(RequestId id) {
    statuses.remove(id);
  }

  /** Number of entries. */
  public int size() {
    return statuses.size();
  }
}
