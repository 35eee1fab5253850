package dev.jic.crypto.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.crypto.sig.VerificationResult;
import dev.jic.types.hash.RequestId;
import dev.jic.types.hash.Sha;
import dev.jic.types.messages.Blob;
import dev.jic.types.messages.QueryResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Signature reuse is driven by the caller's clock ({@code now} arguments), never by sleeping. */
class QueryResponseSignerTest {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final long SECOND = 1_000_000_000L;
  private static final NodeSigningKey KEY = NodeSigningKey.fromSeed(Sha.sha256(new byte[] {7}));
  private static final RequestId ID = RequestId.of(Sha.sha256(new byte[] {1}));
  private static final RequestId OTHER_ID = RequestId.of(Sha.sha256(new byte[] {2}));
  private static final QueryResponse REPLY = new QueryResponse.Replied(Blob.of(new byte[] {'D', 'I', 'D', 'L', 0, 1, 0x7d, 5}));

  private final QueryResponseSigner signer = new QueryResponseSigner(KEY);

  private static void verifies(QueryResponse r, RequestId id, QueryResponseSigner.Signed s) {
    assertEquals(VerificationResult.VALID,
        NodeSigningKey.verifyQueryResponse(KEY.publicKeyDer(), r, s.timestampNanos(), id, s.signature()));
  }

  @Test
  void reusesTheSignatureWithinTheWindow() {
    var first = signer.sign(REPLY, T0, ID);
    assertEquals(T0, first.timestampNanos());
    verifies(REPLY, ID, first);
    var again = signer.sign(REPLY, T0 + SECOND / 2, ID);
    assertEquals(T0, again.timestampNanos(), "the earlier timestamp is kept");
    assertSame(first.signature(), again.signature());
    var edge = signer.sign(REPLY, T0 + SECOND, ID);
    assertEquals(T0, edge.timestampNanos());
    verifies(REPLY, ID, edge);
  }

  @Test
  void signsAnewAfterTheWindow() {
    var first = signer.sign(REPLY, T0, ID);
    var later = signer.sign(REPLY, T0 + SECOND + 1, ID);
    assertEquals(T0 + SECOND + 1, later.timestampNanos());
    assertFalse(Arrays.equals(first.signature(), later.signature()));
    verifies(REPLY, ID, later);
    // the new signature is now the one reused
    assertEquals(T0 + SECOND + 1, signer.sign(REPLY, T0 + 2 * SECOND, ID).timestampNanos());
  }

  @Test
  void neverReusesIntoTheFuture() {
    signer.sign(REPLY, T0, ID);
    var back = signer.sign(REPLY, T0 - 1, ID); // the clock went back
    assertEquals(T0 - 1, back.timestampNanos());
    verifies(REPLY, ID, back);
  }

  @Test
  void differentReplyRejectOrRequestGetsItsOwnSignature() {
    var base = signer.sign(REPLY, T0, ID);
    List<QueryResponse> others = List.of(
        new QueryResponse.Replied(Blob.of(new byte[] {'D', 'I', 'D', 'L', 0, 1, 0x7d, 6})),
        new QueryResponse.Rejected(3, "no such method", Optional.of("IC0302")),
        new QueryResponse.Rejected(3, "no such method", Optional.empty()),
        new QueryResponse.Rejected(4, "no such method", Optional.of("IC0302")),
        new QueryResponse.Rejected(3, "no such method!", Optional.of("IC0302")));
    List<byte[]> seen = new ArrayList<>();
    seen.add(base.signature());
    for (QueryResponse r : others) {
      var s = signer.sign(r, T0 + 1, ID);
      assertEquals(T0 + 1, s.timestampNanos(), r::toString);
      verifies(r, ID, s);
      for (byte[] prev : seen) {
        assertFalse(Arrays.equals(prev, s.signature()), r::toString);
      }
      seen.add(s.signature());
      // and a repeat of this one within the window is reused
      assertEquals(T0 + 1, signer.sign(r, T0 + 2, ID).timestampNanos());
    }
    var otherRequest = signer.sign(REPLY, T0 + 1, OTHER_ID);
    assertEquals(T0 + 1, otherRequest.timestampNanos());
    verifies(REPLY, OTHER_ID, otherRequest);
  }

  @Test
  void zeroWindowAndBoundedCapacity() {
    var strict = new QueryResponseSigner(KEY, 0, 2);
    var a = strict.sign(REPLY, T0, ID);
    assertSame(a.signature(), strict.sign(REPLY, T0, ID).signature());
    assertEquals(T0 + 1, strict.sign(REPLY, T0 + 1, ID).timestampNanos());
    // two slots: of ten requests signed at T0 + 1, at most two are still remembered there
    var two = new QueryResponseSigner(KEY, SECOND, 2);
    RequestId[] ids = new RequestId[10];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = RequestId.of(Sha.sha256(new byte[] {9, (byte) i}));
      two.sign(REPLY, T0, ids[i]);
    }
    int reused = 0;
    for (RequestId id : ids) {
      if (two.sign(REPLY, T0 + 1, id).timestampNanos() == T0) {
        reused++;
      }
    }
    assertTrue(reused <= 2, "reused " + reused);
    assertThrows(IllegalArgumentException.class, () -> new QueryResponseSigner(KEY, -1, 16));
    assertThrows(IllegalArgumentException.class, () -> new QueryResponseSigner(KEY, SECOND, 3));
    assertThrows(IllegalArgumentException.class, () -> new QueryResponseSigner(KEY, SECOND, 1));
    assertEquals(KEY.nodeId(), signer.nodeId());
  }

  @Test
  void concurrentSigningAlwaysVerifies() throws InterruptedException {
    var small = new QueryResponseSigner(KEY, SECOND, 2);
    RequestId[] ids = {ID, OTHER_ID, RequestId.of(Sha.sha256(new byte[] {3}))};
    AtomicInteger bad = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      int seed = t;
      threads.add(Thread.ofPlatform().start(() -> {
        for (int k = 0; k < 60; k++) {
          RequestId id = ids[(k + seed) % ids.length];
          long now = T0 + (k / 20) * SECOND + seed;
          var s = small.sign(REPLY, now, id);
          boolean ok = Long.compareUnsigned(s.timestampNanos(), now) <= 0 && now - s.timestampNanos() <= SECOND
              && NodeSigningKey.verifyQueryResponse(KEY.publicKeyDer(), REPLY, s.timestampNanos(), id, s.signature())
                  instanceof VerificationResult.Valid;
          if (!ok) {
            bad.incrementAndGet();
          }
        }
      }));
    }
    for (Thread th : threads) {
      th.join();
    }
    assertEquals(0, bad.get());
  }
}
