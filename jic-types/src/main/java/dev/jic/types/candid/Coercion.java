package dev.jic.types.candid;

import dev.jic.types.encoding.DecodeException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Candid decoding relation {@code v :? t ~> v'} (Candid spec, "Decoding"), applied to values
 * already parsed at their wire types. Rules implemented:
 * <ul>
 *   <li>primitives decode at their own type; {@code nat} also at {@code int};
 *   <li>anything decodes at {@code reserved};
 *   <li>{@code null} (and an empty option) decodes at {@code null} and at any {@code opt t} as
 *       null; {@code opt v} decodes at {@code opt t} as {@code opt v'} if {@code v} decodes at
 *       {@code t}, else as null; any other value {@code v} decodes at {@code opt t} like
 *       {@code opt v} (so a value that does not fit becomes null). A {@code reserved} value
 *       at {@code opt t} also becomes null, as in the Rust and JS implementations;
 *   <li>vectors element-wise; records: fields present in both are decoded, extra fields are
 *       dropped, missing fields of type {@code opt}, {@code null} or {@code reserved} become
 *       null/reserved, any other missing field fails; variants: the tag must be in the type;
 *   <li>function, service and principal references decode unconditionally at their kind;
 *   <li>argument lists like tuple records: extra arguments are ignored, missing trailing ones
 *       must be of {@code opt}/{@code null}/{@code reserved} type.
 * </ul>
 * Decoded record fields and variant tags take their names from the expected type.
 */
final class Coercion {
  private Coercion() {}

  /** A failed coercion; cheap because {@code opt} catches it to produce null. */
  static final class Mismatch extends DecodeException {
    private static final long serialVersionUID = 1L;

    Mismatch(String message) {
      super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  static List<IdlValue> args(List<IdlValue> values, List<IdlType> expected) throws DecodeException {
    List<IdlValue> out = new ArrayList<>(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      if (i < values.size()) {
        out.add(coerce(values.get(i), expected.get(i), "argument " + i));
      } else {
        IdlValue absent = absent(expected.get(i));
        if (absent == null) {
          throw new DecodeException("missing argument " + i + " of type " + CandidText.renderType(expected.get(i))
              + " (the message has " + values.size() + " arguments)");
        }
        out.add(absent);
      }
    }
    return out;
  }

  /** The value a missing field or argument of this type takes, or {@code null} if it may not be missing. */
  private static IdlValue absent(IdlType type) {
    return switch (IdlType.resolve(type)) {
      case IdlType.Opt o -> IdlValue.NONE;
      case IdlType.Prim p when p == IdlType.Prim.NULL -> IdlValue.NULL;
      case IdlType.Prim p when p == IdlType.Prim.RESERVED -> IdlValue.RESERVED;
      default -> null;
    };
  }

  static IdlValue coerce(IdlValue v, IdlType type, String path) throws DecodeException {
    IdlType t = IdlType.resolve(type);
    switch (t) {
      case IdlType.Prim p -> {
        return prim(v, p, path);
      }
      case IdlType.Opt o -> {
        if (v instanceof IdlValue.Null || v instanceof IdlValue.Reserved) {
          return IdlValue.NONE;
        }
        IdlValue inner = v;
        if (v instanceof IdlValue.Opt opt) {
          if (opt.value().isEmpty()) {
            return IdlValue.NONE;
          }
          inner = opt.value().get();
        }
        try {
          return IdlValue.Opt.some(coerce(inner, o.inner(), path + "/opt"));
        } catch (Mismatch e) {
          return IdlValue.NONE;
        }
      }
      case IdlType.Vec vt -> {
        boolean toBlob = IdlType.resolve(vt.element()) == IdlType.Prim.NAT8;
        if (v instanceof IdlValue.Blob b) {
          if (toBlob) {
            return b;
          }
          List<IdlValue> out = new ArrayList<>(b.length());
          for (int i = 0; i < b.length(); i++) {
            out.add(coerce(new IdlValue.Nat8(b.byteAt(i)), vt.element(), path));
          }
          return new IdlValue.Vec(out);
        }
        if (v instanceof IdlValue.Vec vec) {
          List<IdlValue> out = new ArrayList<>(vec.values().size());
          for (IdlValue e : vec.values()) {
            out.add(coerce(e, vt.element(), path + "[]"));
          }
          if (toBlob) {
            byte[] bytes = new byte[out.size()];
            for (int i = 0; i < bytes.length; i++) {
              bytes[i] = (byte) ((IdlValue.Nat8) out.get(i)).value();
            }
            return new IdlValue.Blob(bytes);
          }
          return new IdlValue.Vec(out);
        }
        throw mismatch(v, t, path);
      }
      case IdlType.Record rt -> {
        if (!(v instanceof IdlValue.Record rv)) {
          throw mismatch(v, t, path);
        }
        List<IdlValue.FieldValue> out = new ArrayList<>(rt.fields().size());
        for (IdlType.Field f : rt.fields()) {
          IdlValue fv = rv.get(f.id());
          IdlValue.Label label = new IdlValue.Label(f.id(), f.name());
          String fp = path + "." + (f.name() != null ? f.name() : Long.toString(f.id()));
          if (fv == null) {
            IdlValue a = absent(f.type());
            if (a == null) {
              throw new Mismatch("record field " + fp + " of type " + CandidText.renderType(f.type()) + " is missing");
            }
            out.add(new IdlValue.FieldValue(label, a));
          } else {
            out.add(new IdlValue.FieldValue(label, coerce(fv, f.type(), fp)));
          }
        }
        return new IdlValue.Record(out);
      }
      case IdlType.Variant vt -> {
        if (!(v instanceof IdlValue.Variant vv)) {
          throw mismatch(v, t, path);
        }
        IdlType.Field f = vt.field(vv.label().id());
        if (f == null) {
          throw new Mismatch("variant tag " + vv.label().id() + " at " + path + " is not in the expected type "
              + CandidText.renderType(t));
        }
        return new IdlValue.Variant(new IdlValue.Label(f.id(), f.name()), coerce(vv.value(), f.type(), path + "." + f.id()));
      }
      case IdlType.Func f -> {
        if (v instanceof IdlValue.Func) {
          return v;
        }
        throw mismatch(v, t, path);
      }
      case IdlType.Service s -> {
        if (v instanceof IdlValue.Service) {
          return v;
        }
        throw mismatch(v, t, path);
      }
      case IdlType.Rec r -> throw new IllegalStateException("unresolved " + r);
    }
  }

  private static IdlValue prim(IdlValue v, IdlType.Prim p, String path) throws Mismatch {
    boolean ok = switch (p) {
      case RESERVED -> true;
      case EMPTY -> false;
      case NULL -> v instanceof IdlValue.Null || (v instanceof IdlValue.Opt o && o.value().isEmpty());
      case BOOL -> v instanceof IdlValue.Bool;
      case NAT -> v instanceof IdlValue.Nat;
      case INT -> v instanceof IdlValue.Int || v instanceof IdlValue.Nat;
      case NAT8 -> v instanceof IdlValue.Nat8;
      case NAT16 -> v instanceof IdlValue.Nat16;
      case NAT32 -> v instanceof IdlValue.Nat32;
      case NAT64 -> v instanceof IdlValue.Nat64;
      case INT8 -> v instanceof IdlValue.Int8;
      case INT16 -> v instanceof IdlValue.Int16;
      case INT32 -> v instanceof IdlValue.Int32;
      case INT64 -> v instanceof IdlValue.Int64;
      case FLOAT32 -> v instanceof IdlValue.Float32;
      case FLOAT64 -> v instanceof IdlValue.Float64;
      case TEXT -> v instanceof IdlValue.Text;
      case PRINCIPAL -> v instanceof IdlValue.Principal;
    };
    if (!ok) {
      throw mismatch(v, p, path);
    }
    return switch (p) {
      case RESERVED -> IdlValue.RESERVED;
      case NULL -> IdlValue.NULL;
      case INT -> v instanceof IdlValue.Nat n ? new IdlValue.Int(n.value()) : v;
      default -> v;
    };
  }

  private static Mismatch mismatch(IdlValue v, IdlType t, String path) {
    return new Mismatch("cannot decode a " + kind(v) + " at type " + CandidText.renderType(t) + " (" + path + ")");
  }

  private static String kind(IdlValue v) {
    return v.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }
}
