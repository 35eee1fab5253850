package dev.jic.types.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.upokecenter.cbor.CBORObject;
import dev.jic.types.cbor.Cbor;
import dev.jic.types.encoding.DecodeException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RepresentationIndependentHashTest {
  private static final HexFormat HEX = HexFormat.of();

  /** The interface spec's request-id example (digest §2.1, re-computed there with Python). */
  static TreeMap<String, HashValue> specExampleContent() {
    TreeMap<String, HashValue> m = new TreeMap<>();
    m.put("request_type", new HashValue.Text("call"));
    m.put("sender", new HashValue.Blob(new byte[] {0x04}));
    m.put("ingress_expiry", HashValue.Nat.ofUnsigned(1685570400000000000L));
    m.put("canister_id", new HashValue.Blob(HEX.parseHex("00000000000004D2")));
    m.put("method_name", new HashValue.Text("hello"));
    m.put("arg", new HashValue.Blob("DIDL\u0000\u00FD*".getBytes(StandardCharsets.ISO_8859_1)));
    return m;
  }

  static final String SPEC_REQUEST_ID = "1d1091364d6bb8a6c16b203ee75467d59ead468f523eb058880ae8ec80e2b101";

  @Test
  void specRequestIdGoldenVector() {
    assertEquals("0x" + SPEC_REQUEST_ID, RequestId.ofContent(specExampleContent()).toHex());
  }

  @Test
  void specRequestIdFromCborBytes() throws DecodeException {
    byte[] bytes = Cbor.encodeWithSelfDescribeTag(HashValueCbor.mapToCbor(specExampleContent()));
    var map = RepresentationIndependentHash.mapFromCbor(dev.jic.types.cbor.CborMap.of(Cbor.decode(bytes), "content"));
    assertEquals(SPEC_REQUEST_ID, HEX.formatHex(RepresentationIndependentHash.hashOfMap(map)));
  }

  @Test
  void natIsHashedAsShortestUleb() {
    // Spec: 624485 -> e5 8e 26 (the LEB128 example in the interface spec, digest §2.1)
    assertArrayEquals(Sha.sha256(HEX.parseHex("e58e26")), RepresentationIndependentHash.hashValue(HashValue.Nat.ofUnsigned(624485)));
    assertArrayEquals(Sha.sha256(HEX.parseHex("00")), RepresentationIndependentHash.hashValue(HashValue.Nat.ofUnsigned(0)));
    // u64 max: ten bytes ff..ff 01
    assertArrayEquals(Sha.sha256(HEX.parseHex("ffffffffffffffffff01")), RepresentationIndependentHash.hashValue(HashValue.Nat.ofUnsigned(-1L)));
  }

  @Test
  void intIsHashedAsShortestSleb() {
    // Spec: -123456 -> c0 bb 78 (digest §2.1)
    assertArrayEquals(Sha.sha256(HEX.parseHex("c0bb78")), RepresentationIndependentHash.hashValue(new HashValue.Int(BigInteger.valueOf(-123456))));
  }

  @Test
  void textAndBlobAndEmptyMap() {
    assertArrayEquals(Sha.sha256("hello".getBytes(StandardCharsets.UTF_8)), RepresentationIndependentHash.hashValue(new HashValue.Text("hello")));
    assertArrayEquals(Sha.sha256(new byte[] {1, 2}), RepresentationIndependentHash.hashValue(new HashValue.Blob(new byte[] {1, 2})));
    assertArrayEquals(Sha.sha256(), RepresentationIndependentHash.hashOfMap(Map.of()));
  }

  @Test
  void arrayOfArraysIsNestedHash() {
    // paths = H(concat_i H(concat_j H(label_ij)))  (digest §2.1)
    byte[] a = "a".getBytes(StandardCharsets.UTF_8);
    byte[] b = "b".getBytes(StandardCharsets.UTF_8);
    var paths = new HashValue.Array(List.of(new HashValue.Array(List.of(new HashValue.Blob(a), new HashValue.Blob(b)))));
    byte[] expected = Sha.sha256(Sha.sha256(Sha.sha256(a), Sha.sha256(b)));
    assertArrayEquals(expected, RepresentationIndependentHash.hashValue(paths));
  }

  @Test
  void fieldOrderOfPiecesIsByHashNotByKey() {
    TreeMap<String, HashValue> m = specExampleContent();
    TreeMap<String, HashValue> changed = new TreeMap<>(m);
    changed.put("method_name", new HashValue.Text("hellp"));
    assertNotEquals(RequestId.ofContent(m), RequestId.ofContent(changed));
  }

  @Test
  void unhashableCborIsRejected() {
    assertThrows(DecodeException.class, () -> RepresentationIndependentHash.fromCbor(CBORObject.FromObject(1.5), "x"));
    assertThrows(DecodeException.class, () -> RepresentationIndependentHash.fromCbor(CBORObject.True, "x"));
    assertThrows(DecodeException.class, () -> RepresentationIndependentHash.fromCbor(CBORObject.Null, "x"));
  }

  @Test
  void requestIdHexRoundTrip() {
    RequestId id = RequestId.fromHex("0x" + SPEC_REQUEST_ID);
    assertEquals(id, RequestId.of(id.toBytes()));
    assertEquals("0x" + SPEC_REQUEST_ID, id.toString());
    assertThrows(IllegalArgumentException.class, () -> RequestId.fromHex("0x1234"));
  }
}
