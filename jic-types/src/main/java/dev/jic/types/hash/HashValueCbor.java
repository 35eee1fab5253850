package dev.jic.types.hash;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.numbers.EInteger;
import java.util.Map;

/**
 * Encodes {@link HashValue}s as CBOR in the HTTPS interface's conventions (blob → byte string,
 * text → text string, nat/int → integer, shortest form, or a bignum beyond 64 bits; array →
 * array; map → map with text keys). The inverse is {@link RepresentationIndependentHash#fromCbor}.
 * Used to build requests and responses (clients, tests, the HTTP layer).
 */
public final class HashValueCbor {
  private HashValueCbor() {}

  /** The CBOR form of {@code v}. */
  public static CBORObject toCbor(HashValue v) {
    return switch (v) {
      case HashValue.Blob b -> CBORObject.FromObject(b.unsafeBytes());
      case HashValue.Text t -> CBORObject.FromObject(t.value());
      case HashValue.Nat n -> CBORObject.FromObject(EInteger.FromString(n.value().toString()));
      case HashValue.Int i -> CBORObject.FromObject(EInteger.FromString(i.value().toString()));
      case HashValue.Array a -> {
        CBORObject arr = CBORObject.NewArray();
        for (HashValue e : a.elements()) {
          arr.Add(toCbor(e));
        }
        yield arr;
      }
      case HashValue.MapValue m -> mapToCbor(m.entries());
    };
  }

  /** The CBOR map of {@code entries}, keys in sorted order. */
  public static CBORObject mapToCbor(Map<String, HashValue> entries) {
    CBORObject map = CBORObject.NewOrderedMap();
    new java.util.TreeMap<>(entries).forEach((k, val) -> map.Add(k, toCbor(val)));
    return map;
  }
}
