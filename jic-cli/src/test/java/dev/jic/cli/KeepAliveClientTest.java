package dev.jic.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The load bench's keep-alive client against the bench's own bare Netty server. */
class KeepAliveClientTest {
  @Test
  void manyRequestsOnOneConnectionEachGetTheFixedBody() throws Exception {
    try (LoadBench.BareServer server = LoadBench.BareServer.start();
        KeepAliveClient c = new KeepAliveClient(URI.create("http://127.0.0.1:" + server.port() + "/api/v3/x"))) {
      for (int i = 0; i < 50; i++) {
        KeepAliveClient.Response r = c.post(new byte[i * 37]);
        assertEquals(200, r.status());
        assertArrayEquals(new byte[64], r.body(), "request " + i);
      }
    }
  }

  @Test
  void reconnectsAfterTheServerDroppedTheConnection() throws Exception {
    int port;
    KeepAliveClient c;
    try (LoadBench.BareServer server = LoadBench.BareServer.start()) {
      port = server.port();
      c = new KeepAliveClient(URI.create("http://127.0.0.1:" + port + "/"));
      assertEquals(200, c.post(new byte[] {1}).status());
    }
    // A new server cannot reuse the port reliably; a failed exchange must surface as IOException.
    org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> c.post(new byte[] {2}));
    c.close();
  }
}
