package dev.jic.state;

import dev.jic.interfaces.consensus.Batch;
import dev.jic.interfaces.consensus.StateCertificate;
import dev.jic.interfaces.consensus.StateCertification;
import dev.jic.interfaces.consensus.StateHash;
import dev.jic.pagemap.PageStore;
import dev.jic.replicated.ReplicatedState;
import dev.jic.state.checkpoint.Checkpoint;
import dev.jic.state.checkpoint.CheckpointStore;
import dev.jic.state.checkpoint.CorruptCheckpointException;
import dev.jic.state.fs.CheckpointFs;
import dev.jic.state.log.BatchLog;
import dev.jic.state.tree.CertifiedStateTree;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.unit.Height;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Owns the replicated state of one node: the mutable tip that execution works on, the certified
 * state tree of every committed height, certifications, checkpoints every N heights (optionally
 * spaced by a minimum batch time, {@link StateManagerConfig#minCheckpointSpacingNanos}), and the
 * batch log that makes a restart lose nothing.
 *
 * <p><b>Protocol (one writer: the message-routing thread).</b>
 * <ol>
 *   <li>{@link #open}: loads the latest checkpoint that verifies (page maps memory-mapped, loaded
 *       on first touch; a corrupt checkpoint is quarantined and reported by {@link
 *       #corruptCheckpoints()}, the previous one used), or the genesis state.</li>
 *   <li>For each batch of {@link #batchesToReplay()}, in order: execute it on {@link #tip()} and
 *       {@link #commit} it (exactly as in normal operation, without {@link #persistBatch}).</li>
 *   <li>Normal operation, for each batch at {@link #expectedBatchHeight()}: {@link #persistBatch}
 *       (durable before execution), execute on {@link #tip()}, {@link #commit}. Or, with group
 *       commit, {@link #persistBatchAsync} (written; durable later), execute, commit, and show
 *       nothing of that height to anyone before its durability future completed.</li>
 * </ol>
 *
 * <p><b>Guarantees.</b> Every batch persisted before a crash is re-offered after it, so the state
 * hash at every committed height is the same as without the crash. The root hash at a height is a
 * pure function of the state (time from its metadata, subnets from the configuration).
 * Checkpoints and their manifests are identical on replicas that executed the same batches
 * (restarted or not), because live page maps are rebased onto each new checkpoint.
 *
 * <p><b>Threads.</b> {@link #tip()}, {@link #persistBatch}, {@link #persistBatchAsync}, {@link #commit} and {@link #close}:
 * the one writer. The {@link StateCertification} methods (consensus thread), {@link
 * #latestCertified()}, {@link #readCertified} and {@link #onCertified} may be called from any
 * thread. Page-map snapshots taken from the tip (and page maps copied from them) stay readable for
 * as long as they are held, from any thread: the checkpoint files they read are mapped until no
 * one refers to them, even after the checkpoint itself was garbage-collected (see {@link
 * dev.jic.state.checkpoint.LayeredPageStore}). Holding one keeps its (unlinked) files' disk blocks
 * allocated, so readers should drop old snapshots when they move to a newer state.
 *
 * <p>Not implemented: {@link #fetchState} (state sync) is ignored.
 */
public final class StateManager implements StateCertification, AutoCloseable {
  private static final int MAX_REMEMBERED_HASHES = 10_000;

  private final StateManagerConfig config;
  private final CheckpointStore store;
  private final BatchLog log;
  private final TreeInputAdapter adapter;
  private final List<CorruptCheckpointException> corrupt;
  private final List<Batch> replay;
  private final List<Consumer<CertifiedState>> listeners = new CopyOnWriteArrayList<>();

  private ReplicatedState tip;
  private Height tipHeight;
  private Checkpoint lastCheckpoint;
  /** Batch time of the last checkpoint written or loaded; empty before the first one (genesis). */
  private OptionalLong lastCheckpointTimeNanos;

  private final Object lock = new Object();
  private final TreeMap<Height, Committed> states = new TreeMap<>();
  private final TreeMap<Height, StateHash> hashes = new TreeMap<>();
  private volatile CertifiedState latestCertified;

  /** A committed state: its tree and what read_state needs; certification set once certified. */
  private record Committed(Height height, StateHash hash, TreeInputAdapter.Adapted adapted, CertifiedStateTree tree) {}

  private StateManager(
      StateManagerConfig config, CheckpointStore store, BatchLog log, List<CorruptCheckpointException> corrupt,
      ReplicatedState tip, Height tipHeight, Checkpoint lastCheckpoint, List<Batch> replay) {
    this.config = config;
    this.store = store;
    this.log = log;
    this.adapter = new TreeInputAdapter(config.subnets());
    this.corrupt = List.copyOf(corrupt);
    this.tip = tip;
    this.tipHeight = tipHeight;
    this.lastCheckpoint = lastCheckpoint;
    this.lastCheckpointTimeNanos =
        lastCheckpoint == null ? OptionalLong.empty() : OptionalLong.of(tip.metadata().batchTimeNanos());
    this.replay = List.copyOf(replay);
  }

  /** {@link #open(StateManagerConfig, CheckpointFs, Supplier)} on the real file system. */
  public static StateManager open(StateManagerConfig config, Supplier<ReplicatedState> genesis) throws IOException {
    return open(config, CheckpointFs.real(), genesis);
  }

  /**
   * Opens the node's state: the latest checkpoint that verifies (else {@code genesis}, whose
   * metadata must be at height 0), and the batches logged since it.
   *
   * @param fs the file system used for checkpoints (a test seam)
   * @throws IOException from the file system, or if the batch log is damaged or does not reach
   *     back to the loaded state (the node cannot rebuild its state alone then)
   */
  public static StateManager open(StateManagerConfig config, CheckpointFs fs, Supplier<ReplicatedState> genesis)
      throws IOException {
    CheckpointStore store = CheckpointStore.open(config.root().resolve("state"), fs, config.keepCheckpoints());
    List<CorruptCheckpointException> corrupt = new ArrayList<>();
    List<Height> heights = store.heights();
    ReplicatedState state = null;
    Checkpoint cp = null;
    List<PageStore> opened = new ArrayList<>();
    for (int i = heights.size() - 1; i >= 0 && state == null; i--) {
      Height h = heights.get(i);
      try {
        cp = store.load(h, CheckpointStore.Verification.MANIFEST_AND_SIZES);
        state = ReplicatedStateFiles.load(cp, opened);
        if (!state.metadata().batchHeight().equals(h)) {
          throw new CorruptCheckpointException(h, List.of(new dev.jic.state.manifest.CheckpointProblem.Unreadable(
              ReplicatedStateFiles.SYSTEM, "batch height " + state.metadata().batchHeight().value())));
        }
      } catch (CorruptCheckpointException e) {
        corrupt.add(e);
        opened.clear();
        state = null;
        cp = null;
        store.quarantine(h);
      }
    }
    if (state == null) {
      state = Objects.requireNonNull(genesis.get(), "genesis");
      if (!state.metadata().batchHeight().equals(Height.ZERO)) {
        throw new IllegalArgumentException("the genesis state must be at height 0");
      }
    }
    Height height = state.metadata().batchHeight();
    BatchLog log = BatchLog.open(config.root().resolve("batch_log"), fs);
    List<Batch> replay = new ArrayList<>();
    for (Batch b : log.recovered()) {
      if (b.height().isAfter(height)) {
        replay.add(b);
      }
    }
    if (!replay.isEmpty() && !replay.get(0).height().equals(height.increment())) {
      log.close();
      throw new IOException("the batch log starts at " + replay.get(0).height().value()
          + " but the state is at " + height.value() + ": the batches between are lost");
    }
    StateManager m = new StateManager(config, store, log, corrupt, state, height, cp, replay);
    if (height.value() > 0) {
      m.record(height, state);
    }
    return m;
  }

  /** The state execution works on: committed at {@link #tipHeight()} plus uncommitted changes. */
  public ReplicatedState tip() {
    return tip;
  }

  /** The height of the last commit (or of the loaded checkpoint / genesis). */
  public Height tipHeight() {
    return tipHeight;
  }

  /** The height of the next batch to execute: {@code tipHeight() + 1}. */
  public Height expectedBatchHeight() {
    return tipHeight.increment();
  }

  /**
   * The batches logged after the loaded state, in height order, consecutive from {@code
   * tipHeight() + 1} as it was at {@link #open}: the caller executes and commits each before any
   * new batch.
   */
  public List<Batch> batchesToReplay() {
    return replay;
  }

  /** Checkpoints found corrupt at {@link #open} (quarantined under {@code <root>/state/corrupt/}). */
  public List<CorruptCheckpointException> corruptCheckpoints() {
    return corrupt;
  }

  /** The latest checkpoint written or loaded, if any. */
  public Optional<Checkpoint> lastCheckpoint() {
    return Optional.ofNullable(lastCheckpoint);
  }

  /**
   * Makes {@code batch} durable before it is executed. A batch already in the log (a replay) is
   * ignored.
   *
   * @throws IllegalArgumentException if the batch is not the next one after the log or the tip
   * @throws IOException if it could not be made durable: the caller must not execute it
   */
  public void persistBatch(Batch batch) throws IOException {
    BatchLog.awaitDurable(persistBatchAsync(batch));
  }

  /**
   * Writes {@code batch} to the batch log without waiting for the disk and returns its durability
   * (group commit): a future that completes with its height once an fsync covering it, and every
   * earlier batch, returned; or exceptionally with an {@link IOException} (then every later one
   * fails too and the log accepts nothing more). The caller may execute and commit the batch at
   * once but must not show anything derived from it (a certified state, a reply, a query answer)
   * before the future completed. Completes on the log's fsync thread, in height order. A batch
   * already in the log (a replay) is durable already (the log forced it at {@link #open}).
   *
   * @throws IllegalArgumentException if the batch is not the next one after the log or the tip, or
   *     was written already and is not durable yet
   * @throws IOException if it could not be written, or the log failed earlier: the caller must
   *     not execute it
   */
  public java.util.concurrent.CompletableFuture<Height> persistBatchAsync(Batch batch) throws IOException {
    Optional<Height> last = log.lastHeight();
    if (last.isPresent() && !batch.height().isAfter(last.get())) {
      if (batch.height().value() > log.durableHeight()) {
        throw new IllegalArgumentException("batch " + batch.height().value() + " was written already and is not durable yet");
      }
      return java.util.concurrent.CompletableFuture.completedFuture(batch.height());
    }
    if (!batch.height().equals(tipHeight.increment())) {
      throw new IllegalArgumentException(
          "batch " + batch.height().value() + " persisted while the tip is at " + tipHeight.value());
    }
    return log.write(batch);
  }

  /**
   * Commits {@code state} (normally {@link #tip()}, which it becomes) at {@code height} after its
   * batch was executed: computes the certified tree's root hash (time from the state's metadata),
   * records it as a state to certify, and at every multiple of the checkpoint interval (at least
   * {@link StateManagerConfig#minCheckpointSpacingNanos} of batch time after the previous
   * checkpoint, if set) writes a checkpoint (synchronously), rebases the live page maps on it, garbage-collects old checkpoints
   * and truncates the batch log. Call between rounds only (no pending page-map writes).
   *
   * @return the root hash at {@code height}
   * @throws IllegalArgumentException if {@code height} is not {@code tipHeight() + 1} or the
   *     state's metadata is not at {@code height}
   * @throws UncheckedIOException if the checkpoint could not be written (the state stays committed
   *     in memory; the batch log still covers it)
   */
  public StateHash commit(Height height, ReplicatedState state) {
    if (!height.equals(tipHeight.increment())) {
      throw new IllegalArgumentException("commit at " + height.value() + " after " + tipHeight.value());
    }
    if (!state.metadata().batchHeight().equals(height)) {
      throw new IllegalArgumentException("state metadata at " + state.metadata().batchHeight().value()
          + ", committed at " + height.value());
    }
    tip = state;
    tipHeight = height;
    StateHash hash = record(height, state);
    if (config.checkpointDue(height, state.metadata().batchTimeNanos(), lastCheckpointTimeNanos)) {
      try {
        checkpoint(height);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return hash;
  }

  private StateHash record(Height height, ReplicatedState state) {
    TreeInputAdapter.Adapted a = adapter.adapt(state);
    CertifiedStateTree tree = a.tree();
    StateHash hash = StateHash.of(tree.rootHash());
    synchronized (lock) {
      states.put(height, new Committed(height, hash, a, tree));
      hashes.put(height, hash);
      while (hashes.size() > MAX_REMEMBERED_HASHES) {
        hashes.pollFirstEntry();
      }
    }
    return hash;
  }

  private void checkpoint(Height height) throws IOException {
    Checkpoint cp = store.write(height, ReplicatedStateFiles.content(tip), lastCheckpoint);
    List<PageStore> opened = new ArrayList<>();
    try {
      ReplicatedStateFiles.rebase(tip, cp, opened);
    } catch (DecodeException e) {
      throw new IOException("checkpoint " + height.value() + " just written does not open", e);
    }
    lastCheckpoint = cp;
    lastCheckpointTimeNanos = OptionalLong.of(tip.metadata().batchTimeNanos());
    // Stores of older checkpoints are not closed: whoever still holds a snapshot on them can read
    // it; their mappings go when the last reference does (GC'd checkpoints' files included).
    store.gc();
    log.roll();
    List<Height> kept = store.heights();
    log.dropBelow(kept.isEmpty() ? height.increment() : kept.get(0).increment());
  }

  @Override
  public List<StateToCertify> statesToCertify() {
    synchronized (lock) {
      List<StateToCertify> out = new ArrayList<>();
      CertifiedState c = latestCertified;
      for (Committed s : states.values()) {
        if (c == null || s.height().isAfter(c.height())) {
          out.add(new StateToCertify(s.height(), s.hash()));
        }
      }
      return out;
    }
  }

  @Override
  public Optional<StateHash> stateHashAt(Height h) {
    if (h.value() == 0) {
      return Optional.of(StateHash.GENESIS);
    }
    synchronized (lock) {
      return Optional.ofNullable(hashes.get(h));
    }
  }

  @Override
  public DeliveryOutcome deliverCertification(StateCertificate certificate) {
    CertifiedState now;
    synchronized (lock) {
      Committed s = states.get(certificate.height());
      if (s == null) {
        StateHash known = hashes.get(certificate.height());
        return known != null && !known.equals(certificate.hash()) ? DeliveryOutcome.DIVERGED : DeliveryOutcome.NO_STATE;
      }
      if (!s.hash().equals(certificate.hash())) {
        return DeliveryOutcome.DIVERGED;
      }
      CertifiedState prev = latestCertified;
      if (prev != null && !s.height().isAfter(prev.height())) {
        return DeliveryOutcome.CERTIFIED;
      }
      now = new CertifiedState(s.height(), s.hash(), s.tree(), certificate, s.adapted().ingress(),
          s.adapted().canisters());
      latestCertified = now;
      states.headMap(s.height(), false).clear();
    }
    for (Consumer<CertifiedState> l : listeners) {
      l.accept(now);
    }
    return DeliveryOutcome.CERTIFIED;
  }

  @Override
  public Height latestCertifiedHeight() {
    CertifiedState c = latestCertified;
    return c == null ? Height.ZERO : c.height();
  }

  /** Ignored: state sync is not implemented; a node rebuilds its state from its own log. */
  @Override
  public void fetchState(Height h, StateHash hash) {}

  /** The latest certified state, or empty before the first certification. */
  public Optional<CertifiedState> latestCertified() {
    return Optional.ofNullable(latestCertified);
  }

  /** The certified state at {@code h} if it is still held (only the latest is kept), else empty. */
  public Optional<CertifiedState> readCertified(Height h) {
    CertifiedState c = latestCertified;
    return c != null && c.height().equals(h) ? Optional.of(c) : Optional.empty();
  }

  /**
   * Registers {@code listener}, called (on the thread delivering the certification, outside any
   * lock) each time the latest certified state advances. It must not block.
   */
  public void onCertified(Consumer<CertifiedState> listener) {
    listeners.add(Objects.requireNonNull(listener));
  }

  /**
   * Closes the batch log after making every written batch durable (drains the group commit); the
   * manager is unusable afterwards. Checkpoint files stay mapped while
   * page maps or snapshots of its states are reachable (they remain readable).
   */
  @Override
  public void close() throws IOException {
    log.close();
  }

  /** For tests: the number of committed states held (uncertified plus the latest certified). */
  int heldStates() {
    synchronized (lock) {
      return states.size();
    }
  }
}
