package dev.jic.types.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.HashValue;
import dev.jic.types.hash.HashValueCbor;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EnvelopeParserTest {
  private static final byte[] ANON = {0x04};
  private static final long EXPIRY = 1_685_570_400_000_000_000L;

  private static String rejectMessage(byte[] body) {
    return assertThrows(DecodeException.class, () -> EnvelopeParser.parse(body)).getMessage();
  }

  @Test
  void parsesCall() throws DecodeException {
    TreeMap<String, HashValue> c = Envelopes.call("call", ANON, EXPIRY);
    HttpRequestEnvelope env = EnvelopeParser.parse(Envelopes.envelope(c), RequestKind.CALL);
    CallContent call = assertInstanceOf(CallContent.class, env.content());
    assertEquals(PrincipalId.ANONYMOUS, call.sender().principal());
    assertEquals(CanisterId.fromU64(1234), call.canisterId());
    assertEquals("greet", call.methodName());
    assertEquals(EXPIRY, call.ingressExpiry());
    assertEquals(RequestId.ofContent(c), call.requestId());
    assertTrue(env.senderPubkey().isEmpty() && env.senderSig().isEmpty() && env.senderDelegation().isEmpty());
  }

  @Test
  void specGoldenRequestIdThroughParser() throws DecodeException {
    // digest §2.1 example: canister_id 00000000000004D2 (8 bytes), request id 1d1091...b101
    TreeMap<String, HashValue> c = Envelopes.call("call", ANON, EXPIRY);
    c.put("canister_id", new HashValue.Blob(java.util.HexFormat.of().parseHex("00000000000004D2")));
    c.put("method_name", new HashValue.Text("hello"));
    c.put("arg", new HashValue.Blob("DIDL\u0000\u00FD*".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
    assertEquals("0x1d1091364d6bb8a6c16b203ee75467d59ead468f523eb058880ae8ec80e2b101",
        EnvelopeParser.parse(Envelopes.envelope(c)).content().requestId().toHex());
  }

  @Test
  void parsesQueryAndReadState() throws DecodeException {
    assertInstanceOf(QueryContent.class, EnvelopeParser.parse(Envelopes.envelope(Envelopes.call("query", ANON, EXPIRY))).content());
    ReadStateContent rs = assertInstanceOf(ReadStateContent.class,
        EnvelopeParser.parse(Envelopes.envelope(Envelopes.readState(ANON, EXPIRY, 2, 3))).content());
    assertEquals(2, rs.paths().size());
    assertEquals(3, rs.paths().get(1).size());
  }

  @Test
  void endpointKindMismatch() {
    byte[] body = Envelopes.envelope(Envelopes.call("query", ANON, EXPIRY));
    assertEquals("this endpoint expects request_type \"call\", got \"query\"",
        assertThrows(DecodeException.class, () -> EnvelopeParser.parse(body, RequestKind.CALL)).getMessage());
  }

  @Test
  void unknownRequestType() {
    assertTrue(rejectMessage(Envelopes.envelope(Envelopes.call("update", ANON, EXPIRY))).contains("content.request_type"));
  }

  @Test
  void missingAndMistypedFields() {
    TreeMap<String, HashValue> c = Envelopes.call("call", ANON, EXPIRY);
    c.remove("method_name");
    assertEquals("missing field 'content.method_name'", rejectMessage(Envelopes.envelope(c)));
    TreeMap<String, HashValue> d = Envelopes.call("call", ANON, EXPIRY);
    d.put("ingress_expiry", new HashValue.Text("soon"));
    assertEquals("field 'content.ingress_expiry' must be a natural number, got a text string", rejectMessage(Envelopes.envelope(d)));
  }

  @Test
  void floatExpiryRejected() {
    CBORObject content = HashValueCbor.mapToCbor(Envelopes.call("call", ANON, EXPIRY));
    content.set("ingress_expiry", CBORObject.FromObject(1.0e18));
    CBORObject env = CBORObject.NewMap().Add("content", content);
    assertTrue(rejectMessage(Envelopes.envelope(env)).contains("floating-point"));
  }

  @Test
  void nonceLimit() throws DecodeException {
    TreeMap<String, HashValue> c = Envelopes.call("call", ANON, EXPIRY);
    c.put("nonce", new HashValue.Blob(new byte[32]));
    assertEquals(32, EnvelopeParser.parse(Envelopes.envelope(c)).content().nonce().orElseThrow().length());
    c.put("nonce", new HashValue.Blob(new byte[33]));
    assertTrue(rejectMessage(Envelopes.envelope(c)).contains("content.nonce"));
  }

  @Test
  void pathLimits() throws DecodeException {
    EnvelopeParser.parse(Envelopes.envelope(Envelopes.readState(ANON, EXPIRY, 1000, 1)));
    EnvelopeParser.parse(Envelopes.envelope(Envelopes.readState(ANON, EXPIRY, 1, 127)));
    assertTrue(rejectMessage(Envelopes.envelope(Envelopes.readState(ANON, EXPIRY, 1001, 1))).contains("content.paths"));
    assertTrue(rejectMessage(Envelopes.envelope(Envelopes.readState(ANON, EXPIRY, 1, 128))).contains("content.paths[0]"));
  }

  @Test
  void principalsLongerThan29BytesRejected() {
    assertTrue(rejectMessage(Envelopes.envelope(Envelopes.call("call", new byte[30], EXPIRY))).contains("content.sender"));
  }

  @Test
  void parsesSenderInfo() throws DecodeException {
    TreeMap<String, HashValue> c = Envelopes.call("call", ANON, EXPIRY);
    TreeMap<String, HashValue> si = new TreeMap<>();
    si.put("info", new HashValue.Blob(new byte[] {1}));
    si.put("signer", new HashValue.Blob(Envelopes.CANISTER));
    si.put("sig", new HashValue.Blob(new byte[] {2}));
    c.put("sender_info", new HashValue.MapValue(si));
    CallContent call = (CallContent) EnvelopeParser.parse(Envelopes.envelope(c)).content();
    assertEquals(CanisterId.fromU64(1234).principal(), call.senderInfo().orElseThrow().signer());
    assertEquals(RequestId.ofContent(c), call.requestId());
  }

  @Test
  void parsesDelegations() throws DecodeException {
    CBORObject env = CBORObject.NewOrderedMap();
    env.Add("content", HashValueCbor.mapToCbor(Envelopes.call("call", new byte[] {1, 2}, EXPIRY)));
    env.Add("sender_pubkey", new byte[] {9});
    env.Add("sender_sig", new byte[] {8});
    TreeMap<String, HashValue> d = new TreeMap<>();
    d.put("pubkey", new HashValue.Blob(new byte[] {7}));
    d.put("expiration", HashValue.Nat.ofUnsigned(5));
    d.put("targets", new HashValue.Array(List.of(new HashValue.Blob(Envelopes.CANISTER))));
    d.put("permissions", new HashValue.Text("queries"));
    CBORObject sd = CBORObject.NewOrderedMap().Add("delegation", HashValueCbor.mapToCbor(d)).Add("signature", new byte[] {6});
    env.Add("sender_delegation", CBORObject.NewArray().Add(sd));
    HttpRequestEnvelope e = EnvelopeParser.parse(Envelopes.envelope(env));
    Delegation del = e.senderDelegation().get(0).delegation();
    assertEquals(5, del.expiration());
    assertEquals(Optional.of(List.of(CanisterId.fromU64(1234))), del.targets());
    assertEquals(Optional.of("queries"), del.permissions());
    assertEquals(RequestId.ofContent(d).toHex().substring(2), java.util.HexFormat.of().formatHex(del.signedHash()));
    assertTrue(e.hadDelegationField());
  }

  @Test
  void tooManyTargetsRejected() {
    CBORObject env = CBORObject.NewOrderedMap();
    env.Add("content", HashValueCbor.mapToCbor(Envelopes.call("call", new byte[] {1, 2}, EXPIRY)));
    CBORObject targets = CBORObject.NewArray();
    for (int i = 0; i < 1001; i++) {
      targets.Add(Envelopes.CANISTER);
    }
    CBORObject d = CBORObject.NewOrderedMap().Add("pubkey", new byte[] {7}).Add("expiration", 5).Add("targets", targets);
    env.Add("sender_delegation", CBORObject.NewArray().Add(CBORObject.NewOrderedMap().Add("delegation", d).Add("signature", new byte[] {6})));
    assertTrue(rejectMessage(Envelopes.envelope(env)).contains("sender_delegation[0].delegation.targets"));
  }

  @Test
  void queryResponseSignedMapShapes() {
    RequestId id = RequestId.of(new byte[32]);
    var replied = new QueryResponse.Replied(Blob.of(new byte[] {1})).signedMap(7, id);
    assertEquals(java.util.Set.of("status", "reply", "timestamp", "request_id"), replied.keySet());
    var rejected = new QueryResponse.Rejected(4, "no", Optional.empty()).signedMap(7, id);
    assertEquals(java.util.Set.of("status", "reject_code", "reject_message", "timestamp", "request_id"), rejected.keySet());
  }
}
