package dev.jic.types.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.upokecenter.cbor.CBORObject;
import dev.jic.types.cbor.Cbor;
import dev.jic.types.cbor.CborMap;
import dev.jic.types.encoding.DecodeException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RequestIdPropertiesTest {

  /** The request id does not depend on the order in which the map's keys are written. */
  @Property(tries = 300)
  void requestIdIndependentOfKeyOrder(@ForAll("contents") Map<String, HashValue> content, @ForAll long seed) throws DecodeException {
    List<String> keys = new ArrayList<>(content.keySet());
    Collections.shuffle(keys, new Random(seed));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0xd9, (byte) 0xd9, (byte) 0xf7});
    // map header (major type 5), then the entries in the shuffled order
    byte[] header = CBORObject.FromObject(keys.size()).EncodeToBytes();
    header[0] = (byte) (header[0] | 0xa0);
    out.writeBytes(header);
    for (String k : keys) {
      out.writeBytes(CBORObject.FromObject(k).EncodeToBytes());
      out.writeBytes(HashValueCbor.toCbor(content.get(k)).EncodeToBytes());
    }
    var parsed = RepresentationIndependentHash.mapFromCbor(CborMap.of(Cbor.decode(out.toByteArray()), "content"));
    assertEquals(RequestId.ofContent(content), RequestId.ofContent(parsed));
    assertEquals(new TreeMap<>(content), parsed);
  }

  @Provide
  Arbitrary<Map<String, HashValue>> contents() {
    return Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12), HashValueArbitraries.values(2)).ofMaxSize(8);
  }

}
