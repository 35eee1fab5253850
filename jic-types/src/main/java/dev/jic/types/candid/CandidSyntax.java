package dev.jic.types.candid;

import dev.jic.types.encoding.DecodeException;
import dev.jic.types.id.PrincipalFormatException;
import dev.jic.types.id.PrincipalId;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The syntax tree of a Candid text value and the rules that give it a type ({@link #typed}):
 * the expected type guides literals (a number at {@code nat8} is a {@code nat8}, {@code null} at
 * {@code opt t} is an empty option, missing {@code opt} record fields are filled with null);
 * without one, integers are {@code int}, decimals {@code float64}, {@code null} is of type
 * {@code null}. An annotated value {@code (v : T)} is typed at {@code T} and then must decode
 * at the expected type by the Candid subtyping rules.
 */
final class CandidSyntax {
  private CandidSyntax() {}

  sealed interface Node permits Num, Bool, NullLit, Str, BlobLit, Opt, VecLit, RecordLit, VariantLit,
      PrincipalLit, ServiceLit, FuncLit, Annot {
    int pos();
  }

  record Num(String text, int pos) implements Node {}

  record Bool(boolean value, int pos) implements Node {}

  record NullLit(int pos) implements Node {}

  record Str(byte[] utf8, int pos) implements Node {}

  record BlobLit(byte[] bytes, int pos) implements Node {}

  record Opt(Node inner, int pos) implements Node {}

  record VecLit(List<Node> elems, int pos) implements Node {}

  record FieldNode(IdlValue.Label label, Node value, int pos) {}

  record RecordLit(List<FieldNode> fields, int pos) implements Node {}

  /** {@code value} is {@code null} for {@code variant { tag }}. */
  record VariantLit(IdlValue.Label label, Node value, int pos) implements Node {}

  record PrincipalLit(String text, int pos) implements Node {}

  record ServiceLit(String text, int pos) implements Node {}

  record FuncLit(String service, String method, int pos) implements Node {}

  record Annot(Node value, IdlType type, int pos) implements Node {}

  static CandidSyntaxException error(String what, String s, int pos) {
    int from = Math.max(0, pos - 20);
    int to = Math.min(s.length(), pos + 20);
    return new CandidSyntaxException(what + " at position " + pos + ": ..." + s.substring(from, pos) + "^"
        + s.substring(pos, to) + "...", pos);
  }

  static IdlValue absent(IdlType t) {
    return switch (IdlType.resolve(t)) {
      case IdlType.Opt o -> IdlValue.NONE;
      case IdlType.Prim p when p == IdlType.Prim.NULL -> IdlValue.NULL;
      case IdlType.Prim p when p == IdlType.Prim.RESERVED -> IdlValue.RESERVED;
      default -> null;
    };
  }

  /** Gives {@code n} a type: {@code expected}, or the default typing when it is {@code null}. */
  static IdlValue typed(Node n, IdlType expected, String src) throws CandidSyntaxException {
    IdlType t = expected == null ? null : IdlType.resolve(expected);
    if (t == IdlType.Prim.RESERVED) {
      typed(n, null, src);
      return IdlValue.RESERVED;
    }
    switch (n) {
      case Annot a -> {
        IdlValue v = typed(a.value(), a.type(), src);
        if (t == null) {
          return v;
        }
        try {
          return Coercion.coerce(v, t, "value");
        } catch (DecodeException e) {
          throw error("a value of type " + CandidText.renderType(a.type()) + " does not fit the expected type "
              + CandidText.renderType(t), src, a.pos());
        }
      }
      case Num num -> {
        return number(num, t, src);
      }
      case Bool b -> {
        require(t == null || t == IdlType.Prim.BOOL, "bool", t, n, src);
        return new IdlValue.Bool(b.value());
      }
      case NullLit nl -> {
        if (t == null || t == IdlType.Prim.NULL) {
          return IdlValue.NULL;
        }
        require(t instanceof IdlType.Opt, "null", t, n, src);
        return IdlValue.NONE;
      }
      case Str str -> {
        require(t == null || t == IdlType.Prim.TEXT, "text", t, n, src);
        return new IdlValue.Text(CandidTextParser.utf8(str.utf8(), str.pos()));
      }
      case BlobLit b -> {
        require(t == null || (t instanceof IdlType.Vec v && IdlType.resolve(v.element()) == IdlType.Prim.NAT8),
            "blob", t, n, src);
        return new IdlValue.Blob(b.bytes());
      }
      case Opt o -> {
        if (t == null) {
          return IdlValue.Opt.some(typed(o.inner(), null, src));
        }
        require(t instanceof IdlType.Opt, "opt", t, n, src);
        return IdlValue.Opt.some(typed(o.inner(), ((IdlType.Opt) t).inner(), src));
      }
      case VecLit v -> {
        require(t == null || t instanceof IdlType.Vec, "vec", t, n, src);
        IdlType elem = t == null ? null : ((IdlType.Vec) t).element();
        List<IdlValue> out = new ArrayList<>();
        for (Node e : v.elems()) {
          out.add(typed(e, elem, src));
        }
        if (elem != null && IdlType.resolve(elem) == IdlType.Prim.NAT8) {
          byte[] bytes = new byte[out.size()];
          for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ((IdlValue.Nat8) out.get(i)).value();
          }
          return new IdlValue.Blob(bytes);
        }
        return new IdlValue.Vec(out);
      }
      case RecordLit r -> {
        return record(r, t, src);
      }
      case VariantLit v -> {
        if (t == null) {
          return new IdlValue.Variant(v.label(), v.value() == null ? IdlValue.NULL : typed(v.value(), null, src));
        }
        require(t instanceof IdlType.Variant, "variant", t, n, src);
        IdlType.Field f = ((IdlType.Variant) t).field(v.label().id());
        if (f == null) {
          throw error("variant tag " + labelText(v.label()) + " is not in the type " + CandidText.renderType(t), src, v.pos());
        }
        IdlValue payload = v.value() == null ? typed(new NullLit(v.pos()), f.type(), src) : typed(v.value(), f.type(), src);
        return new IdlValue.Variant(new IdlValue.Label(f.id(), f.name()), payload);
      }
      case PrincipalLit p -> {
        require(t == null || t == IdlType.Prim.PRINCIPAL, "principal", t, n, src);
        return new IdlValue.Principal(principal(p.text(), p.pos(), src));
      }
      case ServiceLit sv -> {
        require(t == null || t instanceof IdlType.Service, "service", t, n, src);
        return new IdlValue.Service(principal(sv.text(), sv.pos(), src));
      }
      case FuncLit f -> {
        require(t == null || t instanceof IdlType.Func, "func", t, n, src);
        return new IdlValue.Func(principal(f.service(), f.pos(), src), f.method());
      }
    }
  }

  private static IdlValue record(RecordLit r, IdlType t, String src) throws CandidSyntaxException {
    for (int i = 0; i < r.fields().size(); i++) {
      for (int j = 0; j < i; j++) {
        if (r.fields().get(i).label().id() == r.fields().get(j).label().id()) {
          throw error("duplicate field " + labelText(r.fields().get(i).label()), src, r.fields().get(i).pos());
        }
      }
    }
    List<IdlValue.FieldValue> out = new ArrayList<>();
    if (t == null) {
      for (FieldNode f : r.fields()) {
        out.add(new IdlValue.FieldValue(f.label(), typed(f.value(), null, src)));
      }
      return new IdlValue.Record(out);
    }
    if (!(t instanceof IdlType.Record rt)) {
      throw error("a record where " + CandidText.renderType(t) + " is expected", src, r.pos());
    }
    for (FieldNode f : r.fields()) {
      IdlType.Field ft = rt.field(f.label().id());
      if (ft == null) {
        throw error("field " + labelText(f.label()) + " is not in the type " + CandidText.renderType(t), src, f.pos());
      }
      out.add(new IdlValue.FieldValue(new IdlValue.Label(ft.id(), ft.name()), typed(f.value(), ft.type(), src)));
    }
    for (IdlType.Field ft : rt.fields()) {
      boolean present = false;
      for (FieldNode f : r.fields()) {
        present |= f.label().id() == ft.id();
      }
      if (!present) {
        IdlValue a = absent(ft.type());
        if (a == null) {
          throw error("missing field " + (ft.name() != null ? ft.name() : Long.toString(ft.id())) + " of type "
              + CandidText.renderType(ft.type()), src, r.pos());
        }
        out.add(new IdlValue.FieldValue(new IdlValue.Label(ft.id(), ft.name()), a));
      }
    }
    return new IdlValue.Record(out);
  }

  private static IdlValue number(Num num, IdlType t, String src) throws CandidSyntaxException {
    String raw = num.text().replace("_", "");
    boolean special = raw.endsWith("inf") || raw.endsWith("nan") || raw.endsWith("NaN");
    boolean hex = raw.startsWith("0x") || raw.startsWith("-0x") || raw.startsWith("+0x");
    boolean decimal = !hex && (special || raw.contains(".") || raw.contains("e") || raw.contains("E"));
    IdlType.Prim p;
    if (t == null) {
      p = decimal ? IdlType.Prim.FLOAT64 : IdlType.Prim.INT;
    } else if (t instanceof IdlType.Prim prim) {
      p = prim;
    } else {
      throw error("a number where " + CandidText.renderType(t) + " is expected", src, num.pos());
    }
    try {
      if (p == IdlType.Prim.FLOAT32 || p == IdlType.Prim.FLOAT64) {
        double d = special ? specialFloat(raw) : hex ? integer(raw).doubleValue() : Double.parseDouble(raw);
        if (p == IdlType.Prim.FLOAT64) {
          return new IdlValue.Float64(d);
        }
        float f = special ? (float) d : hex ? integer(raw).floatValue() : Float.parseFloat(raw);
        return new IdlValue.Float32(f);
      }
      if (decimal) {
        throw error("a decimal number where " + p.keyword() + " is expected", src, num.pos());
      }
      BigInteger v = integer(raw);
      IdlValue out = switch (p) {
        case NAT -> new IdlValue.Nat(v);
        case INT -> new IdlValue.Int(v);
        case NAT8 -> new IdlValue.Nat8(v.longValueExact());
        case NAT16 -> new IdlValue.Nat16(v.longValueExact());
        case NAT32 -> new IdlValue.Nat32(v.longValueExact());
        case NAT64 -> {
          if (v.signum() < 0 || v.bitLength() > 64) {
            throw new ArithmeticException();
          }
          yield new IdlValue.Nat64(v.longValue());
        }
        case INT8 -> new IdlValue.Int8(v.longValueExact());
        case INT16 -> new IdlValue.Int16(v.longValueExact());
        case INT32 -> new IdlValue.Int32(v.longValueExact());
        case INT64 -> new IdlValue.Int64(v.longValueExact());
        default -> throw error("a number where " + p.keyword() + " is expected", src, num.pos());
      };
      return out;
    } catch (ArithmeticException | IllegalArgumentException e) {
      throw error("number " + num.text() + " is out of range for " + p.keyword(), src, num.pos());
    }
  }

  private static BigInteger integer(String raw) {
    boolean neg = raw.startsWith("-");
    String body = raw.startsWith("-") || raw.startsWith("+") ? raw.substring(1) : raw;
    BigInteger v = body.startsWith("0x") ? new BigInteger(body.substring(2), 16) : new BigDecimal(body).toBigIntegerExact();
    return neg ? v.negate() : v;
  }

  private static double specialFloat(String raw) {
    if (raw.endsWith("nan") || raw.endsWith("NaN")) {
      return Double.NaN;
    }
    return raw.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
  }

  private static PrincipalId principal(String text, int pos, String src) throws CandidSyntaxException {
    try {
      return PrincipalId.fromText(text);
    } catch (PrincipalFormatException e) {
      throw error("invalid principal: " + e.getMessage(), src, pos);
    }
  }

  private static void require(boolean ok, String what, IdlType t, Node n, String src) throws CandidSyntaxException {
    if (!ok) {
      throw error("a " + what + " value where " + CandidText.renderType(t) + " is expected", src, n.pos());
    }
  }

  private static String labelText(IdlValue.Label l) {
    return l.name() != null ? l.name() : Long.toString(l.id());
  }
}
