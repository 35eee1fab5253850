package dev.jic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

/**
 * The connection handler on an embedded channel, with a hand-driven executor standing in for the
 * virtual threads, so completion order is chosen by the test.
 */
class ConnectionHandlerTest {
  /** Holds submitted tasks until the test runs them. */
  private static final class ManualExecutor implements Executor {
    final List<Runnable> tasks = new ArrayList<>();

    @Override
    public void execute(Runnable r) {
      tasks.add(r);
    }
  }

  private final ManualExecutor threads = new ManualExecutor();

  private EmbeddedChannel channel(Semaphore inFlight) {
    ConnectionHandler.Processor echo = (method, path, contentType, body) -> HttpResult.text(200, method + " " + path);
    return new EmbeddedChannel(new ConnectionHandler(echo, threads, inFlight));
  }

  private static DefaultFullHttpRequest get(String path, boolean keepAlive) {
    var r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
    if (!keepAlive) {
      r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    return r;
  }

  private static String body(FullHttpResponse r) {
    try {
      return r.content().toString(StandardCharsets.UTF_8);
    } finally {
      r.release();
    }
  }

  @Test
  void pipelinedResponsesAreWrittenInRequestOrder() {
    EmbeddedChannel ch = channel(new Semaphore(10));
    ch.writeInbound(get("/a", true), get("/b", true), get("/c", true));
    assertEquals(3, threads.tasks.size());
    threads.tasks.get(2).run();
    threads.tasks.get(1).run();
    ch.runPendingTasks();
    assertNull(ch.readOutbound(), "nothing may be written before the first request's response");
    threads.tasks.get(0).run();
    ch.runPendingTasks();
    FullHttpResponse a = ch.readOutbound();
    assertEquals("*", a.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN));
    assertEquals("GET /a", body(a));
    assertEquals("GET /b", body(ch.readOutbound()));
    assertEquals("GET /c", body(ch.readOutbound()));
    assertNull(ch.readOutbound());
    assertTrue(ch.isOpen());
  }

  @Test
  void beyondTheInFlightBoundIs503InOrderAndPermitsAreReturned() {
    Semaphore inFlight = new Semaphore(1);
    EmbeddedChannel ch = channel(inFlight);
    ch.writeInbound(get("/slow", true), get("/refused", true));
    assertEquals(1, threads.tasks.size());
    assertEquals(0, inFlight.availablePermits());
    ch.runPendingTasks();
    assertNull(ch.readOutbound(), "the 503 waits for the earlier response");
    threads.tasks.get(0).run();
    ch.runPendingTasks();
    assertEquals("GET /slow", body(ch.readOutbound()));
    FullHttpResponse refused = ch.readOutbound();
    assertEquals(503, refused.status().code());
    refused.release();
    assertEquals(1, inFlight.availablePermits());
  }

  @Test
  void aThrowingProcessorYields500AndReleasesItsPermit() {
    Semaphore inFlight = new Semaphore(1);
    ConnectionHandler.Processor broken = (m, p, ct, b) -> {
      throw new IllegalStateException("bug");
    };
    EmbeddedChannel ch = new EmbeddedChannel(new ConnectionHandler(broken, threads, inFlight));
    ch.writeInbound(get("/x", true));
    threads.tasks.get(0).run();
    ch.runPendingTasks();
    FullHttpResponse r = ch.readOutbound();
    assertEquals(500, r.status().code());
    r.release();
    assertEquals(1, inFlight.availablePermits());
  }

  @Test
  void connectionCloseIsHonouredAfterTheResponse() {
    EmbeddedChannel ch = channel(new Semaphore(10));
    ch.writeInbound(get("/last", false));
    threads.tasks.get(0).run();
    ch.runPendingTasks();
    FullHttpResponse r = ch.readOutbound();
    assertEquals("close", r.headers().get(HttpHeaderNames.CONNECTION));
    assertEquals("GET /last", body(r));
    assertFalse(ch.isOpen());
  }

  @Test
  void aRejectingExecutorYields503() {
    Executor closed = r -> {
      throw new java.util.concurrent.RejectedExecutionException("shut down");
    };
    Semaphore inFlight = new Semaphore(1);
    EmbeddedChannel ch = new EmbeddedChannel(new ConnectionHandler((m, p, ct, b) -> HttpResult.empty(200), closed, inFlight));
    ch.writeInbound(get("/x", true));
    FullHttpResponse r = ch.readOutbound();
    assertEquals(503, r.status().code());
    r.release();
    assertEquals(1, inFlight.availablePermits());
  }
}
