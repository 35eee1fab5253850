package dev.jic.consensus.pool;

import dev.jic.consensus.artifact.ConsensusMessage;
import dev.jic.types.unit.Height;
import java.util.List;

/**
 * Durable storage of a replica's validated pool section, so that a restarted replica neither
 * forgets nor contradicts what it signed (STYLE.md: nothing acknowledged is lost on crash).
 * The pool calls {@link #append} for every artifact it validates or makes and
 * {@link #purgeBelow} when it purges; the replica calls {@link #sync} before anything it made is
 * sent, so what peers saw from this node is always on disk first. One thread uses a store.
 *
 * <p>Implementations: {@link #none()} (nothing kept), {@link MemoryPoolStore} (survives a
 * simulated restart of the replica object), {@link FilePoolStore} (an fsynced append-only log).
 */
public interface PoolStore extends AutoCloseable {

  /** Records a validated artifact (buffered until {@link #sync}). Throws {@link java.io.UncheckedIOException} on I/O failure. */
  void append(ConsensusMessage m);

  /** Records that every artifact below {@code h} was purged. */
  void purgeBelow(Height h);

  /** Makes everything appended so far durable. Throws {@link java.io.UncheckedIOException} on I/O failure. */
  void sync();

  /** The artifacts appended and not purged, in append order. */
  List<ConsensusMessage> load();

  @Override
  void close();

  /** A store that keeps nothing (a replica that restarts with it starts from its CUP). */
  static PoolStore none() {
    return new PoolStore() {
      @Override
      public void append(ConsensusMessage m) {}

      @Override
      public void purgeBelow(Height h) {}

      @Override
      public void sync() {}

      @Override
      public List<ConsensusMessage> load() {
        return List.of();
      }

      @Override
      public void close() {}
    };
  }
}
