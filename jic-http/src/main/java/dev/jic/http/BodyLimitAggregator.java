package dev.jic.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.TimeUnit;

/**
 * Aggregates a request into one message of at most {@code maxBodyBytes}; a larger body (declared
 * or streamed) is answered 413 with a text message and CORS headers, and the connection is then
 * closed.
 *
 * <p>The close is gentle: after the 413 is written the server shuts down its output (the client
 * sees the response and then end-of-stream) and keeps discarding what the client still sends for
 * up to {@link #LINGER_MILLIS} before closing. Closing at once while the client is still sending
 * its body makes the kernel answer with a reset, which can destroy the 413 before the client reads
 * it.
 */
final class BodyLimitAggregator extends HttpObjectAggregator {
  /** How long a connection whose request was too large keeps draining input before it is closed. */
  static final long LINGER_MILLIS = 2_000;

  private final int maxBodyBytes;

  BodyLimitAggregator(int maxBodyBytes) {
    super(maxBodyBytes);
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    FullHttpResponse r = ConnectionHandler.toNetty(HttpResult.text(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code(),
        "request body is larger than the limit of " + maxBodyBytes + " bytes"), false);
    var written = ctx.writeAndFlush(r);
    if (ctx.channel() instanceof DuplexChannel duplex) {
      written.addListener(f -> {
        duplex.shutdownOutput();
        ctx.executor().schedule(() -> {
          ctx.close();
        }, LINGER_MILLIS, TimeUnit.MILLISECONDS);
      });
    } else {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }
}
