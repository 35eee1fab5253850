package dev.jic.wasm.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The threads Wasm runs on: platform daemon threads with a fixed {@value #STACK_BYTES}-byte stack,
 * so that the deterministic stack limit ({@link ChicoryEngine#STACK_LIMIT} units) is always reached
 * long before the JVM's own stack runs out, whatever thread called the engine (a virtual thread,
 * a 1 MiB pool thread, ...). The stack is reserved address space; only the touched part is
 * committed, so an idle thread costs little memory.
 *
 * <p>The pool grows on demand (one thread per concurrently running call; threads idle for 30 s
 * exit). A call made from a Wasm thread (a host function calling into another instance) runs
 * inline. The caller blocks until the call ends and is not interruptible while it waits (an
 * interrupt is re-asserted afterwards): a replicated call always runs to its deterministic end.
 */
final class EngineThreads {
  private EngineThreads() {}

  /** Stack size of every Wasm thread: 256 MiB. */
  static final long STACK_BYTES = 256L << 20;

  private static final AtomicInteger NEXT = new AtomicInteger();

  private static final class WasmThread extends Thread {
    WasmThread(Runnable r) {
      super(null, r, "jic-wasm-" + NEXT.incrementAndGet(), STACK_BYTES);
      setDaemon(true);
    }
  }

  private static final ExecutorService POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
      new SynchronousQueue<>(), WasmThread::new);

  /** Whether the current thread is a Wasm thread. */
  static boolean onWasmThread() {
    return Thread.currentThread() instanceof WasmThread;
  }

  /**
   * Runs {@code body} on a Wasm thread and returns its result; rethrows whatever unchecked
   * exception or error it threw.
   */
  static <T> T run(Supplier<T> body) {
    if (onWasmThread()) {
      return body.get();
    }
    CompletableFuture<T> f = CompletableFuture.supplyAsync(body, POOL);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return f.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          if (c instanceof RuntimeException r) {
            throw r;
          }
          if (c instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(c);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
