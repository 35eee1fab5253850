package dev.jic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.crypto.tree.LabeledTree;
import dev.jic.testkit.http.FakeNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile bodies never get a 5xx, and the server keeps answering {@code /api/v2/status}: random
 * bytes, and valid signed envelopes with random bytes mutated, posted to every endpoint.
 */
class HttpFuzzProperties {
  static final TestAgent.Identity ALICE = TestAgent.Identity.ed25519(1);
  static FakeNode node;
  static IcHttpServer server;
  static TestAgent agent;
  static List<String> endpoints;
  static List<byte[]> seeds;

  @BeforeContainer
  static void start() {
    node = FakeNode.at(HttpEndpointsTest.NOW);
    server = IcHttpServer.start(HttpServerConfig.defaults("127.0.0.1", 0).withMaxBodyBytes(16 * 1024), new HttpBackend(node, node, node, node, node.nodeKey()));
    agent = new TestAgent(server.port());
    String hello = FakeNode.HELLO.principal().toText();
    String sid = node.subnet().subnetId().principal().toText();
    endpoints = List.of("/api/v2/canister/" + hello + "/call", "/api/v3/canister/" + hello + "/call", "/api/v4/canister/" + hello + "/call",
        "/api/v4/subnet/" + sid + "/call", "/api/v2/canister/" + hello + "/query", "/api/v3/canister/" + hello + "/query",
        "/api/v3/subnet/" + sid + "/query", "/api/v2/canister/" + hello + "/read_state", "/api/v3/canister/" + hello + "/read_state",
        "/api/v3/subnet/" + sid + "/read_state", "/api/v2/canister/aaaaa-aa/call");
    long exp = HttpEndpointsTest.EXPIRY;
    seeds = List.of(
        TestAgent.envelope(TestAgent.callContent("call", ALICE.principal(), exp, FakeNode.HELLO, "greet", HttpEndpointsTest.textArg("x")), ALICE),
        TestAgent.envelope(TestAgent.callContent("query", ALICE.principal(), exp, FakeNode.HELLO, "hello", HttpEndpointsTest.textArg("x")), ALICE),
        TestAgent.envelope(TestAgent.readStateContent(ALICE.principal(), exp,
            List.of(LabeledTree.path("time"), LabeledTree.path("request_status", new byte[32]))), ALICE),
        TestAgent.envelope(TestAgent.callContent("call", ALICE.principal(), exp, dev.jic.types.id.CanisterId.MANAGEMENT, "start_canister",
            HttpEndpointsTest.textArg("x")), TestAgent.Identity.anonymous()));
  }

  @AfterContainer
  static void stop() {
    server.close();
  }

  @Provide
  Arbitrary<Integer> endpoint() {
    return Arbitraries.integers().between(0, 10);
  }

  @Property(tries = 300)
  void randomBodiesNeverGet5xx(@ForAll("endpoint") int e, @ForAll byte[] body) {
    TestAgent.Response r = agent.post(endpoints.get(e), body);
    assertTrue(r.status() >= 200 && r.status() < 500, endpoints.get(e) + " -> " + r);
  }

  @Property(tries = 400)
  void mutatedEnvelopesNeverGet5xx(
      @ForAll("endpoint") int e,
      @ForAll("seedIndex") int s,
      @ForAll("positions") List<Integer> positions,
      @ForAll byte value) {
    byte[] body = seeds.get(s).clone();
    for (int p : positions) {
      body[p % body.length] ^= (byte) (value | 1);
    }
    TestAgent.Response r = agent.post(endpoints.get(e), body);
    assertTrue(r.status() >= 200 && r.status() < 500, endpoints.get(e) + " -> " + r);
  }

  @Provide
  Arbitrary<Integer> seedIndex() {
    return Arbitraries.integers().between(0, 3);
  }

  @Provide
  Arbitrary<List<Integer>> positions() {
    return Arbitraries.integers().between(0, 10_000).list().ofMinSize(1).ofMaxSize(4);
  }

  @Example
  void serverStillAnswersStatusAfterFuzzing() {
    assertEquals(200, agent.get("/api/v2/status").status());
  }

  @Example
  void brokenHttpFramingIsAnswered400AndTheServerKeepsServing() throws Exception {
    for (String garbage : List.of("GARBAGE\r\n\r\n", "POST /api/v2/status HTTP/1.1\r\nContent-Length: nope\r\n\r\n",
        "\u0000\u0001\u0002\r\n\r\n")) {
      try (Socket s = new Socket("127.0.0.1", server.port())) {
        s.setSoTimeout(5000);
        OutputStream out = s.getOutputStream();
        out.write(garbage.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = s.getInputStream();
        String head = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
        assertTrue(head.startsWith("HTTP/1.1 4"), "got " + head);
      }
    }
    assertEquals(200, agent.get("/api/v2/status").status());
  }

  @Example
  void chunkedOversizedBodyIs413() throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      String hello = FakeNode.HELLO.principal().toText();
      out.write(("POST /api/v2/canister/" + hello + "/call HTTP/1.1\r\nHost: x\r\nContent-Type: application/cbor\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      byte[] chunk = new byte[8192];
      try {
        for (int i = 0; i < 4; i++) {
          out.write(("2000\r\n").getBytes(StandardCharsets.ISO_8859_1));
          out.write(chunk);
          out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.flush();
      } catch (java.io.IOException closedEarly) {
        // the server may close before reading everything; the response is already sent
      }
      String head = new String(s.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
      assertEquals("HTTP/1.1 413", head);
    }
    assertEquals(200, agent.get("/api/v2/status").status());
  }
}
