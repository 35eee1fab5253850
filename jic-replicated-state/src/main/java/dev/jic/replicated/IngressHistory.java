package dev.jic.replicated;

import dev.jic.types.hash.RequestId;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Ingress message statuses by message id, iterated in unsigned id order. Mutable; written by
 * message routing and execution on the round's thread only.
 *
 * <p>Also records which ids were set or removed since the last {@link #drainChanged()}, so the
 * state manager can update the certified tree in proportion to the changes instead of walking the
 * whole history every block. The record is bounded: once it holds more ids than the history
 * itself (plus some slack) it is dropped and the next drain reports "untracked", meaning the
 * consumer must walk {@link #entries()}.
 */
public final class IngressHistory {
  private static final int TRACK_SLACK = 1024;

  private final TreeMap<RequestId, IngressStatus> statuses = new TreeMap<>();
  private TreeSet<RequestId> changed = new TreeSet<>();
  private boolean untracked;
  private long generation;

  /** Sets the status of {@code id}. */
  public void set(RequestId id, IngressStatus status) {
    statuses.put(id, status);
    track(id);
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
    if (statuses.remove(id) != null) {
      track(id);
    }
  }

  /** Number of entries. */
  public int size() {
    return statuses.size();
  }

  private void track(RequestId id) {
    if (untracked) {
      return;
    }
    changed.add(id);
    if (changed.size() > statuses.size() + TRACK_SLACK) {
      changed = new TreeSet<>();
      untracked = true;
    }
  }

  /**
   * The ids set (possibly to the same status) or removed since the previous drain, ascending, or
   * empty if they were not all tracked (the caller must then compare the whole history with what
   * it knew); then starts a new record and increments {@link #generation()}. A history created
   * with entries and never drained reports all of them (or "untracked").
   */
  public Optional<NavigableSet<RequestId>> drainChanged() {
    NavigableSet<RequestId> out = untracked ? null : Collections.unmodifiableNavigableSet(changed);
    changed = new TreeSet<>();
    untracked = false;
    generation++;
    return Optional.ofNullable(out);
  }

  /**
   * The number of drains so far. A consumer that remembers the generation after its own drain
   * knows, if it is unchanged at its next drain, that nobody else drained in between (so the
   * changes it gets are all the changes since it last looked).
   */
  public long generation() {
    return generation;
  }
}
