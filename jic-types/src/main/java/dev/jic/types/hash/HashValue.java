package dev.jic.types.hash;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A value that can be hashed with the IC's representation-independent hash (interface spec
 * "Representation-independent hashing of structured data"): a blob, text, nat, int, array or
 * map. Instances are immutable; map entries are held sorted by key, so nothing depends on
 * insertion order.
 */
public sealed interface HashValue {

  /** A byte string, hashed as {@code H(bytes)}. */
  record Blob(byte[] bytes) implements HashValue {
    public Blob {
      bytes = Objects.requireNonNull(bytes, "bytes").clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    byte[] unsafeBytes() {
      return bytes;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Blob b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Blob[" + HexFormat.of().formatHex(bytes) + "]";
    }
  }

  /** A text string, hashed as {@code H(utf8)}. */
  record Text(String value) implements HashValue {
    public Text {
      Objects.requireNonNull(value, "value");
    }
  }

  /** A natural number, hashed as {@code H(ULEB128(n))}. */
  record Nat(BigInteger value) implements HashValue {
    public Nat {
      if (value.signum() < 0) {
        throw new IllegalArgumentException("a nat is non-negative: " + value);
      }
    }

    /** A nat from a {@code long} read as unsigned 64-bit. */
    public static Nat ofUnsigned(long v) {
      return new Nat(new BigInteger(Long.toUnsignedString(v)));
    }
  }

  /** A signed integer, hashed as {@code H(SLEB128(n))}. */
  record Int(BigInteger value) implements HashValue {
    public Int {
      Objects.requireNonNull(value, "value");
    }
  }

  /** An array, hashed as {@code H(concat(hash_value(e_i)))}. */
  record Array(List<HashValue> elements) implements HashValue {
    public Array {
      elements = List.copyOf(elements);
    }
  }

  /** A map with text keys, hashed with {@code hash_of_map}. Entries are kept sorted by key. */
  record MapValue(SortedMap<String, HashValue> entries) implements HashValue {
    public MapValue {
      entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    }
  }
}
