package dev.jic.crypto.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.jic.crypto.sig.VerificationResult;
import dev.jic.types.hash.RequestId;
import dev.jic.types.messages.Blob;
import dev.jic.types.messages.QueryResponse;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeSigningKeyTest {
  private static final HexFormat HEX = HexFormat.of();

  /** RFC 8032 §7.1 TEST 1: secret key, public key and signature of the empty message. */
  @Test
  void rfc8032TestVector1() {
    NodeSigningKey k = NodeSigningKey.fromSeed(HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    assertEquals("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", HEX.formatHex(k.publicKeyRaw()));
    assertEquals("302a300506032b6570032100d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", HEX.formatHex(k.publicKeyDer()));
    assertEquals("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        HEX.formatHex(k.sign(new byte[0])));
  }

  @Test
  void queryResponseSignatureRoundTrip() {
    NodeSigningKey k = NodeSigningKey.fromSeed(new byte[32]);
    RequestId id = RequestId.fromHex("0x1d1091364d6bb8a6c16b203ee75467d59ead468f523eb058880ae8ec80e2b101");
    QueryResponse replied = new QueryResponse.Replied(Blob.of(new byte[] {'D', 'I', 'D', 'L', 0, 0}));
    QueryResponse rejected = new QueryResponse.Rejected(3, "no such method", Optional.of("IC0302"));
    long ts = 1_700_000_000_000_000_000L;
    for (QueryResponse r : new QueryResponse[] {replied, rejected}) {
      byte[] sig = k.signQueryResponse(r, ts, id);
      assertEquals(VerificationResult.VALID, NodeSigningKey.verifyQueryResponse(k.publicKeyDer(), r, ts, id, sig));
      assertInstanceOf(VerificationResult.Invalid.class, NodeSigningKey.verifyQueryResponse(k.publicKeyDer(), r, ts + 1, id, sig));
      assertInstanceOf(VerificationResult.Invalid.class,
          NodeSigningKey.verifyQueryResponse(NodeSigningKey.fromSeed(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
              0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}).publicKeyDer(), r, ts, id, sig));
    }
  }

  @Test
  void signedMessageStartsWithResponseSeparator() {
    byte[] m = NodeSigningKey.queryResponseMessage(new QueryResponse.Replied(Blob.of(new byte[0])), 0, RequestId.of(new byte[32]));
    assertArrayEquals(HEX.parseHex("0b69632d726573706f6e7365"), java.util.Arrays.copyOf(m, 12));
    assertEquals(12 + 32, m.length);
  }

  @Test
  void nodeIdIsSelfAuthenticating() {
    NodeSigningKey k = NodeSigningKey.fromSeed(new byte[32]);
    assertEquals(dev.jic.types.id.PrincipalId.selfAuthenticating(k.publicKeyDer()), k.nodeId().principal());
  }
}
