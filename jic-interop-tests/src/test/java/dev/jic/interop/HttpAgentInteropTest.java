package dev.jic.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.http.HttpBackend;
import dev.jic.http.HttpServerConfig;
import dev.jic.http.IcHttpServer;
import dev.jic.testkit.http.FakeNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code @dfinity/agent} 3.4.3's {@code HttpAgent} with default settings (root key fetched from
 * {@code /api/v2/status}, certificates and query signatures verified) against the jic HTTPS
 * interface over an in-memory node whose certified state is a real tree signed with a real BLS
 * key: status, a signed query (the agent reads the node key and ranges via read_state), a
 * synchronous v3 update call, and a read_state.
 */
class HttpAgentInteropTest {

  @Test
  void defaultHttpAgentTalksToJic() {
    FakeNode node = FakeNode.withWallClock();
    try (IcHttpServer server = IcHttpServer.start(HttpServerConfig.defaults("127.0.0.1", 0), new HttpBackend(node, node, node, node, node.nodeKey()))) {
      String input = "{\"host\":\"http://127.0.0.1:" + server.port() + "\",\"canisterId\":\""
          + FakeNode.HELLO.principal().toText() + "\",\"seed\":42}";
      String out = NodeScript.run("http-agent.mjs", input);
      List<String> lines = out.lines().toList();
      assertEquals(4, lines.size(), out);
      String rootKeyPrefix = node.subnet().rootKeyDer().toHex().substring(0, 16);
      assertEquals("STEP status OK healthy root_key=" + rootKeyPrefix, lines.get(0), out);
      assertEquals("STEP query OK Hello, agent!", lines.get(1), out);
      assertEquals("STEP update OK Hello, update!", lines.get(2), out);
      assertEquals("STEP read_state OK time_bytes=", lines.get(3).substring(0, "STEP read_state OK time_bytes=".length()), out);
      // The update went through the synchronous v3 endpoint and reached the node's ingress.
      assertTrue(node.submitted().stream().anyMatch(c -> c.content().methodName().equals("greet")), out);
    }
  }
}
