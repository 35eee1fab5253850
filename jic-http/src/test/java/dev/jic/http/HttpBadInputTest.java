package dev.jic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.crypto.tree.LabeledTree;
import dev.jic.testkit.http.FakeNode;
import dev.jic.types.candid.IdlValue;
import dev.jic.types.candid.Candid;
import dev.jic.types.hash.HashValue;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table of bad requests, each with the status code and a fragment of the text/plain message it
 * must get. After every case the server must still answer {@code /api/v2/status}.
 */
class HttpBadInputTest {
  static final long NOW = HttpEndpointsTest.NOW;
  static final long EXPIRY = HttpEndpointsTest.EXPIRY;
  static final long MINUTE = 60_000_000_000L;
  static final TestAgent.Identity ALICE = TestAgent.Identity.ed25519(1);
  static final TestAgent.Identity BOB = TestAgent.Identity.ed25519(2);
  static final String HELLO = FakeNode.HELLO.principal().toText();
  static final int LIMIT = 64 * 1024;

  static FakeNode node;
  static IcHttpServer server;
  static TestAgent agent;
  static RequestId aliceRequest;

  @BeforeAll
  static void start() {
    node = FakeNode.at(NOW);
    server = IcHttpServer.start(HttpServerConfig.defaults("127.0.0.1", 0).withMaxBodyBytes(LIMIT), new HttpBackend(node, node, node, node, node.nodeKey()));
    agent = new TestAgent(server.port());
    var c = call(ALICE, FakeNode.HELLO, "greet");
    assertEquals(202, agent.post("/api/v2/canister/" + HELLO + "/call", TestAgent.envelope(c, ALICE)).status());
    aliceRequest = RequestId.ofContent(c);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record Case(String name, Supplier<TestAgent.Response> request, int status, String fragment) {
    @Override
    public String toString() {
      return name;
    }
  }

  static TreeMap<String, HashValue> call(TestAgent.Identity id, CanisterId canister, String method) {
    return TestAgent.callContent("call", id.principal(), EXPIRY, canister, method, new byte[] {'D', 'I', 'D', 'L', 0, 0});
  }

  static TestAgent.Response postCall(String path, TreeMap<String, HashValue> content, TestAgent.Identity id) {
    return agent.post(path, TestAgent.envelope(content, id));
  }

  static TestAgent.Response readState(String ecidPath, TestAgent.Identity id, List<List<byte[]>> paths) {
    return agent.post(ecidPath, TestAgent.envelope(TestAgent.readStateContent(id.principal(), EXPIRY, paths), id));
  }

  static byte[] mgmtArg(String field, CanisterId target) {
    return Candid.encodeInferred(List.of(new IdlValue.Record(List.of(
        new IdlValue.FieldValue(IdlValue.Label.named(field), new IdlValue.Principal(target.principal()))))));
  }

  static Stream<Case> cases() {
    String callV2 = "/api/v2/canister/" + HELLO + "/call";
    String readV2 = "/api/v2/canister/" + HELLO + "/read_state";
    String sid = node().subnet().subnetId().principal().toText();
    byte[] sidBytes = node().subnet().subnetId().toBytes();
    byte[] rid = aliceRequest.toBytes();
    return Stream.of(
        new Case("garbage body", () -> agent.post(callV2, "not cbor at all".getBytes()), 400, "Could not parse body as call message"),
        new Case("empty body", () -> agent.post(callV2, new byte[0]), 400, "Could not parse body"),
        new Case("huge body", () -> agent.post(callV2, new byte[LIMIT + 1000]), 413, "larger than the limit"),
        new Case("wrong content-type", () -> agent.post(callV2, "text/plain", TestAgent.envelope(call(ALICE, FakeNode.HELLO, "greet"), ALICE)), 400, "content-type"),
        new Case("missing content-type", () -> agent.post(callV2, null, TestAgent.envelope(call(ALICE, FakeNode.HELLO, "greet"), ALICE)), 400, "content-type"),
        new Case("CBOR that is not an envelope", () -> agent.post(callV2, new byte[] {(byte) 0x83, 1, 2, 3}), 400, "must be a CBOR map"),
        new Case("envelope without content", () -> agent.post(callV2, new byte[] {(byte) 0xa0}), 400, "content"),
        new Case("wrong request_type", () -> postCall(callV2, TestAgent.callContent("query", ALICE.principal(), EXPIRY, FakeNode.HELLO, "greet", new byte[0]), ALICE), 400, "expects request_type \"call\""),
        new Case("bad signature", () -> {
          byte[] env = TestAgent.envelope(call(ALICE, FakeNode.HELLO, "greet"), ALICE);
          env[env.length - 1] ^= 1; // last byte of sender_sig
          return agent.post(callV2, env);
        }, 403, "Failed to authenticate"),
        new Case("expired", () -> postCall(callV2, TestAgent.callContent("call", ALICE.principal(), NOW - MINUTE, FakeNode.HELLO, "greet", new byte[0]), ALICE), 400, "in the past"),
        new Case("expiry too far", () -> postCall(callV2, TestAgent.callContent("call", ALICE.principal(), NOW + 10 * MINUTE, FakeNode.HELLO, "greet", new byte[0]), ALICE), 400, "more than 5 min 30 s"),
        new Case("sender mismatch", () -> postCall(callV2, call(BOB, FakeNode.HELLO, "greet"), TestAgent.Identity.ed25519(3)), 403, "is not the self-authenticating id"),
        new Case("anonymous sender with a signature", () -> {
          var c = TestAgent.callContent("call", PrincipalId.ANONYMOUS, EXPIRY, FakeNode.HELLO, "greet", new byte[0]);
          return agent.post(callV2, TestAgent.envelope(c, ALICE));
        }, 403, "anonymous"),
        new Case("ECID not in the subnet's ranges", () -> postCall("/api/v2/canister/" + FakeNode.ELSEWHERE.principal().toText() + "/call", call(ALICE, FakeNode.ELSEWHERE, "greet"), ALICE), 400, "not hosted by subnet"),
        new Case("query ECID not in ranges", () -> postCall("/api/v3/canister/" + FakeNode.ELSEWHERE.principal().toText() + "/query",
            TestAgent.callContent("query", ALICE.principal(), EXPIRY, FakeNode.ELSEWHERE, "hello", new byte[0]), ALICE), 400, "not hosted by subnet"),
        new Case("canister id differs from ECID", () -> postCall(callV2, call(ALICE, FakeNode.MISSING, "greet"), ALICE), 400, "does not match effective canister id"),
        new Case("management call without canister_id", () -> postCall(callV2,
            TestAgent.callContent("call", ALICE.principal(), EXPIRY, CanisterId.MANAGEMENT, "start_canister", mgmtArg("other", FakeNode.HELLO)), ALICE), 400, "no principal field canister_id"),
        new Case("management call for another canister", () -> postCall(callV2,
            TestAgent.callContent("call", ALICE.principal(), EXPIRY, CanisterId.MANAGEMENT, "stop_canister", mgmtArg("canister_id", FakeNode.MISSING)), ALICE), 400, "does not match effective canister id"),
        new Case("management call with bad Candid", () -> postCall(callV2,
            TestAgent.callContent("call", ALICE.principal(), EXPIRY, CanisterId.MANAGEMENT, "stop_canister", new byte[] {1, 2, 3}), ALICE), 400, "could not decode the Candid argument"),
        new Case("install_chunked_code uses target_canister", () -> postCall(callV2,
            TestAgent.callContent("call", ALICE.principal(), EXPIRY, CanisterId.MANAGEMENT, "install_chunked_code", mgmtArg("canister_id", FakeNode.HELLO)), ALICE), 400, "target_canister"),
        new Case("subnet call for a non-creation method", () -> postCall("/api/v4/subnet/" + sid + "/call", call(ALICE, FakeNode.HELLO, "greet"), ALICE), 400, "only serves aaaaa-aa"),
        new Case("subnet call to another subnet", () -> postCall("/api/v4/subnet/" + FakeNode.CONTROLLER.toText() + "/call",
            TestAgent.callContent("call", ALICE.principal(), EXPIRY, CanisterId.MANAGEMENT, "create_canister", mgmtArg("x", FakeNode.HELLO)), ALICE), 400, "is not this node's subnet"),
        new Case("read another sender's request status", () -> readState(readV2, BOB, List.of(LabeledTree.path("request_status", rid))), 403, "not signed by the caller"),
        new Case("read own request status at another ECID", () -> readState("/api/v2/canister/" + FakeNode.MISSING.principal().toText() + "/read_state", ALICE,
            List.of(LabeledTree.path("request_status", rid, "status"))), 403, "was submitted for"),
        new Case("two request ids", () -> readState(readV2, ALICE, List.of(LabeledTree.path("request_status", rid), LabeledTree.path("request_status", new byte[32]))), 400, "same request id"),
        new Case("short request id", () -> readState(readV2, ALICE, List.of(LabeledTree.path("request_status", new byte[31]))), 400, "32 bytes"),
        new Case("another canister's module hash", () -> readState(readV2, ALICE, List.of(LabeledTree.path("canister", FakeNode.MISSING.toBytes(), "module_hash"))), 403, "may only be read with effective canister id"),
        new Case("private metadata by a non-controller", () -> readState(readV2, BOB, List.of(LabeledTree.path("canister", FakeNode.HELLO.toBytes(), "metadata", "secret"))), 403, "private"),
        new Case("certified_data is not readable", () -> readState(readV2, ALICE, List.of(LabeledTree.path("canister", FakeNode.HELLO.toBytes(), "certified_data"))), 404, "Invalid path requested"),
        new Case("unknown state path", () -> readState(readV2, ALICE, List.of(LabeledTree.path("secrets"))), 404, "Invalid path requested"),
        new Case("empty state path", () -> readState(readV2, ALICE, List.of(List.of())), 404, "empty path"),
        new Case("canister_ranges at a canister endpoint", () -> readState(readV2, ALICE, List.of(LabeledTree.path("canister_ranges", sidBytes))), 403, "subnet read_state endpoints"),
        new Case("subnet metrics at a canister endpoint", () -> readState(readV2, ALICE, List.of(LabeledTree.path("subnet", sidBytes, "metrics"))), 403, "metrics"),
        new Case("read_state at another subnet", () -> readState("/api/v3/subnet/" + FakeNode.CONTROLLER.toText() + "/read_state", ALICE, List.of(LabeledTree.path("time"))), 400, "is not this node's subnet"),
        new Case("wrong method on call", () -> agent.get(callV2), 405, "use POST"),
        new Case("wrong method on status", () -> agent.post("/api/v2/status", new byte[0]), 405, "use GET"),
        new Case("unknown API version", () -> agent.post("/api/v5/canister/" + HELLO + "/call", new byte[0]), 404, "no endpoint"),
        new Case("unknown operation", () -> agent.post("/api/v2/canister/" + HELLO + "/install", new byte[0]), 404, "no endpoint"),
        new Case("v2 subnet call does not exist", () -> agent.post("/api/v2/subnet/" + sid + "/call", new byte[0]), 404, "no endpoint"),
        new Case("root path", () -> agent.get("/"), 404, "no endpoint"),
        new Case("bad principal in URL", () -> agent.post("/api/v2/canister/not-a-principal/call", new byte[0]), 400, "not a principal"));
  }

  static FakeNode node() {
    return node;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInputGetsA4xxWithAMessage(Case c) {
    TestAgent.Response r = c.request().get();
    assertEquals(c.status(), r.status(), c.name() + ": " + r);
    assertTrue(r.contentType() != null && r.contentType().startsWith("text/plain"), c.name() + ": content type " + r.contentType());
    assertTrue(r.text().contains(c.fragment()), c.name() + ": message was: " + r.text());
    assertEquals("*", r.headers().firstValue("access-control-allow-origin").orElse(null), c.name() + ": CORS");
    assertEquals(200, agent.get("/api/v2/status").status(), "server still serves after " + c.name());
  }
}
