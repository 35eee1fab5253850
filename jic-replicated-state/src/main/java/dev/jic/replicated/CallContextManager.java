package dev.jic.replicated;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A canister's open call contexts and outstanding callbacks, each keyed by an id allocated from a
 * counter, iterated in id order (deterministic). Mutable; owned by the canister's {@link SystemState}
 * and written only by the thread executing that canister.
 */
public final class CallContextManager {
  private final TreeMap<Long, CallContext> contexts = new TreeMap<>();
  private final TreeMap<Long, Callback> callbacks = new TreeMap<>();
  private long nextContextId = 1;
  private long nextCallbackId = 1;

  /** Opens a new call context for {@code origin} with {@code cycles} attached; returns its id. */
  public long newCallContext(CallOrigin origin, dev.jic.types.unit.Cycles cycles) {
    long id = nextContextId++;
    contexts.put(id, new CallContext(origin, false, false, cycles, 0));
    return id;
  }

  /** The context with {@code id}, or null. */
  public CallContext context(long id) {
    return contexts.get(id);
  }

  /** Replaces the context with {@code id} (which must exist). */
  public void update(long id, CallContext c) {
    if (!contexts.containsKey(id)) {
      throw new IllegalArgumentException("no call context " + id);
    }
    contexts.put(id, c);
  }

  /** Removes the context with {@code id}. */
  public void remove(long id) {
    contexts.remove(id);
  }

  /** Registers a callback; returns its id. */
  public long register(Callback cb) {
    long id = nextCallbackId++;
    callbacks.put(id, cb);
    return id;
  }

  /** The callback with {@code id}, or null. */
  public Callback callback(long id) {
    return callbacks.get(id);
  }

  /** Removes and returns the callback with {@code id}, or null. */
  public Callback unregister(long id) {
    return callbacks.remove(id);
  }

  /** Number of callbacks of the call context {@code contextId} still outstanding. */
  public long outstandingCallbacks(long contextId) {
    return callbacks.values().stream().filter(c -> c.callContextId() == contextId).count();
  }

  /** The open call contexts by id (read-only view, ascending). */
  public NavigableMap<Long, CallContext> contexts() {
    return Collections.unmodifiableNavigableMap(contexts);
  }

  /** The outstanding callbacks by id (read-only view, ascending). */
  public NavigableMap<Long, Callback> callbacks() {
    return Collections.unmodifiableNavigableMap(callbacks);
  }

  /** The next call context id to be allocated (hashed with the state). */
  public long nextCallContextId() {
    return nextContextId;
  }

  /** The next callback id to be allocated (hashed with the state). */
  public long nextCallbackId() {
    return nextCallbackId;
  }

  /**
   * Replaces all contexts, callbacks and id counters (restoring a checkpoint; used by the state
   * manager in jic-state only).
   */
  public void restore(java.util.SortedMap<Long, CallContext> ctxs, java.util.SortedMap<Long, Callback> cbs,
      long nextContext, long nextCallback) {
    contexts.clear();
    contexts.putAll(ctxs);
    callbacks.clear();
    callbacks.putAll(cbs);
    nextContextId = nextContext;
    nextCallbackId = nextCallback;
  }
}
