package dev.jic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.types.encoding.DecodeException;
import dev.jic.types.id.CanisterId;
import dev.jic.types.messages.EnvelopeParser;
import dev.jic.types.messages.HttpRequestEnvelope;
import dev.jic.types.messages.RequestKind;
import org.junit.jupiter.api.Test;

class ParsedEnvelopeCacheTest {
  private static final long EXPIRY = 1_700_000_060_000_000_000L;
  private static final TestAgent.Identity ALICE = TestAgent.Identity.ed25519(1);
  private static final CanisterId CANISTER = CanisterId.fromU64(7);

  private static byte[] query(String method, byte[] arg) {
    return TestAgent.envelope(TestAgent.callContent("query", ALICE.principal(), EXPIRY, CANISTER, method, arg), ALICE);
  }

  @Test
  void identicalBodiesShareOneParse() throws DecodeException {
    var cache = new ParsedEnvelopeCache(16);
    byte[] body = query("get", new byte[0]);
    HttpRequestEnvelope first = cache.parse(body, RequestKind.QUERY);
    assertEquals(EnvelopeParser.parse(body, RequestKind.QUERY), first);
    assertSame(first, cache.parse(body.clone(), RequestKind.QUERY));
    HttpRequestEnvelope other = cache.parse(query("get2", new byte[0]), RequestKind.QUERY);
    assertEquals("get2", ((dev.jic.types.messages.QueryContent) other.content()).methodName());
    assertEquals(2, cache.size());
  }

  @Test
  void theEndpointKindIsPartOfTheKey() throws DecodeException {
    var cache = new ParsedEnvelopeCache(16);
    byte[] body = query("get", new byte[0]);
    cache.parse(body, RequestKind.QUERY);
    DecodeException e = assertThrows(DecodeException.class, () -> cache.parse(body, RequestKind.CALL));
    assertTrue(e.getMessage().contains("expects request_type \"call\""), e.getMessage());
  }

  @Test
  void failuresAreNotRememberedAndRepeatTheParserMessage() {
    var cache = new ParsedEnvelopeCache(16);
    byte[] junk = "not cbor".getBytes();
    String expected = assertThrows(DecodeException.class, () -> EnvelopeParser.parse(junk, RequestKind.QUERY)).getMessage();
    for (int i = 0; i < 2; i++) {
      assertEquals(expected, assertThrows(DecodeException.class, () -> cache.parse(junk, RequestKind.QUERY)).getMessage());
    }
    assertEquals(0, cache.size());
  }

  @Test
  void largeBodiesAreNotRemembered() throws DecodeException {
    var cache = new ParsedEnvelopeCache(16);
    byte[] big = query("get", new byte[ParsedEnvelopeCache.MAX_BODY_BYTES]);
    assertTrue(big.length > ParsedEnvelopeCache.MAX_BODY_BYTES);
    HttpRequestEnvelope a = cache.parse(big, RequestKind.QUERY);
    assertNotSame(a, cache.parse(big, RequestKind.QUERY));
    assertEquals(a, cache.parse(big, RequestKind.QUERY));
    assertEquals(0, cache.size());
  }

  @Test
  void boundedSlots() throws DecodeException {
    var cache = new ParsedEnvelopeCache(4);
    for (int i = 0; i < 40; i++) {
      cache.parse(query("m" + i, new byte[0]), RequestKind.QUERY);
      assertTrue(cache.size() <= 4);
    }
    assertThrows(IllegalArgumentException.class, () -> new ParsedEnvelopeCache(3));
  }
}
