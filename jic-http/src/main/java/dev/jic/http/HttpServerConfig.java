package dev.jic.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the HTTPS interface server. Immutable.
 *
 * @param host the address to bind, e.g. {@code 127.0.0.1}
 * @param port the TCP port; 0 picks a free one (see {@link IcHttpServer#port()})
 * @param maxBodyBytes larger request bodies get 413 (the IC's ingress limit is 2 MiB of message,
 *     plus envelope overhead)
 * @param syncCallTimeout how long a v3/v4 call waits for its certified outcome before answering 202
 * @param maxInFlight requests processed at once across all connections; beyond it, 503
 * @param ioThreads Netty event-loop threads (socket I/O only; request work runs on virtual threads)
 * @param idleTimeout a connection with no traffic for this long is closed
 * @param implVersion the {@code impl_version} reported by {@code /api/v2/status}
 */
public record HttpServerConfig(
    String host,
    int port,
    int maxBodyBytes,
    Duration syncCallTimeout,
    int maxInFlight,
    int ioThreads,
    Duration idleTimeout,
    String implVersion) {

  /** Validates the ranges; null is a programming error (NPE). */
  public HttpServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(syncCallTimeout, "syncCallTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(implVersion, "implVersion");
    if (port < 0 || port > 65535 || maxBodyBytes < 1 || maxInFlight < 1 || ioThreads < 1) {
      throw new IllegalArgumentException("invalid HTTP server config " + port + "/" + maxBodyBytes + "/" + maxInFlight + "/" + ioThreads);
    }
  }

  /**
   * Defaults: 4 MiB bodies, 10 s sync wait, 4096 in flight, {@link #defaultIoThreads()} I/O
   * threads, 5 min idle, on {@code host:port}.
   */
  public static HttpServerConfig defaults(String host, int port) {
    return new HttpServerConfig(host, port, 4 << 20, Duration.ofSeconds(10), 4096, defaultIoThreads(), Duration.ofMinutes(5), "jic-0.1.0");
  }

  /**
   * Half the available processors, at least one: the event loops only move bytes, and the other
   * half is left to the virtual threads that do the request work. (On a 2-core machine one event
   * loop answered signed queries ~15 % faster than two, which competed with request work.)
   */
  public static int defaultIoThreads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }

  /** A copy with another body limit. */
  public HttpServerConfig withMaxBodyBytes(int bytes) {
    return new HttpServerConfig(host, port, bytes, syncCallTimeout, maxInFlight, ioThreads, idleTimeout, implVersion);
  }

  /** A copy with another sync-call wait. */
  public HttpServerConfig withSyncCallTimeout(Duration timeout) {
    return new HttpServerConfig(host, port, maxBodyBytes, timeout, maxInFlight, ioThreads, idleTimeout, implVersion);
  }
}
