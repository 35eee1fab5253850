package dev.jic.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import dev.jic.crypto.cert.CertificateVerification;
import dev.jic.crypto.cert.CertificateVerifier;
import dev.jic.crypto.node.NodeSigningKey;
import dev.jic.crypto.sig.VerificationResult;
import dev.jic.crypto.tree.HashTreeLookup;
import dev.jic.crypto.tree.LabeledTree;
import dev.jic.crypto.tree.LookupResult;
import dev.jic.interfaces.http.EffectiveId;
import dev.jic.testkit.http.FakeNode;
import dev.jic.types.candid.Candid;
import dev.jic.types.candid.IdlType;
import dev.jic.types.candid.IdlValue;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.messages.Blob;
import dev.jic.types.messages.QueryResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every endpoint's happy path over real sockets against {@link FakeNode}. */
class HttpEndpointsTest {
  static final long NOW = 1_700_000_000_000_000_000L;
  static final long EXPIRY = NOW + 4 * 60_000_000_000L;
  static final TestAgent.Identity ALICE = TestAgent.Identity.ed25519(1);

  static FakeNode node;
  static IcHttpServer server;
  static TestAgent agent;

  @BeforeAll
  static void start() {
    node = FakeNode.at(NOW);
    server = IcHttpServer.start(HttpServerConfig.defaults("127.0.0.1", 0).withSyncCallTimeout(Duration.ofMillis(300)), new HttpBackend(node, node, node, node, node.nodeKey()));
    agent = new TestAgent(server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static byte[] textArg(String s) {
    return Candid.encode(List.of(IdlType.TEXT), List.of(new IdlValue.Text(s)));
  }

  static String ecid(CanisterId c) {
    return c.principal().toText();
  }

  @Test
  void status() {
    TestAgent.Response r = agent.get("/api/v2/status");
    assertEquals(200, r.status());
    assertEquals("application/cbor", r.contentType());
    assertEquals(0xd9, r.body()[0] & 0xff, "self-describe tag");
    CBORObject m = r.cbor();
    assertArrayEquals(node.subnet().rootKeyDer().toBytes(), m.get("root_key").GetByteString());
    assertEquals("healthy", m.get("replica_health_status").AsString());
    assertTrue(m.get("certified_height").AsNumber().ToInt64Checked() >= 1);
    assertEquals("jic-0.1.0", m.get("impl_version").AsString());
    assertEquals("*", r.headers().firstValue("access-control-allow-origin").orElseThrow());
  }

  @Test
  void statusBeforeCertification() {
    FakeNode fresh = FakeNode.uncertified(NOW);
    try (IcHttpServer s = IcHttpServer.start(HttpServerConfig.defaults("127.0.0.1", 0), new HttpBackend(fresh, fresh, fresh, fresh, fresh.nodeKey()))) {
      TestAgent a = new TestAgent(s.port());
      CBORObject m = a.get("/api/v2/status").cbor();
      assertEquals("waiting_for_certified_state", m.get("replica_health_status").AsString());
      assertEquals(null, m.get("certified_height"));
      byte[] rs = TestAgent.envelope(TestAgent.readStateContent(ALICE.principal(), EXPIRY, List.of(LabeledTree.path("time"))), ALICE);
      assertEquals(503, a.post("/api/v2/canister/" + ecid(FakeNode.HELLO) + "/read_state", rs).status());
    }
  }

  @Test
  void corsPreflight() {
    TestAgent.Response r = agent.method("OPTIONS", "/api/v2/canister/" + ecid(FakeNode.HELLO) + "/call");
    assertEquals(204, r.status());
    assertEquals("POST, GET", r.headers().firstValue("access-control-allow-methods").orElseThrow());
    assertEquals("Accept, Authorization, Content-Type", r.headers().firstValue("access-control-allow-headers").orElseThrow());
  }

  @Test
  void asyncCallThenReadStateShowsTheReply() {
    var content = TestAgent.callContent("call", ALICE.principal(), EXPIRY, FakeNode.HELLO, "greet", textArg("v2"));
    TestAgent.Response r = agent.post("/api/v2/canister/" + ecid(FakeNode.HELLO) + "/call", TestAgent.envelope(content, ALICE));
    assertEquals(202, r.status(), r.toString());
    assertEquals(0, r.body().length);
    RequestId rid = RequestId.ofContent(content);
    var sub = node.submitted().stream().filter(c -> c.content().requestId().equals(rid)).findFirst().orElseThrow();
    assertEquals(new EffectiveId.Canister(FakeNode.HELLO), sub.effectiveId());

    byte[] cert = readState("/api/v2/canister/" + ecid(FakeNode.HELLO) + "/read_state", ALICE,
        List.of(LabeledTree.path("request_status", rid.toBytes())));
    assertEquals("replied", new String(lookup(cert, "request_status", rid.toBytes(), "status"), StandardCharsets.UTF_8));
    assertEquals("Hello, v2!", decodeText(lookup(cert, "request_status", rid.toBytes(), "reply")));
  }

  @Test
  void syncCallsReturnACertificate() {
    for (String path : List.of("/api/v3/canister/" + ecid(FakeNode.HELLO) + "/call", "/api/v4/canister/" + ecid(FakeNode.HELLO) + "/call")) {
      var content = TestAgent.callContent("call", ALICE.principal(), EXPIRY, FakeNode.HELLO, "greet", textArg(path));
      TestAgent.Response r = agent.post(path, TestAgent.envelope(content, ALICE));
      assertEquals(200, r.status(), r.toString());
      CBORObject m = r.cbor();
      assertEquals("replied", m.get("status").AsString());
      byte[] cert = m.get("certificate").GetByteString();
      RequestId rid = RequestId.ofContent(content);
      assertEquals("Hello, " + path + "!", decodeText(lookup(cert, "request_status", rid.toBytes(), "reply")));
      assertInstanceOf(LookupResult.Found.class, lookupResult(cert, "time"));
    }
  }

  @Test
  void subnetCallCreatesACanister() {
    byte[] arg = Candid.encodeInferred(List.of(new IdlValue.Record(List.of())));
    var content = TestAgent.callContent("call", ALICE.principal(), EXPIRY, CanisterId.MANAGEMENT, "provisional_create_canister_with_cycles", arg);
    TestAgent.Response r = agent.post("/api/v4/subnet/" + node.subnet().subnetId().principal().toText() + "/call", TestAgent.envelope(content, ALICE));
    assertEquals(200, r.status(), r.toString());
    assertEquals("replied", r.cbor().get("status").AsString());
  }

  @Test
  void createCanisterAcceptsAnyEffectiveCanisterId() {
    byte[] arg = Candid.encodeInferred(List.of(new IdlValue.Record(List.of())));
    var content = TestAgent.callContent("call", ALICE.principal(), EXPIRY, CanisterId.MANAGEMENT, "create_canister", arg);
    TestAgent.Response r = agent.post("/api/v3/canister/aaaaa-aa/call", TestAgent.envelope(content, ALICE));
    assertEquals(200, r.status(), r.toString());
  }

  @Test
  void managementCallUsesTheArgumentsCanisterId() {
    byte[] arg = Candid.encodeInferred(List.of(new IdlValue.Record(List.of(
        new IdlValue.FieldValue(IdlValue.Label.named("canister_id"), new IdlValue.Principal(FakeNode.HELLO.principal()))))));
    var content = TestAgent.callContent("call", ALICE.principal(), EXPIRY, CanisterId.MANAGEMENT, "start_canister", arg);
    TestAgent.Response r = agent.post("/api/v2/canister/" + ecid(FakeNode.HELLO) + "/call", TestAgent.envelope(content, ALICE));
    assertEquals(202, r.status(), r.toString());
  }

  @Test
  void syncCallTimesOutWith202() {
    node.executeCalls = false;
    try {
      var content = TestAgent.callContent("call", ALICE.principal(), EXPIRY, FakeNode.HELLO, "greet", textArg("slow"));
      TestAgent.Response r = agent.post("/api/v3/canister/" + ecid(FakeNode.HELLO) + "/call", TestAgent.envelope(content, ALICE));
      assertEquals(202, r.status(), r.toString());
    } finally {
      node.executeCalls = true;
      node.executePending();
    }
  }

  @Test
  void nonReplicatedRejections() {
    var content = TestAgent.callContent("call", ALICE.principal(), EXPIRY, FakeNode.HELLO, "refuse", new byte[0]);
    TestAgent.Response v2 = agent.post("/api/v2/canister/" + ecid(FakeNode.HELLO) + "/call", TestAgent.envelope(content, ALICE));
    assertEquals(200, v2.status());
    assertEquals(4, v2.cbor().get("reject_code").AsInt32Value());
    assertEquals("IC0406", v2.cbor().get("error_code").AsString());
    TestAgent.Response v3 = agent.post("/api/v3/canister/" + ecid(FakeNode.HELLO) + "/call", TestAgent.envelope(content, ALICE));
    assertEquals(200, v3.status());
    assertEquals("non_replicated_rejection", v3.cbor().get("status").AsString());
    assertEquals(4, v3.cbor().get("reject_code").AsInt32Value());
    // An unknown canister in the subnet's ranges is refused the same way (spec 0.66: 200 + reject body).
    var missing = TestAgent.callContent("call", ALICE.principal(), EXPIRY, FakeNode.MISSING, "greet", new byte[0]);
    TestAgent.Response m = agent.post("/api/v2/canister/" + ecid(FakeNode.MISSING) + "/call", TestAgent.envelope(missing, ALICE));
    assertEquals(200, m.status());
    assertEquals(3, m.cbor().get("reject_code").AsInt32Value());
    assertEquals("IC0301", m.cbor().get("error_code").AsString());
  }

  @Test
  void overloadedIs503() {
    var content = TestAgent.callContent("call", ALICE.principal(), EXPIRY, FakeNode.HELLO, "overload", new byte[0]);
    TestAgent.Response r = agent.post("/api/v2/canister/" + ecid(FakeNode.HELLO) + "/call", TestAgent.envelope(content, ALICE));
    assertEquals(503, r.status());
    assertTrue(r.text().contains("overloaded"));
  }

  @Test
  void queriesAreSignedByTheNode() {
    for (String path : List.of("/api/v2/canister/" + ecid(FakeNode.HELLO) + "/query", "/api/v3/canister/" + ecid(FakeNode.HELLO) + "/query")) {
      for (TestAgent.Identity id : List.of(ALICE, TestAgent.Identity.anonymous())) {
        var content = TestAgent.callContent("query", id.principal(), EXPIRY, FakeNode.HELLO, "hello", textArg("q"));
        TestAgent.Response r = agent.post(path, TestAgent.envelope(content, id));
        assertEquals(200, r.status(), r.toString());
        CBORObject m = r.cbor();
        assertEquals("replied", m.get("status").AsString());
        byte[] arg = m.get("reply").get("arg").GetByteString();
        assertEquals("Hello, q!", decodeText(arg));
        CBORObject sig = m.get("signatures").get(0);
        assertEquals(NOW, sig.get("timestamp").AsNumber().ToInt64Checked());
        assertArrayEquals(node.nodeKey().nodeId().toBytes(), sig.get("identity").GetByteString());
        var v = NodeSigningKey.verifyQueryResponse(node.nodeKey().publicKeyDer(), new QueryResponse.Replied(Blob.of(arg)), NOW,
            RequestId.ofContent(content), sig.get("signature").GetByteString());
        assertInstanceOf(VerificationResult.Valid.class, v);
      }
    }
  }

  @Test
  void queryRejectsAreSignedToo() {
    var content = TestAgent.callContent("query", ALICE.principal(), EXPIRY, FakeNode.HELLO, "nope", new byte[0]);
    CBORObject m = agent.post("/api/v3/canister/" + ecid(FakeNode.HELLO) + "/query", TestAgent.envelope(content, ALICE)).cbor();
    assertEquals("rejected", m.get("status").AsString());
    assertEquals(3, m.get("reject_code").AsInt32Value());
    CBORObject sig = m.get("signatures").get(0);
    var resp = new QueryResponse.Rejected(3, m.get("reject_message").AsString(), Optional.of(m.get("error_code").AsString()));
    assertInstanceOf(VerificationResult.Valid.class, NodeSigningKey.verifyQueryResponse(node.nodeKey().publicKeyDer(), resp, NOW,
        RequestId.ofContent(content), sig.get("signature").GetByteString()));
  }

  @Test
  void queryUnavailableIs503() {
    node.queriesUnavailable = true;
    try {
      var content = TestAgent.callContent("query", ALICE.principal(), EXPIRY, FakeNode.HELLO, "hello", textArg("q"));
      assertEquals(503, agent.post("/api/v3/canister/" + ecid(FakeNode.HELLO) + "/query", TestAgent.envelope(content, ALICE)).status());
    } finally {
      node.queriesUnavailable = false;
    }
  }

  @Test
  void subnetQueryListsCanisters() {
    byte[] arg = Candid.encodeInferred(List.of(new IdlValue.Record(List.of())));
    var content = TestAgent.callContent("query", ALICE.principal(), EXPIRY, CanisterId.MANAGEMENT, "list_canisters", arg);
    TestAgent.Response r = agent.post("/api/v3/subnet/" + node.subnet().subnetId().principal().toText() + "/query", TestAgent.envelope(content, ALICE));
    assertEquals(200, r.status(), r.toString());
    assertEquals("replied", r.cbor().get("status").AsString());
  }

  @Test
  void readStateCanisterAndSubnetEndpoints() {
    byte[] sid = node.subnet().subnetId().toBytes();
    for (String v : List.of("v2", "v3")) {
      byte[] cert = readState("/api/" + v + "/canister/" + ecid(FakeNode.HELLO) + "/read_state", TestAgent.Identity.anonymous(),
          List.of(LabeledTree.path("canister", FakeNode.HELLO.toBytes(), "module_hash"),
              LabeledTree.path("canister", FakeNode.HELLO.toBytes(), "metadata", "candid:service"),
              LabeledTree.path("subnet", sid, "node")));
      assertArrayEquals(new byte[32], lookup(cert, "canister", FakeNode.HELLO.toBytes(), "module_hash"));
      assertArrayEquals(node.nodeKey().publicKeyDer(), lookup(cert, "subnet", sid, "node", node.nodeKey().nodeId().toBytes(), "public_key"));
      // Not requested, so pruned.
      assertInstanceOf(LookupResult.Unknown.class, lookupResult(cert, "canister", FakeNode.HELLO.toBytes(), "metadata", "secret"));

      String subnetPath = "/api/" + v + "/subnet/" + node.subnet().subnetId().principal().toText() + "/read_state";
      byte[] sc = readState(subnetPath, ALICE, List.of(LabeledTree.path("canister_ranges", sid), LabeledTree.path("subnet", sid, "public_key")));
      assertArrayEquals(node.subnet().rootKeyDer().toBytes(), lookup(sc, "subnet", sid, "public_key"));
    }
    // The controller (ALICE) may read a private section.
    assertEquals(FakeNode.CONTROLLER, ALICE.principal());
    byte[] secret = readState("/api/v3/canister/" + ecid(FakeNode.HELLO) + "/read_state", ALICE,
        List.of(LabeledTree.path("canister", FakeNode.HELLO.toBytes(), "metadata", "secret")));
    assertEquals("private", new String(lookup(secret, "canister", FakeNode.HELLO.toBytes(), "metadata", "secret"), StandardCharsets.UTF_8));
  }

  @Test
  void keepAliveConnectionServesManyRequests() {
    for (int i = 0; i < 20; i++) {
      assertEquals(200, agent.get("/api/v2/status").status());
    }
  }

  // ---- helpers

  static byte[] readState(String path, TestAgent.Identity id, List<List<byte[]>> paths) {
    TestAgent.Response r = agent.post(path, TestAgent.envelope(TestAgent.readStateContent(id.principal(), EXPIRY, paths), id));
    assertEquals(200, r.status(), r.toString());
    byte[] cert = r.cbor().get("certificate").GetByteString();
    CertificateVerification v = CertificateVerifier.verify(cert, node.rootKeyPair().publicKey(), FakeNode.HELLO);
    assertInstanceOf(CertificateVerification.Valid.class, v, v.toString());
    return cert;
  }

  static LookupResult lookupResult(byte[] cert, Object... path) {
    try {
      return HashTreeLookup.lookupPath(dev.jic.crypto.cert.Certificate.fromCbor(cert).tree(), LabeledTree.path(path));
    } catch (dev.jic.types.encoding.DecodeException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] lookup(byte[] cert, Object... path) {
    LookupResult r = lookupResult(cert, path);
    assertInstanceOf(LookupResult.Found.class, r, "lookup " + List.of(path));
    return ((LookupResult.Found) r).value();
  }

  static String decodeText(byte[] candid) {
    try {
      return ((IdlValue.Text) Candid.decode(candid, List.of(IdlType.TEXT)).get(0)).value();
    } catch (dev.jic.types.encoding.DecodeException e) {
      throw new AssertionError(e);
    }
  }
}
