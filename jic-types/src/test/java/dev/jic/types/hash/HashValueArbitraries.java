package dev.jic.types.hash;

import java.math.BigInteger;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** jqwik generators of {@link HashValue}s, shared by the CBOR and hashing properties. */
public final class HashValueArbitraries {
  private HashValueArbitraries() {}

  /** Values nested at most {@code depth} levels. */
  public static Arbitrary<HashValue> values(int depth) {
    Arbitrary<HashValue> blob = Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(HashValue.Blob::new);
    Arbitrary<HashValue> text = Arbitraries.strings().withCharRange((char) 0, (char) 0xD7FF).ofMaxLength(20).map(HashValue.Text::new);
    Arbitrary<HashValue> nat = Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TWO.pow(100)).map(HashValue.Nat::new);
    Arbitrary<HashValue> neg = Arbitraries.bigIntegers().between(BigInteger.TWO.pow(63).negate(), BigInteger.ONE.negate()).map(HashValue.Int::new);
    if (depth == 0) {
      return Arbitraries.oneOf(blob, text, nat, neg);
    }
    Arbitrary<HashValue> arr = values(depth - 1).list().ofMaxSize(4).map(HashValue.Array::new);
    Arbitrary<HashValue> map = Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(6), values(depth - 1)).ofMaxSize(4)
        .map(m -> new HashValue.MapValue(new TreeMap<>(m)));
    return Arbitraries.oneOf(blob, text, nat, neg, arr, map);
  }
}
