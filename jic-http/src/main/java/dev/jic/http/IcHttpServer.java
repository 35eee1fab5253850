package dev.jic.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The HTTPS interface server (HTTP/1.1 on Netty; TLS is terminated in front of it, as for a local
 * replica). Netty's event loops only move bytes; each request is processed by
 * {@link RequestProcessor} on its own virtual thread, at most {@link HttpServerConfig#maxInFlight()}
 * at once (beyond that: 503). Requests on one connection are answered in order. A malformed
 * request is answered (400/413/...) and the server keeps serving; a connection whose HTTP framing
 * is broken is answered 400 and closed.
 *
 * <p>On Linux with Netty's native epoll library available the event loops use it (fewer system
 * calls per request than the JDK selector); otherwise NIO. Behaviour is the same.
 *
 * <p>Lifecycle: {@link #start} binds and returns once the port is open; {@link #close} stops
 * accepting, closes connections and waits for the event loops. Thread-safe.
 */
public final class IcHttpServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(IcHttpServer.class.getName());

  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final ExecutorService requestThreads;
  private final Channel serverChannel;

  private IcHttpServer(EventLoopGroup boss, EventLoopGroup workers, ExecutorService requestThreads, Channel serverChannel) {
    this.boss = boss;
    this.workers = workers;
    this.requestThreads = requestThreads;
    this.serverChannel = serverChannel;
  }

  /**
   * Binds {@code config.host():config.port()} and starts serving {@code backend}.
   *
   * @throws java.io.UncheckedIOException if the address cannot be bound
   */
  public static IcHttpServer start(HttpServerConfig config, HttpBackend backend) {
    boolean epoll = Epoll.isAvailable();
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    EventLoopGroup workers = new MultiThreadIoEventLoopGroup(config.ioThreads(), epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("jic-http-", 0).factory());
    RequestProcessor processor = new RequestProcessor(config, backend);
    Semaphore inFlight = new Semaphore(config.maxInFlight());
    try {
      ServerBootstrap b = new ServerBootstrap()
          .group(boss, workers)
          .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline()
                  .addLast("idle", new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                  .addLast("codec", new HttpServerCodec(8192, 16384, 65536))
                  .addLast("aggregate", new BodyLimitAggregator(config.maxBodyBytes()))
                  .addLast("handler", new ConnectionHandler(processor::process, threads, inFlight));
            }
          });
      Channel ch = b.bind(config.host(), config.port()).syncUninterruptibly().channel();
      LOG.log(System.Logger.Level.INFO, "HTTPS interface listening on " + ch.localAddress() + (epoll ? " (epoll)" : " (nio)"));
      return new IcHttpServer(boss, workers, threads, ch);
    } catch (Exception e) { // Netty rethrows a checked BindException undeclared
      boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      threads.shutdownNow();
      throw new java.io.UncheckedIOException(
          new java.io.IOException("cannot bind " + config.host() + ":" + config.port() + ": " + e.getMessage(), e));
    }
  }

  /** The bound address. */
  public InetSocketAddress address() {
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /** The bound port (useful when the config asked for port 0). */
  public int port() {
    return address().getPort();
  }

  /** Stops serving and releases threads; idempotent. */
  @Override
  public void close() {
    serverChannel.close().syncUninterruptibly();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    requestThreads.shutdownNow();
  }
}
