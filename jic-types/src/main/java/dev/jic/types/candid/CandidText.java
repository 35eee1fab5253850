package dev.jic.types.candid;

import java.math.BigDecimal;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders values and types in Candid text syntax the way {@code didc}/{@code dfx} print them, on
 * one line (didc breaks long values over lines; jic does not). Choices, all following didc:
 * numbers carry their type, {@code 42 : nat}, and digits are grouped by {@code _} in threes
 * ({@code 1_000_000 : nat}); floats print in plain decimal with at least one fractional digit
 * ({@code 1.5 : float64}, {@code 2.0 : float32}; non-finite ones as {@code nan}/{@code inf}/{@code -inf});
 * {@code null : null} for the null type, {@code null} for an empty option,
 * {@code null : reserved}; {@code opt (5 : nat)} parenthesised when the payload is annotated;
 * blobs as {@code blob "..."} with printable ASCII kept and other bytes as {@code \xx} (all
 * bytes as {@code \xx} if any byte is not printable or tab/newline/return); tuples as
 * {@code record { a; b }}; variant cases with a {@code null} payload as {@code variant { ok }};
 * labels by name when known (quoted if not an identifier), else by number. The output parses
 * back with {@link CandidTextParser} to an equal value.
 */
final class CandidText {
  private CandidText() {}

  private static final Set<String> KEYWORDS = Set.of("blob", "bool", "composite_query", "empty", "false",
      "float32", "float64", "func", "import", "int", "int16", "int32", "int64", "int8", "nat", "nat16",
      "nat32", "nat64", "nat8", "null", "oneway", "opt", "principal", "query", "record", "reserved",
      "service", "text", "true", "type", "variant", "vec");

  static String renderArgs(List<IdlValue> values) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      value(sb, values.get(i));
    }
    return sb.append(')').toString();
  }

  static String renderValue(IdlValue v) {
    StringBuilder sb = new StringBuilder();
    value(sb, v);
    return sb.toString();
  }

  private static void value(StringBuilder sb, IdlValue v) {
    switch (v) {
      case IdlValue.Null n -> sb.append("null : null");
      case IdlValue.Reserved r -> sb.append("null : reserved");
      case IdlValue.Bool b -> sb.append(b.value());
      case IdlValue.Nat n -> sb.append(group(n.value().toString())).append(" : nat");
      case IdlValue.Int n -> sb.append(group(n.value().toString())).append(" : int");
      case IdlValue.Nat8 n -> sb.append(n.value()).append(" : nat8");
      case IdlValue.Nat16 n -> sb.append(group(Long.toString(n.value()))).append(" : nat16");
      case IdlValue.Nat32 n -> sb.append(group(Long.toString(n.value()))).append(" : nat32");
      case IdlValue.Nat64 n -> sb.append(group(Long.toUnsignedString(n.value()))).append(" : nat64");
      case IdlValue.Int8 n -> sb.append(n.value()).append(" : int8");
      case IdlValue.Int16 n -> sb.append(group(Long.toString(n.value()))).append(" : int16");
      case IdlValue.Int32 n -> sb.append(group(Long.toString(n.value()))).append(" : int32");
      case IdlValue.Int64 n -> sb.append(group(Long.toString(n.value()))).append(" : int64");
      case IdlValue.Float32 f -> sb.append(floatText(f.value(), Float.toString(f.value()))).append(" : float32");
      case IdlValue.Float64 f -> sb.append(floatText(f.value(), Double.toString(f.value()))).append(" : float64");
      case IdlValue.Text t -> quote(sb, t.value());
      case IdlValue.Principal p -> sb.append("principal \"").append(p.id().toText()).append('"');
      case IdlValue.Service s -> sb.append("service \"").append(s.id().toText()).append('"');
      case IdlValue.Func f -> {
        sb.append("func \"").append(f.service().toText()).append("\".");
        label(sb, f.method());
      }
      case IdlValue.Opt o -> {
        if (o.value().isEmpty()) {
          sb.append("null");
        } else if (annotated(o.value().get())) {
          sb.append("opt (");
          value(sb, o.value().get());
          sb.append(')');
        } else {
          sb.append("opt ");
          value(sb, o.value().get());
        }
      }
      case IdlValue.Blob b -> blob(sb, b.bytes());
      case IdlValue.Vec vec -> {
        if (!vec.values().isEmpty() && vec.values().stream().allMatch(e -> e instanceof IdlValue.Nat8)) {
          byte[] bytes = new byte[vec.values().size()];
          for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ((IdlValue.Nat8) vec.values().get(i)).value();
          }
          blob(sb, bytes);
        } else if (vec.values().isEmpty()) {
          sb.append("vec {}");
        } else {
          sb.append("vec {");
          for (int i = 0; i < vec.values().size(); i++) {
            sb.append(i == 0 ? " " : "; ");
            value(sb, vec.values().get(i));
          }
          sb.append(" }");
        }
      }
      case IdlValue.Record r -> {
        if (r.fields().isEmpty()) {
          sb.append("record {}");
          break;
        }
        boolean tuple = true;
        for (int i = 0; i < r.fields().size(); i++) {
          tuple &= r.fields().get(i).label().id() == i;
        }
        sb.append("record {");
        for (int i = 0; i < r.fields().size(); i++) {
          sb.append(i == 0 ? " " : "; ");
          IdlValue.FieldValue f = r.fields().get(i);
          if (!tuple) {
            label(sb, f.label());
            sb.append(" = ");
          }
          value(sb, f.value());
        }
        sb.append(" }");
      }
      case IdlValue.Variant vv -> {
        sb.append("variant { ");
        label(sb, vv.label());
        if (!(vv.value() instanceof IdlValue.Null)) {
          sb.append(" = ");
          value(sb, vv.value());
        }
        sb.append(" }");
      }
    }
  }

  private static boolean annotated(IdlValue v) {
    return switch (v) {
      case IdlValue.Nat n -> true;
      case IdlValue.Int n -> true;
      case IdlValue.Nat8 n -> true;
      case IdlValue.Nat16 n -> true;
      case IdlValue.Nat32 n -> true;
      case IdlValue.Nat64 n -> true;
      case IdlValue.Int8 n -> true;
      case IdlValue.Int16 n -> true;
      case IdlValue.Int32 n -> true;
      case IdlValue.Int64 n -> true;
      case IdlValue.Float32 n -> true;
      case IdlValue.Float64 n -> true;
      case IdlValue.Null n -> true;
      case IdlValue.Reserved n -> true;
      default -> false;
    };
  }

  /** Inserts {@code _} between groups of three digits, keeping a leading sign. */
  static String group(String digits) {
    int start = digits.startsWith("-") ? 1 : 0;
    int n = digits.length() - start;
    if (n <= 3) {
      return digits;
    }
    StringBuilder sb = new StringBuilder(digits.substring(0, start));
    for (int i = 0; i < n; i++) {
      if (i > 0 && (n - i) % 3 == 0) {
        sb.append('_');
      }
      sb.append(digits.charAt(start + i));
    }
    return sb.toString();
  }

  private static String floatText(double d, String javaShortest) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    String plain = new BigDecimal(javaShortest).toPlainString();
    return plain.indexOf('.') < 0 ? plain + ".0" : plain;
  }

  private static void blob(StringBuilder sb, byte[] bytes) {
    boolean printable = true;
    for (byte b : bytes) {
      int c = b & 0xff;
      printable &= (c >= 0x20 && c <= 0x7e) || c == 0x09 || c == 0x0a || c == 0x0d;
    }
    sb.append("blob \"");
    for (byte b : bytes) {
      int c = b & 0xff;
      if (printable && c >= 0x20 && c <= 0x7e && c != '"' && c != '\'' && c != '`' && c != '\\') {
        sb.append((char) c);
      } else {
        sb.append('\\').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
      }
    }
    sb.append('"');
  }

  static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '"' -> sb.append("\\\"");
        case '\'' -> sb.append("\\'");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || Character.getType(cp) == Character.FORMAT
              || Character.getType(cp) == Character.SURROGATE || Character.getType(cp) == Character.UNASSIGNED
              || Character.getType(cp) == Character.LINE_SEPARATOR || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR) {
            sb.append("\\u{").append(Integer.toHexString(cp)).append('}');
          } else {
            sb.appendCodePoint(cp);
          }
        }
      }
    }
    sb.append('"');
  }

  static boolean isIdentifier(String s) {
    if (s.isEmpty() || KEYWORDS.contains(s)) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static void label(StringBuilder sb, String name) {
    if (isIdentifier(name)) {
      sb.append(name);
    } else {
      quote(sb, name);
    }
  }

  private static void label(StringBuilder sb, IdlValue.Label l) {
    if (l.name() != null) {
      label(sb, l.name());
    } else {
      sb.append(l.id());
    }
  }

  // ---------------------------------------------------------------- types

  static String renderType(IdlType t) {
    StringBuilder sb = new StringBuilder();
    type(sb, t, new IdentityHashMap<>());
    return sb.toString();
  }

  static String renderTypes(List<IdlType> ts) {
    StringBuilder sb = new StringBuilder("(");
    Map<IdlType.Rec, Boolean> open = new IdentityHashMap<>();
    for (int i = 0; i < ts.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      type(sb, ts.get(i), open);
    }
    return sb.append(')').toString();
  }

  private static void type(StringBuilder sb, IdlType t, Map<IdlType.Rec, Boolean> open) {
    switch (t) {
      case IdlType.Prim p -> sb.append(p.keyword());
      case IdlType.Rec r -> {
        if (open.containsKey(r) || !r.isDefined()) {
          sb.append(r.name());
        } else {
          open.put(r, Boolean.TRUE);
          type(sb, r.body(), open);
          open.remove(r);
        }
      }
      case IdlType.Opt o -> {
        sb.append("opt ");
        type(sb, o.inner(), open);
      }
      case IdlType.Vec v -> {
        if (v.element() == IdlType.Prim.NAT8) {
          sb.append("blob");
        } else {
          sb.append("vec ");
          type(sb, v.element(), open);
        }
      }
      case IdlType.Record r -> fields(sb, "record", r.fields(), r.isTuple(), false, open);
      case IdlType.Variant v -> fields(sb, "variant", v.fields(), false, true, open);
      case IdlType.Func f -> {
        sb.append("func ");
        funcSig(sb, f, open);
      }
      case IdlType.Service s -> {
        if (s.methods().isEmpty()) {
          sb.append("service {}");
          break;
        }
        sb.append("service {");
        for (int i = 0; i < s.methods().size(); i++) {
          sb.append(i == 0 ? " " : "; ");
          IdlType.Method m = s.methods().get(i);
          label(sb, m.name());
          sb.append(" : ");
          if (IdlType.resolve(m.type()) instanceof IdlType.Func f && !(m.type() instanceof IdlType.Rec)) {
            funcSig(sb, f, open);
          } else {
            type(sb, m.type(), open);
          }
        }
        sb.append(" }");
      }
    }
  }

  private static void funcSig(StringBuilder sb, IdlType.Func f, Map<IdlType.Rec, Boolean> open) {
    sb.append('(');
    for (int i = 0; i < f.args().size(); i++) {
      sb.append(i > 0 ? ", " : "");
      type(sb, f.args().get(i), open);
    }
    sb.append(") -> (");
    for (int i = 0; i < f.rets().size(); i++) {
      sb.append(i > 0 ? ", " : "");
      type(sb, f.rets().get(i), open);
    }
    sb.append(')');
    for (IdlType.FuncMode m : f.modes()) {
      sb.append(' ').append(m.keyword());
    }
  }

  private static void fields(StringBuilder sb, String kw, List<IdlType.Field> fs, boolean tuple, boolean variant,
      Map<IdlType.Rec, Boolean> open) {
    if (fs.isEmpty()) {
      sb.append(kw).append(" {}");
      return;
    }
    sb.append(kw).append(" {");
    for (int i = 0; i < fs.size(); i++) {
      sb.append(i == 0 ? " " : "; ");
      IdlType.Field f = fs.get(i);
      if (tuple) {
        type(sb, f.type(), open);
        continue;
      }
      if (f.name() != null) {
        label(sb, f.name());
      } else {
        sb.append(f.id());
      }
      if (!(variant && f.type() == IdlType.Prim.NULL)) {
        sb.append(" : ");
        type(sb, f.type(), open);
      }
    }
    sb.append(" }");
  }
}
