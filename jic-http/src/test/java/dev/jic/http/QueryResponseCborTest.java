package dev.jic.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.numbers.EInteger;
import dev.jic.types.cbor.Cbor;
import dev.jic.types.id.NodeId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.messages.Blob;
import dev.jic.types.messages.QueryResponse;
import java.util.HexFormat;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The direct encoder against the general CBOR library building the same map (the former encoder). */
class QueryResponseCborTest {
  private static final NodeId NODE = new NodeId(PrincipalId.selfAuthenticating(new byte[44]));

  /** The reference: the map built with the CBOR library, keys in insertion order. */
  static byte[] reference(QueryResponse response, long timestampNanos, byte[] signature, NodeId node) {
    CBORObject m = CBORObject.NewOrderedMap();
    switch (response) {
      case QueryResponse.Replied r -> {
        m.Add("status", "replied");
        m.Add("reply", CBORObject.NewOrderedMap().Add("arg", r.arg().toBytes()));
      }
      case QueryResponse.Rejected r -> {
        m.Add("status", "rejected");
        m.Add("reject_code", nat(r.rejectCode()));
        m.Add("reject_message", r.rejectMessage());
        r.errorCode().ifPresent(ec -> m.Add("error_code", ec));
      }
    }
    CBORObject sig = CBORObject.NewOrderedMap();
    sig.Add("timestamp", nat(timestampNanos));
    sig.Add("signature", signature);
    sig.Add("identity", node.toBytes());
    m.Add("signatures", CBORObject.NewArray().Add(sig));
    return Cbor.encodeWithSelfDescribeTag(m);
  }

  private static CBORObject nat(long unsigned) {
    return unsigned >= 0 ? CBORObject.FromObject(unsigned) : CBORObject.FromObject(EInteger.FromString(Long.toUnsignedString(unsigned)));
  }

  @Test
  void smallReplyByHand() {
    // d9d9f7 a3 "status" "replied" "reply" a1 "arg" 44 'DIDL' 00 00 ... (RFC 8949 heads)
    byte[] out = QueryResponseCbor.encode(new QueryResponse.Replied(Blob.of(new byte[] {'D', 'I', 'D', 'L', 0, 0})), 1, new byte[64], NODE);
    String hex = HexFormat.of().formatHex(out);
    assertEquals("d9d9f7a3" + "66737461747573" + "677265706c696564" + "657265706c79" + "a1" + "63617267" + "46" + "4449444c0000",
        hex.substring(0, 2 * (3 + 1 + 7 + 8 + 6 + 1 + 4 + 1 + 6)));
    assertArrayEquals(reference(new QueryResponse.Replied(Blob.of(new byte[] {'D', 'I', 'D', 'L', 0, 0})), 1, new byte[64], NODE), out);
  }

  @Property(tries = 300)
  void sameBytesAsTheLibrary(@ForAll("responses") QueryResponse response, @ForAll long timestamp) {
    byte[] sig = new byte[64];
    sig[0] = (byte) timestamp;
    assertArrayEquals(reference(response, timestamp, sig, NODE), QueryResponseCbor.encode(response, timestamp, sig, NODE));
  }

  @Provide
  Arbitrary<QueryResponse> responses() {
    Arbitrary<QueryResponse> replied = Arbitraries.bytes().array(byte[].class).ofMaxSize(70_000)
        .map(b -> new QueryResponse.Replied(Blob.of(b)));
    Arbitrary<QueryResponse> rejected = Combinators.combine(
        Arbitraries.longs(), Arbitraries.strings().ofMaxLength(300), Arbitraries.strings().ofMaxLength(20).optional())
        .as((code, msg, ec) -> (QueryResponse) new QueryResponse.Rejected(code, msg, ec));
    Arbitrary<QueryResponse> edge = Arbitraries.of(
        new QueryResponse.Rejected(0, "", Optional.empty()),
        new QueryResponse.Rejected(23, "x", Optional.of("IC0503")),
        new QueryResponse.Rejected(24, "é ✓ 𝄞", Optional.of("")),
        new QueryResponse.Replied(Blob.of(new byte[255])),
        new QueryResponse.Replied(Blob.of(new byte[256])),
        new QueryResponse.Replied(Blob.of(new byte[65_536])));
    return Arbitraries.oneOf(replied, rejected, edge);
  }
}
