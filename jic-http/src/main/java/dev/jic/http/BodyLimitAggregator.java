package dev.jic.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Aggregates a request into one message of at most {@code maxBodyBytes}; a larger body (declared
 * or streamed) is answered 413 with a text message and CORS headers, and the connection is closed
 * (the rest of the body is not read).
 */
final class BodyLimitAggregator extends HttpObjectAggregator {
  private final int maxBodyBytes;

  BodyLimitAggregator(int maxBodyBytes) {
    super(maxBodyBytes);
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    FullHttpResponse r = ConnectionHandler.toNetty(HttpResult.text(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code(),
        "request body is larger than the limit of " + maxBodyBytes + " bytes"), false);
    ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
  }
}
