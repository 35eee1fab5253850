package dev.jic.replicated;

import dev.jic.types.id.CanisterId;
import dev.jic.types.unit.Cycles;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The part of a canister's state that exists whether or not code is installed: settings, status,
 * cycles, certified data, global timer, version, call contexts, queues and logs. Mutable; one
 * writer at a time (the thread executing the canister, or message routing between rounds).
 */
public final class SystemState {
  /** The log buffer bound in bytes of content (interface spec: 4 KiB of records kept). */
  public static final int LOG_CAPACITY_BYTES = 4096;

  private final CanisterId id;
  private CanisterSettings settings;
  private CanisterStatus status = CanisterStatus.RUNNING;
  private Cycles balance;
  private Cycles reservedBalance = Cycles.ZERO;
  private byte[] certifiedData = new byte[0];
  private long globalTimerNanos;
  private long version;
  private final CallContextManager callContexts = new CallContextManager();
  private final Deque<Request> inputRequests = new ArrayDeque<>();
  private final Deque<Response> inputResponses = new ArrayDeque<>();
  private final List<Request> outputRequests = new ArrayList<>();
  private final List<Response> outputResponses = new ArrayList<>();
  private final Deque<CanisterLogRecord> log = new ArrayDeque<>();
  private long nextLogIdx;
  private long logBytes;
  private final Deque<Ingress> ingressQueue = new ArrayDeque<>();
  private final List<StopWaiter> stopWaiters = new ArrayList<>();
  private final TreeMap<String, byte[]> chunkStore = new TreeMap<>();
  private final TreeMap<String, CanisterSnapshot> snapshots = new TreeMap<>();
  private long nextSnapshotIdx;
  private final List<CanisterChange> history = new ArrayList<>();
  private long totalChanges;
  private long accumulatedPriority;
  private long storageChargedUntilNanos;
  private long pausedRounds;
  private final List<DeferredStatus> deferredStatuses = new ArrayList<>();

  /** An ingress status held back until a sliced execution completes. */
  public record DeferredStatus(dev.jic.types.hash.RequestId messageId, IngressStatus status) {}

  /**
   * A pending {@code stop_canister} call: answered when the canister reaches stopped.
   *
   * @param origin who made the call (an ingress message or a canister request)
   * @param callbackId the caller's callback for a canister origin, else 0
   */
  public record StopWaiter(CallOrigin origin, long callbackId) {}

  /** The maximum canister history entries kept (the replica keeps 20). */
  public static final int MAX_HISTORY = 20;

  /** A running canister with {@code settings} and {@code balance}, version 0. */
  public SystemState(CanisterId id, CanisterSettings settings, Cycles balance) {
    this.id = Objects.requireNonNull(id);
    this.settings = Objects.requireNonNull(settings);
    this.balance = Objects.requireNonNull(balance);
  }

  public CanisterId id() {
    return id;
  }

  public CanisterSettings settings() {
    return settings;
  }

  public void setSettings(CanisterSettings s) {
    settings = Objects.requireNonNull(s);
  }

  public CanisterStatus status() {
    return status;
  }

  public void setStatus(CanisterStatus s) {
    status = Objects.requireNonNull(s);
  }

  /** The main cycles balance. */
  public Cycles balance() {
    return balance;
  }

  public void setBalance(Cycles c) {
    balance = Objects.requireNonNull(c);
  }

  /** Adds {@code c} to the balance, saturating at 2^128-1 (interface spec). */
  public void credit(Cycles c) {
    balance = balance.saturatingPlus(c);
  }

  /** Subtracts {@code c}; throws {@link ArithmeticException} if the balance is smaller (a caller bug). */
  public void debit(Cycles c) {
    balance = balance.minus(c);
  }

  /** The reserved balance (storage reservation; always zero below the subnet threshold). */
  public Cycles reservedBalance() {
    return reservedBalance;
  }

  /** Certified data (at most 32 bytes), a copy. */
  public byte[] certifiedData() {
    return certifiedData.clone();
  }

  /** Sets certified data; throws {@link IllegalArgumentException} above 32 bytes. */
  public void setCertifiedData(byte[] data) {
    if (data.length > 32) {
      throw new IllegalArgumentException("certified data above 32 bytes");
    }
    certifiedData = data.clone();
  }

  /** The global timer deadline in nanoseconds since the epoch, 0 if inactive. */
  public long globalTimerNanos() {
    return globalTimerNanos;
  }

  public void setGlobalTimerNanos(long t) {
    globalTimerNanos = t;
  }

  /** The canister version ({@code ic0.canister_version}). */
  public long version() {
    return version;
  }

  /** Increments the canister version by one. */
  public void bumpVersion() {
    version++;
  }

  public CallContextManager callContexts() {
    return callContexts;
  }

  /** Incoming requests, oldest first (message routing appends, the scheduler takes). */
  public Deque<Request> inputRequests() {
    return inputRequests;
  }

  /** Incoming responses, oldest first. */
  public Deque<Response> inputResponses() {
    return inputResponses;
  }

  /** Requests produced by executions, in production order (message routing drains them). */
  public List<Request> outputRequests() {
    return outputRequests;
  }

  /** Responses produced by executions, in production order (message routing drains them). */
  public List<Response> outputResponses() {
    return outputResponses;
  }

  /**
   * Appends a log record at {@code timeNanos}; the oldest records are dropped while the content
   * exceeds {@link #LOG_CAPACITY_BYTES}.
   */
  public void appendLog(long timeNanos, byte[] content) {
    CanisterLogRecord r = new CanisterLogRecord(nextLogIdx++, timeNanos, content);
    log.addLast(r);
    logBytes += content.length;
    while (logBytes > LOG_CAPACITY_BYTES && !log.isEmpty()) {
      logBytes -= log.removeFirst().content().length;
    }
  }

  /** The log records kept, oldest first (read-only). */
  public List<CanisterLogRecord> logRecords() {
    return Collections.unmodifiableList(new ArrayList<>(log));
  }

  /** Clears the log (uninstall). The record index keeps counting. */
  public void clearLog() {
    log.clear();
    logBytes = 0;
  }

  /** The next log record index. */
  public long nextLogIdx() {
    return nextLogIdx;
  }

  /** Inducted ingress messages, oldest first. */
  public Deque<Ingress> ingressQueue() {
    return ingressQueue;
  }

  /** Pending {@code stop_canister} calls, in arrival order. */
  public List<StopWaiter> stopWaiters() {
    return stopWaiters;
  }

  /** The Wasm chunk store: SHA-256 hex of a chunk to the chunk (ascending hash). */
  public TreeMap<String, byte[]> chunkStore() {
    return chunkStore;
  }

  /** Canister snapshots by id hex (ascending). */
  public TreeMap<String, CanisterSnapshot> snapshots() {
    return snapshots;
  }

  /** Allocates the next snapshot index. */
  public long nextSnapshotIdx() {
    return nextSnapshotIdx++;
  }

  /** Appends a history entry (keeping the last {@link #MAX_HISTORY}). */
  public void recordChange(CanisterChange c) {
    history.add(c);
    totalChanges++;
    if (history.size() > MAX_HISTORY) {
      history.remove(0);
    }
  }

  /** The recent history, oldest first (read-only). */
  public List<CanisterChange> history() {
    return Collections.unmodifiableList(history);
  }

  /** Total number of changes ever recorded. */
  public long totalChanges() {
    return totalChanges;
  }

  /** The scheduler's accumulated priority (percent-rounds; the sum over canisters stays near 0). */
  public long accumulatedPriority() {
    return accumulatedPriority;
  }

  public void setAccumulatedPriority(long p) {
    accumulatedPriority = p;
  }

  /** Batch time up to which storage and compute allocation were charged (0: never). */
  public long storageChargedUntilNanos() {
    return storageChargedUntilNanos;
  }

  public void setStorageChargedUntilNanos(long t) {
    storageChargedUntilNanos = t;
  }

  /**
   * Rounds the canister still waits for a long execution (deterministic time slicing): while
   * positive the canister executes nothing and its outputs stay unrouted.
   */
  public long pausedRounds() {
    return pausedRounds;
  }

  public void setPausedRounds(long n) {
    pausedRounds = n;
  }

  /** Whether any input (ingress, request, response) is queued. */
  public boolean hasInput() {
    return !ingressQueue.isEmpty() || !inputRequests.isEmpty() || !inputResponses.isEmpty();
  }

  /** Sets the balance to zero (the canister ran out of cycles for its storage). */
  public void burnAll() {
    balance = Cycles.ZERO;
  }

  /** Ingress statuses written to the history when {@link #pausedRounds()} reaches zero. */
  public List<DeferredStatus> deferredStatuses() {
    return deferredStatuses;
  }

  // ---- Restoring from a checkpoint (used by the state manager in jic-state only) ----

  /** Sets the canister version (restoring a checkpoint; execution uses {@link #bumpVersion()}). */
  public void restoreVersion(long v) {
    version = v;
  }

  /** Sets the reserved balance (restoring a checkpoint). */
  public void restoreReservedBalance(Cycles c) {
    reservedBalance = Objects.requireNonNull(c);
  }

  /**
   * Replaces the log by {@code records} (oldest first) and sets the next record index (restoring
   * a checkpoint).
   */
  public void restoreLog(List<CanisterLogRecord> records, long nextIdx) {
    log.clear();
    logBytes = 0;
    for (CanisterLogRecord r : records) {
      log.addLast(r);
      logBytes += r.content().length;
    }
    nextLogIdx = nextIdx;
  }

  /** Replaces the history (oldest first) and the total change count (restoring a checkpoint). */
  public void restoreHistory(List<CanisterChange> entries, long total) {
    history.clear();
    history.addAll(entries);
    totalChanges = total;
  }

  /** The next snapshot index, without allocating it (for checkpoints). */
  public long peekNextSnapshotIdx() {
    return nextSnapshotIdx;
  }

  /** Sets the next snapshot index (restoring a checkpoint). */
  public void restoreNextSnapshotIdx(long n) {
    nextSnapshotIdx = n;
  }
}
