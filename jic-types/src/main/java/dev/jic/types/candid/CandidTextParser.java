package dev.jic.types.candid;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Parses Candid text values (Candid spec, "Textual Values") and types, for command-line
 * arguments: {@code (42, "hi", record { a = 1; b = opt vec {1;2} }, variant { ok },
 * principal "aaaaa-aa", blob "\00\ff", -5 : int8, 1.5, null, true)}. Parsing is two-step: the
 * text becomes a small syntax tree ({@link CandidSyntax}), which is then given a type: the
 * expected type if there is one, an annotation {@code (v : T)}, or by default (integers are
 * {@code int}, decimals {@code float64}, {@code null} is of type {@code null}). Supports
 * {@code //} and {@code /* *}{@code /} comments, {@code _} in numbers, hex integers
 * ({@code 0xff}), escapes {@code \n \r \t \\ \" \' \xx &#92;u{hex}} in text and blobs, positional
 * fields ({@code record { 1; 2 }} has ids 0 and 1), labels by name, number or quoted text, and
 * {@code nan}/{@code inf} for floats. Named type references are not supported (there is no
 * type environment). Every error is a {@link CandidSyntaxException} with the offset.
 */
final class CandidTextParser {
  static final int MAX_DEPTH = 500;

  private final String s;
  private int pos;
  private int depth;

  private CandidTextParser(String s) {
    this.s = s;
  }

  static List<IdlValue> parseArgs(String text, List<IdlType> expected) throws CandidSyntaxException {
    CandidTextParser p = new CandidTextParser(text);
    List<CandidSyntax.Node> nodes = new ArrayList<>();
    p.ws();
    if (p.peek() == '(') {
      p.pos++;
      p.ws();
      while (p.peek() != ')') {
        nodes.add(p.annval());
        p.ws();
        if (p.peek() == ',') {
          p.pos++;
          p.ws();
        } else if (p.peek() != ')') {
          throw p.error("expected ',' or ')' in the argument list");
        }
      }
      p.pos++;
    } else {
      nodes.add(p.annval());
    }
    p.end();
    if (expected == null) {
      List<IdlValue> out = new ArrayList<>();
      for (CandidSyntax.Node n : nodes) {
        out.add(CandidSyntax.typed(n, null, text));
      }
      return out;
    }
    if (nodes.size() > expected.size()) {
      throw new CandidSyntaxException("expected " + expected.size() + " arguments but got " + nodes.size(),
          nodes.get(expected.size()).pos());
    }
    List<IdlValue> out = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      if (i < nodes.size()) {
        out.add(CandidSyntax.typed(nodes.get(i), expected.get(i), text));
      } else {
        IdlValue a = CandidSyntax.absent(expected.get(i));
        if (a == null) {
          throw new CandidSyntaxException("missing argument " + i + " of type " + CandidText.renderType(expected.get(i)),
              text.length());
        }
        out.add(a);
      }
    }
    return out;
  }

  static IdlValue parseValue(String text, IdlType expected) throws CandidSyntaxException {
    CandidTextParser p = new CandidTextParser(text);
    CandidSyntax.Node n = p.annval();
    p.end();
    return CandidSyntax.typed(n, expected, text);
  }

  static IdlType parseType(String text) throws CandidSyntaxException {
    CandidTextParser p = new CandidTextParser(text);
    IdlType t = p.type();
    p.end();
    return t;
  }

  static List<IdlType> parseTypes(String text) throws CandidSyntaxException {
    CandidTextParser p = new CandidTextParser(text);
    p.ws();
    List<IdlType> ts = p.typeList();
    p.end();
    return ts;
  }

  // ---------------------------------------------------------------- values

  private CandidSyntax.Node annval() throws CandidSyntaxException {
    CandidSyntax.Node v = val();
    ws();
    if (peek() == ':') {
      int at = pos;
      pos++;
      return new CandidSyntax.Annot(v, type(), at);
    }
    return v;
  }

  private CandidSyntax.Node val() throws CandidSyntaxException {
    enter();
    try {
      ws();
      int at = pos;
      char c = peek();
      if (c == '(') {
        pos++;
        CandidSyntax.Node inner = annval();
        ws();
        expect(')');
        return inner;
      }
      if (c == '"') {
        return new CandidSyntax.Str(textBytes(), at);
      }
      if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9')) {
        return number();
      }
      if (!isIdStart(c)) {
        throw error(c == 0 ? "unexpected end of input, expected a value" : "unexpected '" + c + "', expected a value");
      }
      String word = ident();
      return switch (word) {
        case "true" -> new CandidSyntax.Bool(true, at);
        case "false" -> new CandidSyntax.Bool(false, at);
        case "null" -> new CandidSyntax.NullLit(at);
        case "nan", "NaN", "inf" -> new CandidSyntax.Num(word, at);
        case "opt" -> new CandidSyntax.Opt(val(), at);
        case "blob" -> {
          ws();
          yield new CandidSyntax.BlobLit(textBytes(), at);
        }
        case "principal", "service" -> {
          ws();
          int tp = pos;
          String t = new String(textBytes(), StandardCharsets.UTF_8);
          yield word.equals("principal") ? new CandidSyntax.PrincipalLit(t, tp) : new CandidSyntax.ServiceLit(t, tp);
        }
        case "func" -> {
          ws();
          int tp = pos;
          String t = new String(textBytes(), StandardCharsets.UTF_8);
          ws();
          expect('.');
          ws();
          String method = peek() == '"' ? utf8(textBytes(), tp) : ident();
          yield new CandidSyntax.FuncLit(t, method, tp);
        }
        case "vec" -> vec(at);
        case "record" -> record(at);
        case "variant" -> variant(at);
        default -> throw new CandidSyntaxException("unknown keyword '" + word + "' at position " + at, at);
      };
    } finally {
      depth--;
    }
  }

  private CandidSyntax.Node vec(int at) throws CandidSyntaxException {
    ws();
    expect('{');
    List<CandidSyntax.Node> elems = new ArrayList<>();
    ws();
    while (peek() != '}') {
      elems.add(annval());
      ws();
      separator(';', '}');
    }
    pos++;
    return new CandidSyntax.VecLit(elems, at);
  }

  private CandidSyntax.Node record(int at) throws CandidSyntaxException {
    ws();
    expect('{');
    List<CandidSyntax.FieldNode> fields = new ArrayList<>();
    long next = 0;
    ws();
    while (peek() != '}') {
      int fp = pos;
      IdlValue.Label label = tryLabel('=');
      if (label == null) {
        label = IdlValue.Label.id(next);
      }
      if (label.id() > 0xffff_ffffL) {
        throw new CandidSyntaxException("field id exceeds 32 bits at position " + fp, fp);
      }
      next = label.id() + 1;
      fields.add(new CandidSyntax.FieldNode(label, annval(), fp));
      ws();
      separator(';', '}');
    }
    pos++;
    return new CandidSyntax.RecordLit(fields, at);
  }

  private CandidSyntax.Node variant(int at) throws CandidSyntaxException {
    ws();
    expect('{');
    ws();
    int fp = pos;
    IdlValue.Label label = label();
    ws();
    CandidSyntax.Node v = null;
    if (peek() == '=') {
      pos++;
      v = annval();
      ws();
    }
    if (peek() == ';') {
      pos++;
      ws();
    }
    expect('}');
    return new CandidSyntax.VariantLit(label, v, fp);
  }

  /** A label followed by {@code sep}, consuming both; or nothing (returns null) if not there. */
  private IdlValue.Label tryLabel(char sep) throws CandidSyntaxException {
    int save = pos;
    char c = peek();
    if (c == '"' || isIdStart(c) || (c >= '0' && c <= '9')) {
      if (isIdStart(c)) {
        String w = ident();
        pos = save;
        if (!CandidText.isIdentifier(w)) {
          return null;
        }
      }
      try {
        IdlValue.Label l = label();
        ws();
        if (peek() == sep) {
          pos++;
          return l;
        }
      } catch (CandidSyntaxException e) {
        // not a label: the caller parses a value or type here
      }
    }
    pos = save;
    return null;
  }

  private IdlValue.Label label() throws CandidSyntaxException {
    int at = pos;
    char c = peek();
    if (c == '"') {
      String name = utf8(textBytes(), at);
      return IdlValue.Label.named(name);
    }
    if (c >= '0' && c <= '9') {
      int start = pos;
      while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
        pos++;
      }
      String digits = s.substring(start, pos).replace("_", "");
      try {
        long id = Long.parseLong(digits);
        if (id > 0xffff_ffffL) {
          throw new NumberFormatException();
        }
        return IdlValue.Label.id(id);
      } catch (NumberFormatException e) {
        throw new CandidSyntaxException("label " + digits + " exceeds 32 bits at position " + at, at);
      }
    }
    if (isIdStart(c)) {
      String w = ident();
      if (!CandidText.isIdentifier(w)) {
        throw new CandidSyntaxException("keyword '" + w + "' cannot be a label unquoted at position " + at, at);
      }
      return IdlValue.Label.named(w);
    }
    throw error("expected a label");
  }

  private CandidSyntax.Node number() throws CandidSyntaxException {
    int at = pos;
    StringBuilder sb = new StringBuilder();
    if (peek() == '-' || peek() == '+') {
      sb.append(s.charAt(pos++));
    }
    if (s.startsWith("inf", pos) || s.startsWith("nan", pos)) {
      sb.append(s, pos, pos + 3);
      pos += 3;
      return new CandidSyntax.Num(sb.toString(), at);
    }
    if (s.startsWith("0x", pos) || s.startsWith("0X", pos)) {
      pos += 2;
      sb.append("0x");
      int start = pos;
      while (pos < s.length() && (Character.digit(s.charAt(pos), 16) >= 0 || s.charAt(pos) == '_')) {
        sb.append(s.charAt(pos++));
      }
      if (pos == start) {
        throw error("expected hex digits");
      }
      return new CandidSyntax.Num(sb.toString(), at);
    }
    int digits = 0;
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (Character.isDigit(c) && c < 128) {
        digits++;
      } else if (c == '_' && digits > 0) {
        // separator
      } else if (c == '.' && (pos + 1 >= s.length() || s.charAt(pos + 1) != '.')) {
        // decimal point
      } else if ((c == 'e' || c == 'E') && digits > 0) {
        sb.append(c);
        pos++;
        if (peek() == '+' || peek() == '-') {
          sb.append(s.charAt(pos++));
        }
        continue;
      } else {
        break;
      }
      sb.append(c);
      pos++;
    }
    if (digits == 0) {
      throw new CandidSyntaxException("malformed number at position " + at, at);
    }
    return new CandidSyntax.Num(sb.toString(), at);
  }

  // ---------------------------------------------------------------- types

  private IdlType type() throws CandidSyntaxException {
    enter();
    try {
      ws();
      int at = pos;
      if (peek() == '(') {
        pos++;
        IdlType t = type();
        ws();
        expect(')');
        return t;
      }
      if (!isIdStart(peek())) {
        throw error("expected a type");
      }
      String w = ident();
      IdlType.Prim p = IdlType.Prim.ofKeyword(w);
      if (p != null) {
        return p;
      }
      return switch (w) {
        case "blob" -> IdlType.BLOB;
        case "opt" -> new IdlType.Opt(type());
        case "vec" -> new IdlType.Vec(type());
        case "record" -> new IdlType.Record(fieldTypes(false));
        case "variant" -> new IdlType.Variant(fieldTypes(true));
        case "func" -> funcType();
        case "service" -> {
          ws();
          if (peek() == ':') {
            pos++;
          }
          yield serviceType();
        }
        default -> throw new CandidSyntaxException("unknown type '" + w + "' at position " + at
            + " (named types are not supported here)", at);
      };
    } finally {
      depth--;
    }
  }

  private List<IdlType.Field> fieldTypes(boolean variant) throws CandidSyntaxException {
    ws();
    expect('{');
    List<IdlType.Field> fs = new ArrayList<>();
    long next = 0;
    ws();
    while (peek() != '}') {
      int fp = pos;
      IdlValue.Label l = tryLabel(':');
      IdlType t;
      if (l == null && variant) {
        l = label();
        t = IdlType.Prim.NULL;
      } else if (l == null) {
        l = IdlValue.Label.id(next);
        t = type();
      } else {
        t = type();
      }
      next = l.id() + 1;
      fs.add(new IdlType.Field(l.id(), l.name(), t));
      ws();
      separator(';', '}');
      if (fs.size() > 1 && containsId(fs, l.id())) {
        throw new CandidSyntaxException("duplicate field id " + l.id() + " at position " + fp, fp);
      }
    }
    pos++;
    return fs;
  }

  private static boolean containsId(List<IdlType.Field> fs, long id) {
    int n = 0;
    for (IdlType.Field f : fs) {
      n += f.id() == id ? 1 : 0;
    }
    return n > 1;
  }

  private IdlType.Func funcType() throws CandidSyntaxException {
    ws();
    List<IdlType> args = typeList();
    ws();
    if (!s.startsWith("->", pos)) {
      throw error("expected '->' in a function type");
    }
    pos += 2;
    ws();
    List<IdlType> rets = typeList();
    EnumSet<IdlType.FuncMode> modes = EnumSet.noneOf(IdlType.FuncMode.class);
    while (true) {
      int save = pos;
      ws();
      if (!isIdStart(peek())) {
        pos = save;
        break;
      }
      String w = ident();
      IdlType.FuncMode m = switch (w) {
        case "query" -> IdlType.FuncMode.QUERY;
        case "oneway" -> IdlType.FuncMode.ONEWAY;
        case "composite_query" -> IdlType.FuncMode.COMPOSITE_QUERY;
        default -> null;
      };
      if (m == null) {
        pos = save;
        break;
      }
      modes.add(m);
    }
    return new IdlType.Func(args, rets, modes);
  }

  private List<IdlType> typeList() throws CandidSyntaxException {
    expect('(');
    List<IdlType> ts = new ArrayList<>();
    ws();
    while (peek() != ')') {
      if (tryLabel(':') == null) {
        ws();
      }
      ts.add(type());
      ws();
      separator(',', ')');
    }
    pos++;
    return ts;
  }

  private IdlType.Service serviceType() throws CandidSyntaxException {
    ws();
    expect('{');
    List<IdlType.Method> ms = new ArrayList<>();
    ws();
    while (peek() != '}') {
      int at = pos;
      String name = peek() == '"' ? utf8(textBytes(), at) : ident();
      ws();
      expect(':');
      ws();
      IdlType t = peek() == '(' ? funcType() : type();
      if (!(t instanceof IdlType.Func)) {
        throw new CandidSyntaxException("method " + name + " must have a function type", at);
      }
      ms.add(new IdlType.Method(name, t));
      ws();
      separator(';', '}');
    }
    pos++;
    try {
      return new IdlType.Service(ms);
    } catch (IllegalArgumentException e) {
      throw new CandidSyntaxException(e.getMessage(), pos);
    }
  }

  // ---------------------------------------------------------------- lexing

  private void enter() throws CandidSyntaxException {
    if (++depth > MAX_DEPTH) {
      depth--;
      throw error("nested deeper than " + MAX_DEPTH);
    }
  }

  private void separator(char sep, char close) throws CandidSyntaxException {
    if (peek() == sep) {
      pos++;
      ws();
    } else if (peek() != close) {
      throw error("expected '" + sep + "' or '" + close + "'");
    }
  }

  private byte[] textBytes() throws CandidSyntaxException {
    int at = pos;
    expect('"');
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      if (pos >= s.length()) {
        throw new CandidSyntaxException("unterminated text literal starting at position " + at, at);
      }
      int cp = s.codePointAt(pos);
      if (cp == '"') {
        pos++;
        return out.toByteArray();
      }
      if (cp != '\\') {
        out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        pos += Character.charCount(cp);
        continue;
      }
      int esc = pos;
      pos++;
      char e = peek();
      pos++;
      switch (e) {
        case 'n' -> out.write('\n');
        case 'r' -> out.write('\r');
        case 't' -> out.write('\t');
        case '\\', '"', '\'' -> out.write(e);
        case 'u' -> {
          expect('{');
          int start = pos;
          while (pos < s.length() && (Character.digit(s.charAt(pos), 16) >= 0 || s.charAt(pos) == '_')) {
            pos++;
          }
          String hex = s.substring(start, pos).replace("_", "");
          expect('}');
          int v;
          try {
            v = hex.isEmpty() || hex.length() > 6 ? -1 : Integer.parseInt(hex, 16);
          } catch (NumberFormatException ex) {
            v = -1;
          }
          if (v < 0 || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) {
            throw new CandidSyntaxException("invalid unicode escape at position " + esc, esc);
          }
          out.writeBytes(new String(Character.toChars(v)).getBytes(StandardCharsets.UTF_8));
        }
        default -> {
          int hi = Character.digit(e, 16);
          int lo = pos < s.length() ? Character.digit(s.charAt(pos), 16) : -1;
          if (hi < 0 || lo < 0) {
            throw new CandidSyntaxException("invalid escape at position " + esc, esc);
          }
          pos++;
          out.write(hi * 16 + lo);
        }
      }
    }
  }

  static String utf8(byte[] bytes, int at) throws CandidSyntaxException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new CandidSyntaxException("text literal at position " + at + " is not valid UTF-8", at);
    }
  }

  private String ident() throws CandidSyntaxException {
    int start = pos;
    if (!isIdStart(peek())) {
      throw error("expected an identifier");
    }
    while (pos < s.length() && (isIdStart(s.charAt(pos)) || (s.charAt(pos) >= '0' && s.charAt(pos) <= '9'))) {
      pos++;
    }
    return s.substring(start, pos);
  }

  private static boolean isIdStart(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private void ws() throws CandidSyntaxException {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else if (s.startsWith("//", pos)) {
        while (pos < s.length() && s.charAt(pos) != '\n') {
          pos++;
        }
      } else if (s.startsWith("/*", pos)) {
        int end = s.indexOf("*/", pos + 2);
        if (end < 0) {
          throw error("unterminated comment");
        }
        pos = end + 2;
      } else {
        return;
      }
    }
  }

  private char peek() {
    return pos < s.length() ? s.charAt(pos) : 0;
  }

  private void expect(char c) throws CandidSyntaxException {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private void end() throws CandidSyntaxException {
    ws();
    if (pos < s.length()) {
      throw error("unexpected trailing input");
    }
  }

  private CandidSyntaxException error(String what) {
    return CandidSyntax.error(what, s, pos);
  }
}
