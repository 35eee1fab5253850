package dev.jic.state.log;

import dev.jic.state.fs.CheckpointFs;
import dev.jic.types.unit.Height;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The batch log's group commit: one daemon thread forces the segment that holds every record not
 * yet durable; each fsync makes durable every record written before it started, so several
 * batches share one fsync and the writer never waits for the disk.
 *
 * <p><b>Guarantees.</b> Durability is prefix-closed: a height's future completes only after an
 * fsync that covers it and every lower height returned, futures complete in height order, and
 * the writer keeps all not-yet-durable records in one file (it calls {@link #awaitAllDurable}
 * before leaving a segment). The first failure (a failed write reported by {@link #fail} or a
 * failed fsync) is sticky: it fails every pending future and every later {@link #registered}
 * one, because after it nothing about the file's tail is known.
 *
 * <p>Threads: {@link #registered}, {@link #fail}, {@link #awaitAllDurable} and {@link #close} are
 * called by the log's one writer; the futures complete on the fsync thread (callers that do real
 * work on completion should move it to their own executor).
 */
final class GroupCommit implements AutoCloseable {
  private record Pending(long height, CompletableFuture<Height> future) {}

  private final Object lock = new Object();
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private CheckpointFs.OutputFile file;
  private long written;
  private long synced;
  private IOException failure;
  private boolean closed;
  private Thread thread;
  private long fsyncs;

  /** Every height up to {@code durable} is already durable (recovered and forced at open). */
  GroupCommit(long durable) {
    this.written = durable;
    this.synced = durable;
  }

  /**
   * Records that height {@code h}'s record was fully written to {@code in} (which from now on
   * holds every record not yet durable) and returns the future of its durability.
   *
   * @throws IOException if an earlier write or fsync failed (the log accepts nothing more)
   */
  CompletableFuture<Height> registered(long h, CheckpointFs.OutputFile in) throws IOException {
    CompletableFuture<Height> f = new CompletableFuture<>();
    synchronized (lock) {
      if (failure != null) {
        throw new IOException("the batch log failed earlier: " + failure.getMessage(), failure);
      }
      if (closed) {
        throw new IllegalStateException("the batch log is closed");
      }
      file = in;
      written = h;
      pending.add(new Pending(h, f));
      if (thread == null) {
        thread = Thread.ofPlatform().daemon(true).name("jic-batch-log-fsync").start(this::loop);
      }
      lock.notifyAll();
    }
    return f;
  }

  /** A write failed (its record may be torn): fails every pending and later durability. */
  void fail(IOException e) {
    List<Pending> failed;
    synchronized (lock) {
      if (failure == null) {
        failure = e;
      }
      failed = drain();
      lock.notifyAll();
    }
    failed.forEach(p -> p.future().completeExceptionally(failure()));
  }

  /** The first failure, or null. */
  IOException failure() {
    synchronized (lock) {
      return failure;
    }
  }

  /** The highest durable height ({@code -1}: none yet in this log's life and none recovered). */
  long durable() {
    synchronized (lock) {
      return synced;
    }
  }

  /** Fsyncs performed by the group-commit thread so far. */
  long fsyncs() {
    synchronized (lock) {
      return fsyncs;
    }
  }

  /**
   * Waits until every registered record is durable (the writer then may close the segment).
   *
   * @throws IOException if a write or fsync failed
   */
  void awaitAllDurable() throws IOException {
    synchronized (lock) {
      while (failure == null && synced < written) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while waiting for the batch log fsync");
        }
      }
      if (failure != null) {
        throw new IOException("the batch log failed: " + failure.getMessage(), failure);
      }
    }
  }

  private List<Pending> drain() {
    List<Pending> out = new ArrayList<>(pending);
    pending.clear();
    return out;
  }

  private void loop() {
    while (true) {
      CheckpointFs.OutputFile f;
      long target;
      synchronized (lock) {
        while (!closed && failure == null && synced >= written) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            return; // only close() interrupts, after everything was drained
          }
        }
        if (failure != null || synced >= written) {
          return;
        }
        f = file;
        target = written;
      }
      List<Pending> done = new ArrayList<>();
      try {
        f.syncData();
        synchronized (lock) {
          fsyncs++;
          if (failure == null) {
            synced = target;
            while (!pending.isEmpty() && pending.peekFirst().height() <= target) {
              done.add(pending.pollFirst());
            }
          }
          lock.notifyAll();
        }
      } catch (IOException | RuntimeException e) {
        fail(e instanceof IOException io ? io : new IOException("fsync failed: " + e, e));
        return;
      }
      for (Pending p : done) {
        p.future().complete(Height.of(p.height()));
      }
    }
  }

  /**
   * Stops the fsync thread after it made everything registered durable (or failed).
   *
   * @throws IOException if a write or fsync failed
   */
  @Override
  public void close() throws IOException {
    Thread t;
    try {
      awaitAllDurable();
    } finally {
      synchronized (lock) {
        closed = true;
        t = thread;
        lock.notifyAll();
      }
      if (t != null) {
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
