package dev.jic.types.hash;

import com.upokecenter.cbor.CBORObject;
import dev.jic.types.cbor.CborMap;
import dev.jic.types.cbor.CborValues;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.encoding.Leb128;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The IC's representation-independent hash (interface spec §"Representation-independent
 * hashing of structured data"; digest §2.1), used for request ids, delegation signatures and
 * query-response signatures.
 *
 * <p>{@code hash_of_map(m) = H(concat(sort(H(key) · hash_value(value))))} with the 64-byte
 * pieces sorted as unsigned byte strings; {@code hash_value} of a blob is {@code H(bytes)}, of text
 * {@code H(utf8)}, of a nat {@code H(ULEB128)}, of an int {@code H(SLEB128)}, of an array
 * {@code H(concat(hash_value(e)))}, of a map its {@code hash_of_map}. {@code H} is SHA-256.
 */
public final class RepresentationIndependentHash {
  private RepresentationIndependentHash() {}

  /** {@code hash_of_map} of {@code map} (any iteration order; the result does not depend on it). */
  public static byte[] hashOfMap(Map<String, HashValue> map) {
    List<byte[]> pieces = new ArrayList<>(map.size());
    for (var e : map.entrySet()) {
      byte[] piece = new byte[64];
      System.arraycopy(Sha.sha256(e.getKey().getBytes(StandardCharsets.UTF_8)), 0, piece, 0, 32);
      System.arraycopy(hashValue(e.getValue()), 0, piece, 32, 32);
      pieces.add(piece);
    }
    pieces.sort(Arrays::compareUnsigned);
    MessageDigest md = Sha.sha256Digest();
    for (byte[] p : pieces) {
      md.update(p);
    }
    return md.digest();
  }

  /** {@code hash_value(v)}: 32 bytes. */
  public static byte[] hashValue(HashValue v) {
    return switch (v) {
      case HashValue.Blob b -> Sha.sha256(b.unsafeBytes());
      case HashValue.Text t -> Sha.sha256(t.value().getBytes(StandardCharsets.UTF_8));
      case HashValue.Nat n -> Sha.sha256(Leb128.encodeUnsigned(n.value()));
      case HashValue.Int i -> Sha.sha256(Leb128.encodeSigned(i.value()));
      case HashValue.Array a -> {
        MessageDigest md = Sha.sha256Digest();
        for (HashValue e : a.elements()) {
          md.update(hashValue(e));
        }
        yield md.digest();
      }
      case HashValue.MapValue m -> hashOfMap(m.entries());
    };
  }

  /**
   * Converts a decoded CBOR value to a {@link HashValue}: byte strings become blobs, text strings
   * text, non-negative integers (and tag-2 bignums) nats, negative integers ints, arrays arrays,
   * maps with text keys maps.
   *
   * @param field the value's name for error messages
   * @throws DecodeException on floats, booleans, null, simple values, tags or non-text map keys,
   *     which have no representation-independent hash
   */
  public static HashValue fromCbor(CBORObject o, String field) throws DecodeException {
    if (o == null) {
      throw new DecodeException("field '" + field + "' is missing");
    }
    switch (o.getType()) {
      case ByteString:
        if (!o.isTagged()) {
          return new HashValue.Blob(o.GetByteString());
        }
        return integerValue(o, field);
      case TextString:
        return new HashValue.Text(CborValues.text(o, field));
      case Integer:
        return integerValue(o, field);
      case Array: {
        List<HashValue> out = new ArrayList<>(o.size());
        int i = 0;
        for (CBORObject e : CborValues.array(o, field, Integer.MAX_VALUE)) {
          out.add(fromCbor(e, field + "[" + i++ + "]"));
        }
        return new HashValue.Array(out);
      }
      case Map:
        return new HashValue.MapValue(mapFromCbor(CborMap.of(o, field)));
      default:
        throw new DecodeException("field '" + field + "' has a value that cannot be hashed (not a blob, text, integer, array or map)");
    }
  }

  /** Converts every entry of a CBOR record to {@link HashValue}s; see {@link #fromCbor}. */
  public static TreeMap<String, HashValue> mapFromCbor(CborMap map) throws DecodeException {
    TreeMap<String, HashValue> out = new TreeMap<>();
    for (String k : map.keys()) {
      out.put(k, fromCbor(map.required(k), map.field(k)));
    }
    return out;
  }

  private static HashValue integerValue(CBORObject o, String field) throws DecodeException {
    var v = CborValues.integer(o, field);
    return v.signum() >= 0 ? new HashValue.Nat(v) : new HashValue.Int(v);
  }
}
