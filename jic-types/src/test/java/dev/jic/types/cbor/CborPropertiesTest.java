package dev.jic.types.cbor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.HashValue;
import dev.jic.types.hash.HashValueCbor;
import dev.jic.types.hash.RepresentationIndependentHash;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CborPropertiesTest {

  /** encode(v) then decode gives back v, for every hashable value. */
  @Property(tries = 300)
  void roundTrip(@ForAll("values") HashValue v) throws DecodeException {
    byte[] bytes = Cbor.encodeWithSelfDescribeTag(HashValueCbor.toCbor(v));
    assertEquals(v, RepresentationIndependentHash.fromCbor(Cbor.decode(bytes), "v"));
  }

  /** Any byte string decodes to a value or fails with DecodeException, never anything else. */
  @Property(tries = 2000)
  void arbitraryBytesFailOnlyWithDecodeException(@ForAll byte[] bytes) {
    try {
      var o = Cbor.decode(bytes);
      RepresentationIndependentHash.fromCbor(o, "v");
    } catch (DecodeException expected) {
      // fine
    }
  }

  @Provide
  Arbitrary<HashValue> values() {
    return dev.jic.types.hash.HashValueArbitraries.values(2);
  }
}
