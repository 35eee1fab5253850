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
import io.netty.util.AsciiString;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/**
 * One per connection: hands each aggregated request to a virtual thread and writes the responses
 * back in request order (HTTP/1.1 pipelining). Runs on the connection's event loop; the sequence
 * counters and {@link #early} are mutable only from that loop.
 *
 * <p>Per request there is one hop to a virtual thread (the event loop never runs request logic,
 * which may execute Wasm or wait for a certified state) and one hop back to the event loop to
 * write; no futures are chained. A request beyond the server's in-flight bound is answered 503
 * without a hop.
 */
final class ConnectionHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final System.Logger LOG = System.getLogger(ConnectionHandler.class.getName());
  private static final AsciiString ANY_ORIGIN = AsciiString.cached("*");
  private static final AsciiString ALLOWED_METHODS = AsciiString.cached("POST, GET");
  private static final AsciiString ALLOWED_HEADERS = AsciiString.cached("Accept, Authorization, Content-Type");

  /** The request logic: {@link RequestProcessor#process} in the server. Must not throw. */
  @FunctionalInterface
  interface Processor {
    HttpResult process(String method, String path, String contentType, byte[] body);
  }

  private final Processor processor;
  private final Executor threads;
  private final Semaphore inFlight;
  /** The sequence number the next request on this connection gets. */
  private long nextRequest;
  /** The sequence number of the next response to write. */
  private long nextResponse;
  /** Responses finished before an earlier one on this connection (pipelined requests). */
  private final Map<Long, Finished> early = new HashMap<>(); // looked up by key, never iterated
  private boolean closing;

  private record Finished(HttpResult result, boolean keepAlive) {}

  ConnectionHandler(Processor processor, Executor threads, Semaphore inFlight) {
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
    long seq = nextRequest++;
    if (!inFlight.tryAcquire()) {
      finished(ctx, seq, new Finished(HttpResult.text(503, "Service is overloaded, try again later."), keepAlive));
      return;
    }
    String method = req.method().name();
    String uri = req.uri();
    String contentType = req.headers().get(HttpHeaderNames.CONTENT_TYPE);
    byte[] body = ByteBufUtil.getBytes(req.content());
    try {
      threads.execute(() -> {
        HttpResult out;
        try {
          out = processor.process(method, uri, contentType, body);
        } catch (Throwable t) { // process() answers its own failures; this is a last resort
          LOG.log(System.Logger.Level.ERROR, "request processing failed", t);
          out = HttpResult.text(500, "internal error");
        } finally {
          inFlight.release();
        }
        Finished f = new Finished(out, keepAlive);
        try {
          ctx.executor().execute(() -> finished(ctx, seq, f));
        } catch (RejectedExecutionException e) {
          // the event loop is shutting down with the server; the connection is going away
        }
      });
    } catch (RejectedExecutionException e) {
      inFlight.release();
      finished(ctx, seq, new Finished(HttpResult.text(503, "The server is shutting down."), keepAlive));
    }
  }

  /** On the event loop: writes {@code f} and any responses queued behind it, in request order. */
  private void finished(ChannelHandlerContext ctx, long seq, Finished f) {
    if (seq != nextResponse) {
      early.put(seq, f);
      return;
    }
    Finished next = f;
    while (next != null) {
      nextResponse++;
      if (!closing) {
        var written = ctx.write(toNetty(next.result(), next.keepAlive()));
        if (!next.keepAlive()) {
          closing = true;
          written.addListener(ChannelFutureListener.CLOSE);
        }
      }
      next = early.remove(nextResponse);
    }
    ctx.flush();
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
    h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, ANY_ORIGIN);
    h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
    h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
    HttpUtil.setKeepAlive(resp, keepAlive);
    return resp;
  }
}
