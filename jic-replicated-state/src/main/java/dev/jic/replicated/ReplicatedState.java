package dev.jic.replicated;

import dev.jic.types.id.CanisterId;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The replicated state of a subnet: canisters sorted by id, ingress history and metadata. Mutable,
 * owned by the round's single writer (message routing, then the scheduler, which may hand disjoint
 * canisters to worker threads within a round).
 */
public final class ReplicatedState {
  private final TreeMap<CanisterId, CanisterState> canisters = new TreeMap<>();
  private final IngressHistory ingressHistory = new IngressHistory();
  private SystemMetadata metadata;
  private final java.util.ArrayDeque<SubnetMessage> subnetQueue = new java.util.ArrayDeque<>();

  public ReplicatedState(SystemMetadata metadata) {
    this.metadata = Objects.requireNonNull(metadata);
  }

  public SystemMetadata metadata() {
    return metadata;
  }

  public void setMetadata(SystemMetadata m) {
    metadata = Objects.requireNonNull(m);
  }

  /** The canister with {@code id}, or null. */
  public CanisterState canister(CanisterId id) {
    return canisters.get(id);
  }

  /** Adds or replaces a canister. */
  public void put(CanisterState c) {
    canisters.put(c.id(), c);
  }

  /** Removes a canister; returns it or null. */
  public CanisterState remove(CanisterId id) {
    return canisters.remove(id);
  }

  /** All canisters, ascending id (read-only view). */
  public NavigableMap<CanisterId, CanisterState> canisters() {
    return Collections.unmodifiableNavigableMap(canisters);
  }

  public IngressHistory ingressHistory() {
    return ingressHistory;
  }

  /** Messages to the management canister, oldest first (ingress and canister requests). */
  public java.util.Deque<SubnetMessage> subnetQueue() {
    return subnetQueue;
  }
}
