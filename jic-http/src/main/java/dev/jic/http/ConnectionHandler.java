package dev.jic.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/**
 * One per connection: hands each aggregated request to a virtual thread and writes the responses
 * back in request order. Runs on the connection's event loop; only {@link #tail} is mutable, and
 * only from that loop.
 */
final class ConnectionHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final System.Logger LOG = System.getLogger(ConnectionHandler.class.getName());

  private final RequestProcessor processor;
  private final ExecutorService threads;
  private final Semaphore inFlight;
  /** Completes when the previous request's response has been handed to the channel. */
  private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

  ConnectionHandler(RequestProcessor processor, ExecutorService threads, Semaphore inFlight) {
    this.processor = processor;
    this.threads = threads;
    this.inFlight = inFlight;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    if (!req.decoderResult().isSuccess()) {
      String why = String.valueOf(req.decoderResult().cause());
      ctx.writeAndFlush(toNetty(HttpResult.badRequest("malformed HTTP request: " + EffectiveIdCheck.abbreviate(why)), false))
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    String method = req.method().name();
    String uri = req.uri();
    String contentType = req.headers().get(HttpHeaderNames.CONTENT_TYPE);
    byte[] body = ByteBufUtil.getBytes(req.content());
    CompletableFuture<HttpResult> result;
    if (!inFlight.tryAcquire()) {
      result = CompletableFuture.completedFuture(HttpResult.text(503, "Service is overloaded, try again later."));
    } else {
      try {
        result = CompletableFuture.supplyAsync(() -> {
          try {
            return processor.process(method, uri, contentType, body);
          } finally {
            inFlight.release();
          }
        }, threads);
      } catch (RejectedExecutionException e) {
        inFlight.release();
        result = CompletableFuture.completedFuture(HttpResult.text(503, "The server is shutting down."));
      }
    }
    CompletableFuture<HttpResult> mine = result;
    CompletableFuture<Void> previous = tail;
    CompletableFuture<Void> next = new CompletableFuture<>();
    tail = next;
    previous.thenCombine(mine, (v, r) -> r).whenComplete((r, err) -> ctx.executor().execute(() -> {
      HttpResult out = err == null ? r : HttpResult.text(500, "internal error");
      var f = ctx.writeAndFlush(toNetty(out, keepAlive));
      if (!keepAlive) {
        f.addListener(ChannelFutureListener.CLOSE);
      }
      next.complete(null);
    }));
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent) {
      ctx.close();
    } else {
      super.userEventTriggered(ctx, evt);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.log(System.Logger.Level.DEBUG, "closing connection after " + cause);
    ctx.close();
  }

  /** A Netty response with the IC's CORS headers and a Content-Length. */
  static FullHttpResponse toNetty(HttpResult r, boolean keepAlive) {
    byte[] body = r.body();
    FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
        Unpooled.wrappedBuffer(body));
    var h = resp.headers();
    if (r.contentType() != null) {
      h.set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
    }
    h.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "POST, GET");
    h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Accept, Authorization, Content-Type");
    HttpUtil.setKeepAlive(resp, keepAlive);
    return resp;
  }
}
