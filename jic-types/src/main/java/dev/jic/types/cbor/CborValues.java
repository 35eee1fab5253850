package dev.jic.types.cbor;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import dev.jic.types.encoding.DecodeException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed readers for single CBOR values decoded by {@link Cbor#decode}. Each method either returns
 * the value in its Java form or throws a {@link DecodeException} whose message names the field
 * ({@code field}) and what was wrong, in words fit for an HTTP 400 body.
 */
public final class CborValues {
  private CborValues() {}

  private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /** A byte string (major type 2). */
  public static byte[] blob(CBORObject o, String field) throws DecodeException {
    if (o == null || o.getType() != CBORType.ByteString || o.isTagged()) {
      throw wrongType(field, "a byte string", o);
    }
    return o.GetByteString();
  }

  /** A text string (major type 3, valid UTF-8). */
  public static String text(CBORObject o, String field) throws DecodeException {
    if (o == null || o.getType() != CBORType.TextString || o.isTagged()) {
      throw wrongType(field, "a text string", o);
    }
    return o.AsString();
  }

  /** A natural number: major type 0 or a tag-2 bignum. Floats and negative values are rejected. */
  public static BigInteger nat(CBORObject o, String field) throws DecodeException {
    BigInteger v = integer(o, field, "a natural number");
    if (v.signum() < 0) {
      throw new DecodeException("field '" + field + "' must be a natural number, got " + v);
    }
    return v;
  }

  /**
   * A natural number that fits in 64 unsigned bits, returned in a {@code long} to be read as
   * unsigned ({@link Long#compareUnsigned}).
   */
  public static long natU64(CBORObject o, String field) throws DecodeException {
    BigInteger v = nat(o, field);
    if (v.compareTo(U64_MAX) > 0) {
      throw new DecodeException("field '" + field + "' does not fit in 64 bits: " + v);
    }
    return v.longValue();
  }

  /** An integer of either sign: major type 0 or 1, or a tag-2/tag-3 bignum. */
  public static BigInteger integer(CBORObject o, String field) throws DecodeException {
    return integer(o, field, "an integer");
  }

  /** An array (major type 4) of at most {@code maxLength} elements. */
  public static List<CBORObject> array(CBORObject o, String field, int maxLength) throws DecodeException {
    if (o == null || o.getType() != CBORType.Array || o.isTagged()) {
      throw wrongType(field, "an array", o);
    }
    if (o.size() > maxLength) {
      throw new DecodeException("field '" + field + "' has " + o.size() + " elements, more than the limit of " + maxLength);
    }
    return new ArrayList<>(o.getValues());
  }

  /** A map (major type 5) whose keys are all text strings, as a {@link CborMap}. */
  public static CborMap map(CBORObject o, String field) throws DecodeException {
    return CborMap.of(o, field);
  }

  private static BigInteger integer(CBORObject o, String field, String what) throws DecodeException {
    if (o == null) {
      throw wrongType(field, what, null);
    }
    if (o.getType() == CBORType.Integer && !o.isTagged()) {
      return new BigInteger(o.AsEIntegerValue().toString());
    }
    if (Cbor.isBignum(o)) {
      BigInteger magnitude = new BigInteger(1, o.GetByteString());
      // tag 3 encodes -1 - n
      return o.HasMostOuterTag(2) ? magnitude : magnitude.negate().subtract(BigInteger.ONE);
    }
    throw wrongType(field, what, o);
  }

  static DecodeException wrongType(String field, String expected, CBORObject got) {
    return new DecodeException("field '" + field + "' must be " + expected + ", got " + describe(got));
  }

  static String describe(CBORObject o) {
    if (o == null) {
      return "nothing";
    }
    if (o.isTagged()) {
      return "a value with tag " + o.getMostOuterTag();
    }
    return switch (o.getType()) {
      case Integer -> "an integer";
      case FloatingPoint, Number -> "a floating-point number";
      case ByteString -> "a byte string";
      case TextString -> "a text string";
      case Array -> "an array";
      case Map -> "a map";
      case Boolean -> "a boolean";
      case SimpleValue -> o.isNull() ? "null" : (o.isUndefined() ? "undefined" : "a simple value");
    };
  }
}
