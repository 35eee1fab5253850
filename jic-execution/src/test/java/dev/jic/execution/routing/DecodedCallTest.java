package dev.jic.execution.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.execution.routing.DeliverBatchEnvelopeTest.Signed;
import dev.jic.execution.routing.DeliverBatchEnvelopeTest.Signer;
import dev.jic.execution.scheduler.SchedulerConfig;
import dev.jic.interfaces.consensus.Batch;
import dev.jic.interfaces.consensus.IngressId;
import dev.jic.interfaces.consensus.IngressMessage;
import dev.jic.interfaces.consensus.MessageRouting;
import dev.jic.interfaces.consensus.Time;
import dev.jic.replicated.Ingress;
import dev.jic.types.hash.Sha;
import dev.jic.types.id.CanisterId;
import dev.jic.types.messages.CallContent;
import dev.jic.types.messages.EnvelopeParser;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the ingress parse that travels with a message from the HTTP boundary
 * ({@link IngressMessage#withDecodedCall}): routing a message that carries the parse of its bytes
 * gives exactly what parsing the bytes again gives, field by field and in the resulting state.
 */
class DecodedCallTest {

  private static IngressMessage decoded(Signed s) throws Exception {
    CallContent c = (CallContent) EnvelopeParser.parse(s.envelope()).content();
    return IngressMessage.withDecodedCall(IngressId.of(s.id().toBytes()), new Time(s.expiry()), s.envelope(), c);
  }

  private static void assertSameIngress(Ingress want, Ingress got) {
    assertEquals(want.messageId(), got.messageId());
    assertEquals(want.source(), got.source());
    assertEquals(want.receiver(), got.receiver());
    assertEquals(want.method(), got.method());
    assertArrayEquals(want.payload(), got.payload());
    assertEquals(want.expiryNanos(), got.expiryNanos());
  }

  @Test
  void attachedParseEqualsParsingTheBytes() throws Exception {
    Signer alice = new Signer();
    CanisterId t = new CanisterId(dev.jic.types.id.PrincipalId.of(new byte[] {0, 0, 0, 0, 0, 0, 0, 1, 1, 1}));
    for (int n = 0; n < 20; n++) {
      byte[] arg = new byte[n * 37];
      for (int i = 0; i < arg.length; i++) {
        arg[i] = (byte) (i * 31 + n);
      }
      Signed s = DeliverBatchEnvelopeTest.call(alice, "call", n % 3 == 0 ? CanisterId.MANAGEMENT : t, "m" + n, arg,
          1_000_000_000L * (n + 1));
      IngressMessage m = decoded(s);
      assertTrue(m.decodedCall().isPresent());
      assertEquals(s.message(), m, "the attached parse is not part of equality");
      assertSameIngress(Induction.parseBytes(s.envelope()).orElseThrow(), Induction.parse(m).orElseThrow());
      assertSameIngress(Induction.parse(s.message()).orElseThrow(), Induction.parse(m).orElseThrow());
    }
  }

  @Test
  void sameStateWithAndWithoutTheAttachedParse() throws Exception {
    Signer alice = new Signer();
    String[] digests = new String[2];
    for (int variant = 0; variant < 2; variant++) {
      try (InProcessSubnet s = InProcessSubnet.application(DeliverBatchEnvelopeTest.ENGINE, SchedulerConfig.defaults(1))) {
        MessageRouting routing = s.routing();
        CanisterId t = Tiny.install(s);
        long now = s.time() + 1_000_000_000L;
        long expiry = now + 240_000_000_000L;
        List<IngressMessage> ms = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          Signed p = DeliverBatchEnvelopeTest.call(alice, "call", t, "ping", new byte[] {(byte) i}, expiry);
          ms.add(variant == 0 ? p.message() : decoded(p));
        }
        for (int h = 0; h < 4; h++) {
          byte[] rand = Sha.sha256(Long.toString(routing.expectedBatchHeight().value()).getBytes());
          assertEquals(MessageRouting.DeliveryResult.DELIVERED, routing.deliverBatch(new Batch(
              routing.expectedBatchHeight(), new Time(now += 1_000_000), rand, Sha.sha256(rand), h == 0 ? ms : List.of())));
        }
        assertEquals(5, Tiny.counter(s, t));
        digests[variant] = HexFormat.of().formatHex(s.digest());
      }
    }
    assertEquals(digests[0], digests[1]);
  }
}
