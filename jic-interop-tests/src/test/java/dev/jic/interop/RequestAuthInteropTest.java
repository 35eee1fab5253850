package dev.jic.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import dev.jic.crypto.auth.AuthRejectCode;
import dev.jic.crypto.auth.AuthResult;
import dev.jic.crypto.auth.RequestAuthenticator;
import dev.jic.crypto.node.NodeSigningKey;
import dev.jic.types.cbor.Cbor;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.messages.Blob;
import dev.jic.types.messages.CanisterRequestContent;
import dev.jic.types.messages.EnvelopeParser;
import dev.jic.types.messages.HttpRequestEnvelope;
import dev.jic.types.messages.QueryResponse;
import dev.jic.types.messages.RequestKind;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * agent-js 3.4.3 ({@code interop/js/request.mjs}) signs calls and queries with Ed25519 and
 * secp256k1 identities, with and without a delegation chain; jic parses each envelope, computes
 * the same request id as agent-js's {@code requestIdOf}, and authenticates it; tampered copies are
 * rejected. In the other direction, agent-js verifies a jic node's query-response signature.
 */
class RequestAuthInteropTest {
  private static final HexFormat HEX = HexFormat.of();
  /** A fixed "now" (2025-06-15) given to both sides: nothing depends on the wall clock. */
  private static final long NOW_MS = 1_750_000_000_000L;
  private static final long NOW_NS = NOW_MS * 1_000_000L;
  private static final CanisterId CANISTER = CanisterId.fromU64(1); // rrkah-fqaaa-aaaaa-aaaaq-cai

  record Case(String name, String requestType, byte[] body, String requestId, String sender) {}

  private static List<Case> cases;

  @BeforeAll
  static void buildWithAgentJs() {
    String out = NodeScript.run("request.mjs",
        "{\"mode\":\"requests\",\"nowMs\":" + NOW_MS + ",\"canister\":\"" + CANISTER + "\"}");
    cases = out.lines().map(l -> l.split(" ")).map(f -> new Case(f[0], f[1], HEX.parseHex(f[2]), f[3], f[4])).toList();
    assertEquals(8, cases.size(), out);
  }

  @Test
  void agentJsRequestsParseAuthenticateAndMatchRequestIds() throws Exception {
    RequestAuthenticator auth = new RequestAuthenticator();
    for (Case c : cases) {
      RequestKind kind = c.requestType().equals("call") ? RequestKind.CALL : RequestKind.QUERY;
      HttpRequestEnvelope env = EnvelopeParser.parse(c.body(), kind);
      assertEquals("0x" + c.requestId(), env.content().requestId().toHex(), c.name());
      assertEquals(c.sender(), env.content().sender().toString(), c.name());
      assertEquals(CANISTER, ((CanisterRequestContent) env.content()).canisterId(), c.name());
      assertEquals(c.name().contains("delegation") ? 1 : 0, env.senderDelegation().size(), c.name());
      AuthResult r = auth.authenticate(env, NOW_NS);
      AuthResult.Authenticated a = assertInstanceOf(AuthResult.Authenticated.class, r, () -> c.name() + ": " + r);
      assertEquals(c.sender(), a.sender().toString());
      if (c.name().startsWith("ed25519-delegation")) {
        assertEquals(java.util.Set.of(CANISTER), a.targets().restrictedTo().orElseThrow(), "agent-js delegation targets");
      }
    }
  }

  @Test
  void tamperedAgentJsRequestsAreRejected() throws Exception {
    RequestAuthenticator auth = new RequestAuthenticator();
    for (Case c : cases) {
      CBORObject env = Cbor.decode(c.body());
      env.get("content").set("method_name", CBORObject.FromObject("greeT"));
      AuthResult r = auth.authenticate(EnvelopeParser.parse(Cbor.encodeWithSelfDescribeTag(env)), NOW_NS);
      assertEquals(AuthRejectCode.INVALID_SIGNATURE, assertInstanceOf(AuthResult.Rejected.class, r, c.name()).code(), c.name());

      CBORObject env2 = Cbor.decode(c.body());
      byte[] sig = env2.get("sender_sig").GetByteString();
      sig[sig.length - 1] ^= 1;
      env2.set("sender_sig", CBORObject.FromObject(sig));
      AuthResult r2 = auth.authenticate(EnvelopeParser.parse(Cbor.encodeWithSelfDescribeTag(env2)), NOW_NS);
      assertInstanceOf(AuthResult.Rejected.class, r2, c.name());
    }
  }

  @Test
  void agentJsRequestsExpireUnderJicClock() throws Exception {
    // agent-js set ingress_expiry = now + 4 min; ten minutes later jic must refuse it
    HttpRequestEnvelope env = EnvelopeParser.parse(cases.get(0).body());
    AuthResult r = new RequestAuthenticator().authenticate(env, NOW_NS + 10 * 60_000_000_000L);
    assertEquals(AuthRejectCode.INGRESS_EXPIRED, assertInstanceOf(AuthResult.Rejected.class, r).code());
  }

  @Test
  void agentJsVerifiesJicQueryResponseSignatures() {
    NodeSigningKey node = NodeSigningKey.fromSeed(HEX.parseHex("11".repeat(32)));
    RequestId id = RequestId.fromHex("0x" + cases.get(1).requestId());
    long ts = NOW_NS + 123;
    QueryResponse replied = new QueryResponse.Replied(Blob.of(HEX.parseHex("4449444c00017103686921")));
    QueryResponse rejected = new QueryResponse.Rejected(3, "Canister has no query method 'x'", Optional.of("IC0302"));
    String repliedJson = "{\"status\":\"replied\",\"arg\":\"4449444c00017103686921\"}";
    String rejectedJson = "{\"status\":\"rejected\",\"reject_code\":3,\"reject_message\":\"Canister has no query method 'x'\",\"error_code\":\"IC0302\"}";
    for (var p : List.of(new Object[] {replied, repliedJson}, new Object[] {rejected, rejectedJson})) {
      QueryResponse resp = (QueryResponse) p[0];
      byte[] sig = node.signQueryResponse(resp, ts, id);
      String[] ok = verifyInAgentJs(node.publicKeyDer(), sig, ts, id, (String) p[1]);
      assertEquals("true", ok[0], "agent-js rejected jic's signature for " + p[1]);
      assertEquals(HEX.formatHex(resp.signedHash(ts, id)), ok[1], "hash_of_map differs");
      sig[0] ^= 1;
      assertEquals("false", verifyInAgentJs(node.publicKeyDer(), sig, ts, id, (String) p[1])[0]);
    }
  }

  private static String[] verifyInAgentJs(byte[] der, byte[] sig, long ts, RequestId id, String responseJson) {
    String in = "{\"mode\":\"verify-query-response\",\"nodeKeyDer\":\"" + HEX.formatHex(der) + "\",\"signature\":\""
        + HEX.formatHex(sig) + "\",\"timestamp\":\"" + Long.toUnsignedString(ts) + "\",\"requestId\":\""
        + HEX.formatHex(id.toBytes()) + "\",\"response\":" + responseJson + "}";
    String[] out = NodeScript.run("request.mjs", in).split(" ");
    assertTrue(out.length == 2, String.join(" ", out));
    return out;
  }
}
