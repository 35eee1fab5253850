package dev.jic.types.cbor;

import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import dev.jic.types.encoding.DecodeException;

/**
 * Strict CBOR decoding and encoding for the HTTPS interface (interface spec "CBOR encoding of
 * requests and responses"), as a thin layer over {@code com.upokecenter:cbor}.
 *
 * <p>Decoding guarantees, for any input bytes, either a {@link CBORObject} or a
 * {@link DecodeException}, never an unchecked exception. The decoded value:
 *
 * <ul>
 *   <li>carries no self-describe tag 55799: one outermost tag 55799 is accepted <em>and</em> its
 *       absence is accepted too (digest doubt 10: the spec says every body starts with it, but the
 *       IC's serde-based decoder does not insist, so neither do we);
 *   <li>is the only item in the input: trailing bytes are rejected;
 *   <li>has no duplicate map keys;
 *   <li>has no tags other than 2 and 3 (bignums) directly on byte strings; every other tag,
 *       including a nested or repeated 55799, is rejected;
 *   <li>is nested at most {@link #MAX_DEPTH} levels deep.
 * </ul>
 *
 * <p>Indefinite-length strings, arrays and maps are <em>accepted</em>: the IC replica's decoder
 * accepts them, Jackson-based clients (ic4j) emit them, and request ids are representation
 * independent, so accepting them changes no hash. Non-shortest integer heads are accepted for the
 * same reason. Floats, booleans, null and simple values are kept here; typed accessors
 * ({@link CborMap}) and hashing reject them where a nat, blob or text is required.
 */
public final class Cbor {
  private Cbor() {}

  /** The self-describe tag that prefixes every HTTPS-interface body ({@code d9 d9 f7}). */
  public static final int SELF_DESCRIBE_TAG = 55799;

  /** Maximum nesting depth of arrays and maps accepted by {@link #decode}. */
  public static final int MAX_DEPTH = 64;

  /**
   * Decodes one CBOR item from untrusted bytes, following the rules in the class comment.
   *
   * @return the item with the optional outer tag 55799 removed
   * @throws DecodeException if the bytes are not exactly one well-formed item that meets the rules
   */
  public static CBORObject decode(byte[] bytes) throws DecodeException {
    if (bytes == null || bytes.length == 0) {
      throw new DecodeException("empty CBOR input");
    }
    CBORObject o;
    try {
      o = CBORObject.DecodeFromBytes(bytes);
    } catch (CBORException e) {
      throw new DecodeException("malformed CBOR: " + e.getMessage(), e);
    } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
      // Defensive: the library documents only CBORException, but hostile input must never
      // surface as an unchecked exception.
      throw new DecodeException("malformed CBOR: " + e, e);
    }
    if (o == null) {
      throw new DecodeException("empty CBOR input");
    }
    if (o.HasMostOuterTag(SELF_DESCRIBE_TAG)) {
      o = o.UntagOne();
    }
    checkTree(o, 0);
    return o;
  }

  /** Encodes {@code value} prefixed with the self-describe tag 55799. */
  public static byte[] encodeWithSelfDescribeTag(CBORObject value) {
    return CBORObject.FromObjectAndTag(value, SELF_DESCRIBE_TAG).EncodeToBytes();
  }

  /** Encodes {@code value} without any prefix tag. */
  public static byte[] encode(CBORObject value) {
    return value.EncodeToBytes();
  }

  /** True if {@code o} is a CBOR integer or a bignum (tag 2 or 3 on a byte string). */
  static boolean isIntegerLike(CBORObject o) {
    if (o.getType() == CBORType.Integer && !o.isTagged()) {
      return true;
    }
    return isBignum(o);
  }

  static boolean isBignum(CBORObject o) {
    if (o.getType() != CBORType.ByteString || o.getTagCount() != 1) {
      return false;
    }
    return o.HasMostOuterTag(2) || o.HasMostOuterTag(3);
  }

  private static void checkTree(CBORObject o, int depth) throws DecodeException {
    if (depth > MAX_DEPTH) {
      throw new DecodeException("CBOR nested deeper than " + MAX_DEPTH + " levels");
    }
    if (o.isTagged() && !isBignum(o)) {
      throw new DecodeException("unexpected CBOR tag " + o.getMostOuterTag() + " (only 55799 at the top and bignums are allowed)");
    }
    switch (o.getType()) {
      case Array -> {
        for (CBORObject e : o.getValues()) {
          checkTree(e, depth + 1);
        }
      }
      case Map -> {
        for (var e : o.getEntries()) {
          checkTree(e.getKey(), depth + 1);
          checkTree(e.getValue(), depth + 1);
        }
      }
      default -> {
        // scalars are checked by the typed accessors
      }
    }
  }
}
