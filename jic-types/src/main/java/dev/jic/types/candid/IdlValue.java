package dev.jic.types.candid;

import dev.jic.types.id.PrincipalId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Candid value (Candid spec, "Values"). Immutable. Fixed-width integers are held in a
 * {@code long} and range-checked on construction ({@link Nat64} holds the unsigned 64 bits);
 * {@code nat} and {@code int} are {@link BigInteger}s. {@code vec nat8} has the fast path
 * {@link Blob}; the decoder always produces {@code Blob} for it, the encoder accepts both.
 *
 * <p>Record fields and variant tags carry a {@link Label}: the 32-bit id is their identity
 * ({@code equals} compares ids only), the name is kept for rendering when known.
 */
public sealed interface IdlValue {

  /** {@code null} (the value of type {@code null}). */
  record Null() implements IdlValue {}

  /** The value of type {@code reserved} (rendered {@code null : reserved}). */
  record Reserved() implements IdlValue {}

  record Bool(boolean value) implements IdlValue {}

  /** {@code nat}: a non-negative arbitrary-precision integer. */
  record Nat(BigInteger value) implements IdlValue {
    public Nat {
      if (value.signum() < 0) {
        throw new IllegalArgumentException("nat must be non-negative: " + value);
      }
    }

    public static Nat of(long v) {
      return new Nat(BigInteger.valueOf(v));
    }
  }

  /** {@code int}: an arbitrary-precision integer. */
  record Int(BigInteger value) implements IdlValue {
    public Int {
      Objects.requireNonNull(value, "value");
    }

    public static Int of(long v) {
      return new Int(BigInteger.valueOf(v));
    }
  }

  record Nat8(long value) implements IdlValue {
    public Nat8 {
      checkRange(value, 0, 0xff, "nat8");
    }
  }

  record Nat16(long value) implements IdlValue {
    public Nat16 {
      checkRange(value, 0, 0xffff, "nat16");
    }
  }

  record Nat32(long value) implements IdlValue {
    public Nat32 {
      checkRange(value, 0, 0xffff_ffffL, "nat32");
    }
  }

  /** {@code nat64}: the value is the unsigned reading of the 64 bits. */
  record Nat64(long value) implements IdlValue {
    public BigInteger toBigInteger() {
      return new BigInteger(Long.toUnsignedString(value));
    }
  }

  record Int8(long value) implements IdlValue {
    public Int8 {
      checkRange(value, Byte.MIN_VALUE, Byte.MAX_VALUE, "int8");
    }
  }

  record Int16(long value) implements IdlValue {
    public Int16 {
      checkRange(value, Short.MIN_VALUE, Short.MAX_VALUE, "int16");
    }
  }

  record Int32(long value) implements IdlValue {
    public Int32 {
      checkRange(value, Integer.MIN_VALUE, Integer.MAX_VALUE, "int32");
    }
  }

  record Int64(long value) implements IdlValue {}

  /** {@code float32}; {@code equals} follows {@link Float#compare} (NaN equals NaN, 0.0 != -0.0). */
  record Float32(float value) implements IdlValue {}

  /** {@code float64}; {@code equals} follows {@link Double#compare}. */
  record Float64(double value) implements IdlValue {}

  /** {@code text}: must be valid Unicode (no lone surrogates) to be encodable. */
  record Text(String value) implements IdlValue {
    public Text {
      Objects.requireNonNull(value, "value");
    }
  }

  /** {@code principal "..."}. */
  record Principal(PrincipalId id) implements IdlValue {
    public Principal {
      Objects.requireNonNull(id, "id");
    }
  }

  /** A service reference {@code service "..."}. */
  record Service(PrincipalId id) implements IdlValue {
    public Service {
      Objects.requireNonNull(id, "id");
    }
  }

  /** A public function reference {@code func "service".method}. */
  record Func(PrincipalId service, String method) implements IdlValue {
    public Func {
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(method, "method");
    }
  }

  /** {@code opt v} or, when empty, the {@code null} of an option type. */
  record Opt(Optional<IdlValue> value) implements IdlValue {
    public Opt {
      Objects.requireNonNull(value, "value");
    }

    public static Opt some(IdlValue v) {
      return new Opt(Optional.of(v));
    }

    public static Opt none() {
      return NONE;
    }
  }

  /** {@code vec { ... }}. */
  record Vec(List<IdlValue> values) implements IdlValue {
    public Vec {
      values = List.copyOf(values);
    }
  }

  /** {@code blob "..."}: a {@code vec nat8} held as bytes (copied in and out). */
  record Blob(byte[] bytes) implements IdlValue {
    public Blob {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    /** Length without copying. */
    public int length() {
      return bytes.length;
    }

    /** Byte {@code i} without copying. */
    public int byteAt(int i) {
      return bytes[i] & 0xff;
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
      return "Blob[" + java.util.HexFormat.of().formatHex(bytes) + "]";
    }
  }

  /** A field label: the id is the identity, the name (may be {@code null}) is for rendering. */
  record Label(long id, String name) {
    public Label {
      if (id < 0 || id > 0xffff_ffffL) {
        throw new IllegalArgumentException("label id out of the u32 range: " + id);
      }
    }

    public static Label named(String name) {
      return new Label(IdlHash.hash(name), name);
    }

    public static Label id(long id) {
      return new Label(id, null);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Label l && l.id == id;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(id);
    }
  }

  /** One record field value. */
  record FieldValue(Label label, IdlValue value) {
    public FieldValue {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(value, "value");
    }
  }

  /** {@code record { ... }}; fields sorted by id, ids unique. */
  record Record(List<FieldValue> fields) implements IdlValue {
    public Record {
      List<FieldValue> sorted = new ArrayList<>(fields);
      sorted.sort(Comparator.comparingLong(f -> f.label().id()));
      for (int i = 1; i < sorted.size(); i++) {
        if (sorted.get(i).label().id() == sorted.get(i - 1).label().id()) {
          throw new IllegalArgumentException("duplicate record field id " + sorted.get(i).label().id());
        }
      }
      fields = List.copyOf(sorted);
    }

    /** A tuple {@code record { v0; v1; ... }}. */
    public static Record tuple(IdlValue... values) {
      List<FieldValue> fs = new ArrayList<>();
      for (int i = 0; i < values.length; i++) {
        fs.add(new FieldValue(Label.id(i), values[i]));
      }
      return new Record(fs);
    }

    /** The value of the field with this id, or {@code null}. */
    public IdlValue get(long id) {
      for (FieldValue f : fields) {
        if (f.label().id() == id) {
          return f.value();
        }
      }
      return null;
    }

    /** The value of the field with this name, or {@code null}. */
    public IdlValue get(String name) {
      return get(IdlHash.hash(name));
    }
  }

  /** {@code variant { label = value }}. */
  record Variant(Label label, IdlValue value) implements IdlValue {
    public Variant {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(value, "value");
    }
  }

  IdlValue NULL = new Null();
  IdlValue RESERVED = new Reserved();
  Opt NONE = new Opt(Optional.empty());

  /** A record with named fields: {@code record("a", v1, "b", v2)}. */
  static Record record(Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("record(...) needs name, value pairs");
    }
    List<FieldValue> fs = new ArrayList<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      fs.add(new FieldValue(Label.named((String) namesAndValues[i]), (IdlValue) namesAndValues[i + 1]));
    }
    return new Record(fs);
  }

  /** {@code variant { name = value }}. */
  static Variant variant(String name, IdlValue value) {
    return new Variant(Label.named(name), value);
  }

  /** {@code text}. */
  static Text text(String s) {
    return new Text(s);
  }

  /** {@code nat}. */
  static Nat nat(long v) {
    return Nat.of(v);
  }

  /** {@code int}. */
  static Int integer(long v) {
    return Int.of(v);
  }

  private static void checkRange(long v, long min, long max, String type) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(type + " out of range: " + v);
    }
  }
}
