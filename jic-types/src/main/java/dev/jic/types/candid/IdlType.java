package dev.jic.types.candid;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A Candid type (Candid spec, "Types"). Instances are immutable except for {@link Rec}, the knot
 * used to build recursive types, which is defined exactly once.
 *
 * <p>Guarantees: record and variant fields are sorted by id and ids are unique 32-bit values;
 * service methods are sorted by name (UTF-8 byte order) and unique. {@code equals} is structural
 * except for {@link Rec}, which compares by identity; field names are kept for rendering and do
 * take part in {@code equals}, but the wire identity of a field is its id.
 */
public sealed interface IdlType permits IdlType.Prim, IdlType.Opt, IdlType.Vec, IdlType.Record,
    IdlType.Variant, IdlType.Func, IdlType.Service, IdlType.Rec {

  /** The primitive types with their opcodes (Candid spec "Binary Format", {@code T(<primtype>)}). */
  enum Prim implements IdlType {
    NULL(-1, "null"), BOOL(-2, "bool"), NAT(-3, "nat"), INT(-4, "int"), NAT8(-5, "nat8"),
    NAT16(-6, "nat16"), NAT32(-7, "nat32"), NAT64(-8, "nat64"), INT8(-9, "int8"), INT16(-10, "int16"),
    INT32(-11, "int32"), INT64(-12, "int64"), FLOAT32(-13, "float32"), FLOAT64(-14, "float64"),
    TEXT(-15, "text"), RESERVED(-16, "reserved"), EMPTY(-17, "empty"), PRINCIPAL(-24, "principal");

    private final int opcode;
    private final String keyword;

    Prim(int opcode, String keyword) {
      this.opcode = opcode;
      this.keyword = keyword;
    }

    /** The (negative) opcode written as sleb128. */
    public int opcode() {
      return opcode;
    }

    /** The Candid text keyword, e.g. {@code nat64}. */
    public String keyword() {
      return keyword;
    }

    /** The primitive with this opcode, or {@code null}. */
    public static Prim ofOpcode(long opcode) {
      for (Prim p : values()) {
        if (p.opcode == opcode) {
          return p;
        }
      }
      return null;
    }

    /** The primitive with this keyword, or {@code null}. */
    public static Prim ofKeyword(String keyword) {
      for (Prim p : values()) {
        if (p.keyword.equals(keyword)) {
          return p;
        }
      }
      return null;
    }
  }

  IdlType NULL = Prim.NULL;
  IdlType BOOL = Prim.BOOL;
  IdlType NAT = Prim.NAT;
  IdlType INT = Prim.INT;
  IdlType NAT8 = Prim.NAT8;
  IdlType NAT16 = Prim.NAT16;
  IdlType NAT32 = Prim.NAT32;
  IdlType NAT64 = Prim.NAT64;
  IdlType INT8 = Prim.INT8;
  IdlType INT16 = Prim.INT16;
  IdlType INT32 = Prim.INT32;
  IdlType INT64 = Prim.INT64;
  IdlType FLOAT32 = Prim.FLOAT32;
  IdlType FLOAT64 = Prim.FLOAT64;
  IdlType TEXT = Prim.TEXT;
  IdlType RESERVED = Prim.RESERVED;
  IdlType EMPTY = Prim.EMPTY;
  IdlType PRINCIPAL = Prim.PRINCIPAL;
  /** {@code blob}, i.e. {@code vec nat8}. */
  IdlType BLOB = new Vec(Prim.NAT8);

  /** {@code opt t}. */
  record Opt(IdlType inner) implements IdlType {
    public Opt {
      Objects.requireNonNull(inner, "inner");
    }
  }

  /** {@code vec t}; {@code vec nat8} is {@code blob}. */
  record Vec(IdlType element) implements IdlType {
    public Vec {
      Objects.requireNonNull(element, "element");
    }
  }

  /**
   * A record or variant field: a 32-bit id (unsigned, held in a long), an optional source name
   * ({@code null} when only the id is known) and a type. {@link #named} hashes the name.
   */
  record Field(long id, String name, IdlType type) {
    public Field {
      if (id < 0 || id > 0xffff_ffffL) {
        throw new IllegalArgumentException("field id out of the u32 range: " + id);
      }
      Objects.requireNonNull(type, "type");
      if (name != null && IdlHash.hash(name) != id) {
        throw new IllegalArgumentException("field name '" + name + "' does not hash to id " + id);
      }
    }

    /** A field whose id is {@code idl_hash(name)}. */
    public static Field named(String name, IdlType type) {
      return new Field(IdlHash.hash(name), name, type);
    }

    /** A field known by id only. */
    public static Field id(long id, IdlType type) {
      return new Field(id, null, type);
    }
  }

  /** {@code record { ... }}; fields are sorted by id; a tuple has ids 0..n-1. */
  record Record(List<Field> fields) implements IdlType {
    public Record {
      fields = sortedUnique(fields);
    }

    /** A tuple {@code record { t0; t1; ... }}. */
    public static Record tuple(IdlType... types) {
      List<Field> fs = new ArrayList<>();
      for (int i = 0; i < types.length; i++) {
        fs.add(Field.id(i, types[i]));
      }
      return new Record(fs);
    }

    /** Whether the ids are exactly 0..n-1 (rendered without labels). */
    public boolean isTuple() {
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).id() != i) {
          return false;
        }
      }
      return true;
    }

    /** The field with this id, or {@code null}. */
    public Field field(long id) {
      return findField(fields, id);
    }
  }

  /** {@code variant { ... }}; fields are sorted by id. */
  record Variant(List<Field> fields) implements IdlType {
    public Variant {
      fields = sortedUnique(fields);
    }

    /** The field with this id, or {@code null}. */
    public Field field(long id) {
      return findField(fields, id);
    }

    /** The position of the field with this id in the sorted field list, or -1. */
    public int indexOf(long id) {
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).id() == id) {
          return i;
        }
      }
      return -1;
    }
  }

  /** Function annotations with their binary codes. */
  enum FuncMode {
    QUERY(1, "query"), ONEWAY(2, "oneway"), COMPOSITE_QUERY(3, "composite_query");

    private final int code;
    private final String keyword;

    FuncMode(int code, String keyword) {
      this.code = code;
      this.keyword = keyword;
    }

    public int code() {
      return code;
    }

    public String keyword() {
      return keyword;
    }

    /** The mode with this code, or {@code null}. */
    public static FuncMode ofCode(int code) {
      for (FuncMode m : values()) {
        if (m.code == code) {
          return m;
        }
      }
      return null;
    }
  }

  /** {@code func (args) -> (rets) modes}; the modes are a set, written in code order. */
  record Func(List<IdlType> args, List<IdlType> rets, Set<FuncMode> modes) implements IdlType {
    public Func {
      args = List.copyOf(args);
      rets = List.copyOf(rets);
      modes = modes.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(modes));
    }
  }

  /**
   * A service method: a name and its type, which must be (or, through {@link Rec}, resolve to) a
   * {@link Func}; the encoder and decoder check this.
   */
  record Method(String name, IdlType type) {
    public Method {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  /** {@code service { ... }}; methods sorted by name (UTF-8 byte order), unique. */
  record Service(List<Method> methods) implements IdlType {
    public Service {
      List<Method> sorted = new ArrayList<>(methods);
      sorted.sort(Comparator.comparing(m -> m.name().getBytes(java.nio.charset.StandardCharsets.UTF_8),
          java.util.Arrays::compareUnsigned));
      for (int i = 1; i < sorted.size(); i++) {
        if (sorted.get(i).name().equals(sorted.get(i - 1).name())) {
          throw new IllegalArgumentException("duplicate method name " + sorted.get(i).name());
        }
      }
      methods = List.copyOf(sorted);
    }
  }

  /**
   * A named knot for recursive types: create it, use it inside other types, then {@link #define}
   * its body exactly once. Equality is identity. Definitions that would make a cycle of
   * {@code Rec}s with no type constructor in between (e.g. {@code type t = t}) are rejected, so
   * {@link IdlType#resolve} always terminates.
   */
  final class Rec implements IdlType {
    private final String name;
    private IdlType body;
    /** Non-zero for a wire "future type" (opcode below -24); its values are skipped. */
    long futureOpcode;

    public Rec(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    public String name() {
      return name;
    }

    /** Defines the body. Throws {@link IllegalStateException} if already defined and
     * {@link IllegalArgumentException} if it closes a cycle of bare references. */
    public Rec define(IdlType body) {
      Objects.requireNonNull(body, "body");
      if (this.body != null) {
        throw new IllegalStateException("recursive type " + name + " is already defined");
      }
      IdlType b = body;
      while (b instanceof Rec r) {
        if (r == this) {
          throw new IllegalArgumentException("recursive type " + name + " is not well-founded (refers only to itself)");
        }
        if (r.body == null) {
          break;
        }
        b = r.body;
      }
      this.body = body;
      return this;
    }

    public boolean isDefined() {
      return body != null;
    }

    /** The body; throws {@link IllegalStateException} if not yet defined. */
    public IdlType body() {
      if (body == null) {
        throw new IllegalStateException("recursive type " + name + " is used but never defined");
      }
      return body;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Follows {@link Rec} knots to the first non-{@code Rec} type. */
  static IdlType resolve(IdlType t) {
    while (t instanceof Rec r) {
      t = r.body();
    }
    return t;
  }

  /** {@code opt t}. */
  static IdlType opt(IdlType t) {
    return new Opt(t);
  }

  /** {@code vec t}. */
  static IdlType vec(IdlType t) {
    return new Vec(t);
  }

  /** {@code record { fields }}. */
  static Record record(Field... fields) {
    return new Record(List.of(fields));
  }

  /** {@code variant { fields }}. */
  static Variant variant(Field... fields) {
    return new Variant(List.of(fields));
  }

  private static List<Field> sortedUnique(Collection<Field> fields) {
    List<Field> sorted = new ArrayList<>(fields);
    sorted.sort(Comparator.comparingLong(Field::id));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).id() == sorted.get(i - 1).id()) {
        throw new IllegalArgumentException("duplicate field id " + sorted.get(i).id()
            + " (" + sorted.get(i - 1).name() + ", " + sorted.get(i).name() + ")");
      }
    }
    return List.copyOf(sorted);
  }

  private static Field findField(List<Field> fields, long id) {
    int lo = 0;
    int hi = fields.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long m = fields.get(mid).id();
      if (m == id) {
        return fields.get(mid);
      } else if (m < id) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return null;
  }
}
