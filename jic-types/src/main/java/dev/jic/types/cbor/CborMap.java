package dev.jic.types.cbor;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import dev.jic.types.encoding.DecodeException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A read-only view of a CBOR map whose keys are all text strings (an IC "record"), with typed
 * accessors. Every accessor throws {@link DecodeException} naming the full field path (for
 * example {@code content.ingress_expiry}) when the field is missing or has the wrong type.
 *
 * <p>The view does not copy the map: callers must not mutate the {@link CBORObject} they wrap.
 */
public final class CborMap {
  private final CBORObject map;
  private final String path;

  private CborMap(CBORObject map, String path) {
    this.map = map;
    this.path = path;
  }

  /**
   * Wraps {@code o}, which must be an untagged map with text keys only.
   *
   * @param path the name of this map in error messages, e.g. {@code "content"}; empty for the
   *     top-level map, whose fields are then named by their key alone
   * @throws DecodeException if {@code o} is not such a map
   */
  public static CborMap of(CBORObject o, String path) throws DecodeException {
    if (o == null || o.getType() != CBORType.Map || o.isTagged()) {
      throw CborValues.wrongType(path, "a map", o);
    }
    for (CBORObject k : o.getKeys()) {
      if (k.getType() != CBORType.TextString || k.isTagged()) {
        throw new DecodeException("map '" + path + "' has a key that is " + CborValues.describe(k) + ", keys must be text");
      }
    }
    return new CborMap(o, path);
  }

  /** The underlying map; do not mutate it. */
  public CBORObject raw() {
    return map;
  }

  /** The name used for this map in error messages. */
  public String path() {
    return path;
  }

  /** The keys, sorted. */
  public SortedSet<String> keys() {
    TreeSet<String> out = new TreeSet<>();
    for (CBORObject k : map.getKeys()) {
      out.add(k.AsString());
    }
    return out;
  }

  /** Whether {@code key} is present. */
  public boolean has(String key) {
    return map.ContainsKey(key);
  }

  /** The full name of {@code key} for error messages. */
  public String field(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The raw value of a required field. */
  public CBORObject required(String key) throws DecodeException {
    CBORObject v = map.get(key);
    if (v == null) {
      throw new DecodeException("missing field '" + field(key) + "'");
    }
    return v;
  }

  /** The raw value of an optional field. */
  public Optional<CBORObject> optional(String key) {
    return Optional.ofNullable(map.get(key));
  }

  public byte[] blob(String key) throws DecodeException {
    return CborValues.blob(required(key), field(key));
  }

  public Optional<byte[]> optionalBlob(String key) throws DecodeException {
    CBORObject v = map.get(key);
    return v == null ? Optional.empty() : Optional.of(CborValues.blob(v, field(key)));
  }

  public String text(String key) throws DecodeException {
    return CborValues.text(required(key), field(key));
  }

  public Optional<String> optionalText(String key) throws DecodeException {
    CBORObject v = map.get(key);
    return v == null ? Optional.empty() : Optional.of(CborValues.text(v, field(key)));
  }

  public BigInteger nat(String key) throws DecodeException {
    return CborValues.nat(required(key), field(key));
  }

  /** A required nat that fits in 64 unsigned bits (read the result as unsigned). */
  public long natU64(String key) throws DecodeException {
    return CborValues.natU64(required(key), field(key));
  }

  public CborMap map(String key) throws DecodeException {
    return CborMap.of(required(key), field(key));
  }

  public Optional<CborMap> optionalMap(String key) throws DecodeException {
    CBORObject v = map.get(key);
    return v == null ? Optional.empty() : Optional.of(CborMap.of(v, field(key)));
  }

  public List<CBORObject> array(String key, int maxLength) throws DecodeException {
    return CborValues.array(required(key), field(key), maxLength);
  }

  public Optional<List<CBORObject>> optionalArray(String key, int maxLength) throws DecodeException {
    CBORObject v = map.get(key);
    return v == null ? Optional.empty() : Optional.of(CborValues.array(v, field(key), maxLength));
  }
}
