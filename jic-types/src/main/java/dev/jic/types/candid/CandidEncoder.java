package dev.jic.types.candid;

import dev.jic.types.encoding.Leb128;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serialises argument lists (Candid spec, "Parameters and Results"). The type table is minimal:
 * only composite types, each structurally distinct type once, in post-order (children before
 * parents, as agent-js does), except that a {@link IdlType.Rec} reserves its slot before its
 * body so that it can refer to itself. A value that does not match its type is a caller bug and
 * throws {@link IllegalArgumentException} naming the path.
 */
final class CandidEncoder {
  private final List<byte[]> table = new ArrayList<>();
  private final Map<IdlType, Integer> index = new HashMap<>();
  private final Map<IdlType.Rec, Integer> recIndex = new IdentityHashMap<>();
  private final ByteArrayOutputStream values = new ByteArrayOutputStream();

  static byte[] encode(List<IdlType> types, List<IdlValue> vals) {
    if (types.size() != vals.size()) {
      throw new IllegalArgumentException(types.size() + " types but " + vals.size() + " values");
    }
    CandidEncoder e = new CandidEncoder();
    int[] argRefs = new int[types.size()];
    for (int i = 0; i < types.size(); i++) {
      argRefs[i] = e.typeRef(types.get(i));
    }
    for (int i = 0; i < types.size(); i++) {
      e.value(types.get(i), vals.get(i), "arg " + i, 0);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {'D', 'I', 'D', 'L'});
    out.writeBytes(Leb128.encodeUnsigned(e.table.size()));
    for (byte[] entry : e.table) {
      out.writeBytes(entry);
    }
    out.writeBytes(Leb128.encodeUnsigned(argRefs.length));
    for (int r : argRefs) {
      out.writeBytes(Leb128.encodeSigned(r));
    }
    out.writeBytes(e.values.toByteArray());
    return out.toByteArray();
  }

  // ---------------------------------------------------------------- type table

  private int typeRef(IdlType t) {
    if (t instanceof IdlType.Prim p) {
      return p.opcode();
    }
    if (t instanceof IdlType.Rec r) {
      Integer known = recIndex.get(r);
      if (known != null) {
        return known;
      }
      IdlType body = r.body();
      if (body instanceof IdlType.Prim p) {
        return p.opcode();
      }
      if (body instanceof IdlType.Rec) {
        int i = typeRef(body);
        recIndex.put(r, i);
        return i;
      }
      Integer shared = index.get(body);
      if (shared != null) {
        recIndex.put(r, shared);
        return shared;
      }
      int slot = table.size();
      table.add(null);
      recIndex.put(r, slot);
      table.set(slot, entry(body));
      index.putIfAbsent(body, slot);
      return slot;
    }
    Integer known = index.get(t);
    if (known != null) {
      return known;
    }
    byte[] bytes = entry(t);
    // a child may have added an equal type meanwhile only through a Rec; re-check.
    known = index.get(t);
    if (known != null) {
      return known;
    }
    int slot = table.size();
    table.add(bytes);
    index.put(t, slot);
    return slot;
  }

  private byte[] entry(IdlType t) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    switch (t) {
      case IdlType.Opt o -> {
        int c = typeRef(o.inner());
        b.writeBytes(Leb128.encodeSigned(-18));
        b.writeBytes(Leb128.encodeSigned(c));
      }
      case IdlType.Vec v -> {
        int c = typeRef(v.element());
        b.writeBytes(Leb128.encodeSigned(-19));
        b.writeBytes(Leb128.encodeSigned(c));
      }
      case IdlType.Record r -> fields(b, -20, r.fields());
      case IdlType.Variant v -> fields(b, -21, v.fields());
      case IdlType.Func f -> {
        int[] a = refs(f.args());
        int[] r = refs(f.rets());
        b.writeBytes(Leb128.encodeSigned(-22));
        writeRefs(b, a);
        writeRefs(b, r);
        b.writeBytes(Leb128.encodeUnsigned(f.modes().size()));
        for (IdlType.FuncMode m : f.modes()) {
          b.write(m.code());
        }
      }
      case IdlType.Service s -> {
        int[] r = new int[s.methods().size()];
        for (int i = 0; i < r.length; i++) {
          if (!(IdlType.resolve(s.methods().get(i).type()) instanceof IdlType.Func)) {
            throw new IllegalArgumentException("service method " + s.methods().get(i).name() + " is not a function type");
          }
          r[i] = typeRef(s.methods().get(i).type());
        }
        b.writeBytes(Leb128.encodeSigned(-23));
        b.writeBytes(Leb128.encodeUnsigned(r.length));
        for (int i = 0; i < r.length; i++) {
          byte[] name = s.methods().get(i).name().getBytes(StandardCharsets.UTF_8);
          b.writeBytes(Leb128.encodeUnsigned(name.length));
          b.writeBytes(name);
          b.writeBytes(Leb128.encodeSigned(r[i]));
        }
      }
      case IdlType.Prim p -> throw new IllegalStateException("primitive " + p + " has no table entry");
      case IdlType.Rec r -> throw new IllegalStateException("unresolved " + r);
    }
    return b.toByteArray();
  }

  private void fields(ByteArrayOutputStream b, int opcode, List<IdlType.Field> fs) {
    int[] r = new int[fs.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = typeRef(fs.get(i).type());
    }
    b.writeBytes(Leb128.encodeSigned(opcode));
    b.writeBytes(Leb128.encodeUnsigned(fs.size()));
    for (int i = 0; i < r.length; i++) {
      b.writeBytes(Leb128.encodeUnsigned(fs.get(i).id()));
      b.writeBytes(Leb128.encodeSigned(r[i]));
    }
  }

  private int[] refs(List<IdlType> ts) {
    int[] r = new int[ts.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = typeRef(ts.get(i));
    }
    return r;
  }

  private static void writeRefs(ByteArrayOutputStream b, int[] refs) {
    b.writeBytes(Leb128.encodeUnsigned(refs.length));
    for (int r : refs) {
      b.writeBytes(Leb128.encodeSigned(r));
    }
  }

  // ---------------------------------------------------------------- values

  private void value(IdlType type, IdlValue v, String path, int depth) {
    if (depth > Candid.MAX_DEPTH) {
      throw new IllegalArgumentException("value nested deeper than " + Candid.MAX_DEPTH + " at " + path);
    }
    IdlType t = IdlType.resolve(type);
    switch (t) {
      case IdlType.Prim p -> prim(p, v, path);
      case IdlType.Opt o -> {
        if (v instanceof IdlValue.Opt opt) {
          if (opt.value().isEmpty()) {
            values.write(0);
          } else {
            values.write(1);
            value(o.inner(), opt.value().get(), path + "/opt", depth + 1);
          }
        } else {
          throw mismatch(t, v, path);
        }
      }
      case IdlType.Vec vt -> {
        if (v instanceof IdlValue.Blob blob && IdlType.resolve(vt.element()) == IdlType.Prim.NAT8) {
          byte[] bytes = blob.bytes();
          values.writeBytes(Leb128.encodeUnsigned(bytes.length));
          values.writeBytes(bytes);
        } else if (v instanceof IdlValue.Blob blob) {
          values.writeBytes(Leb128.encodeUnsigned(blob.length()));
          for (int i = 0; i < blob.length(); i++) {
            value(vt.element(), new IdlValue.Nat8(blob.byteAt(i)), path + "[" + i + "]", depth + 1);
          }
        } else if (v instanceof IdlValue.Vec vec) {
          values.writeBytes(Leb128.encodeUnsigned(vec.values().size()));
          int i = 0;
          for (IdlValue e : vec.values()) {
            value(vt.element(), e, path + "[" + i++ + "]", depth + 1);
          }
        } else {
          throw mismatch(t, v, path);
        }
      }
      case IdlType.Record rt -> {
        if (!(v instanceof IdlValue.Record rv) || rv.fields().size() != rt.fields().size()) {
          throw mismatch(t, v, path);
        }
        for (int i = 0; i < rt.fields().size(); i++) {
          IdlType.Field f = rt.fields().get(i);
          IdlValue.FieldValue fv = rv.fields().get(i);
          if (fv.label().id() != f.id()) {
            throw new IllegalArgumentException("record field " + fv.label().id() + " is not in the type at " + path
                + " (expected field " + f.id() + ")");
          }
          value(f.type(), fv.value(), path + "." + label(f), depth + 1);
        }
      }
      case IdlType.Variant vt -> {
        if (!(v instanceof IdlValue.Variant vv)) {
          throw mismatch(t, v, path);
        }
        int idx = vt.indexOf(vv.label().id());
        if (idx < 0) {
          throw new IllegalArgumentException("variant tag " + vv.label().id() + " is not in the type at " + path);
        }
        values.writeBytes(Leb128.encodeUnsigned(idx));
        IdlType.Field f = vt.fields().get(idx);
        value(f.type(), vv.value(), path + "." + label(f), depth + 1);
      }
      case IdlType.Func ft -> {
        if (!(v instanceof IdlValue.Func fv)) {
          throw mismatch(t, v, path);
        }
        values.write(1);
        principal(fv.service().toBytes());
        text(fv.method(), path);
      }
      case IdlType.Service st -> {
        if (!(v instanceof IdlValue.Service sv)) {
          throw mismatch(t, v, path);
        }
        principal(sv.id().toBytes());
      }
      case IdlType.Rec r -> throw new IllegalStateException("unresolved " + r);
    }
  }

  private void prim(IdlType.Prim p, IdlValue v, String path) {
    switch (p) {
      case NULL -> expect(v instanceof IdlValue.Null, p, v, path);
      case RESERVED -> { /* any value is accepted at reserved and written as nothing */ }
      case EMPTY -> throw new IllegalArgumentException("type empty has no values, at " + path);
      case BOOL -> {
        expect(v instanceof IdlValue.Bool, p, v, path);
        values.write(((IdlValue.Bool) v).value() ? 1 : 0);
      }
      case NAT -> {
        expect(v instanceof IdlValue.Nat, p, v, path);
        values.writeBytes(leb(((IdlValue.Nat) v).value(), false));
      }
      case INT -> {
        BigInteger x = v instanceof IdlValue.Int i ? i.value() : v instanceof IdlValue.Nat n ? n.value() : null;
        expect(x != null, p, v, path);
        values.writeBytes(leb(x, true));
      }
      case NAT8 -> fixed(v instanceof IdlValue.Nat8 x ? x.value() : bad(p, v, path), 1);
      case NAT16 -> fixed(v instanceof IdlValue.Nat16 x ? x.value() : bad(p, v, path), 2);
      case NAT32 -> fixed(v instanceof IdlValue.Nat32 x ? x.value() : bad(p, v, path), 4);
      case NAT64 -> fixed(v instanceof IdlValue.Nat64 x ? x.value() : bad(p, v, path), 8);
      case INT8 -> fixed(v instanceof IdlValue.Int8 x ? x.value() : bad(p, v, path), 1);
      case INT16 -> fixed(v instanceof IdlValue.Int16 x ? x.value() : bad(p, v, path), 2);
      case INT32 -> fixed(v instanceof IdlValue.Int32 x ? x.value() : bad(p, v, path), 4);
      case INT64 -> fixed(v instanceof IdlValue.Int64 x ? x.value() : bad(p, v, path), 8);
      case FLOAT32 -> fixed(v instanceof IdlValue.Float32 x ? Float.floatToRawIntBits(x.value()) : bad(p, v, path), 4);
      case FLOAT64 -> fixed(v instanceof IdlValue.Float64 x ? Double.doubleToRawLongBits(x.value()) : bad(p, v, path), 8);
      case TEXT -> {
        expect(v instanceof IdlValue.Text, p, v, path);
        text(((IdlValue.Text) v).value(), path);
      }
      case PRINCIPAL -> {
        expect(v instanceof IdlValue.Principal, p, v, path);
        principal(((IdlValue.Principal) v).id().toBytes());
      }
    }
  }

  static byte[] leb(BigInteger v, boolean signed) {
    return signed ? Leb128.encodeSigned(v) : Leb128.encodeUnsigned(v);
  }

  private void fixed(long bits, int n) {
    for (int i = 0; i < n; i++) {
      values.write((int) (bits >>> (8 * i)));
    }
  }

  private void principal(byte[] bytes) {
    values.write(1);
    values.writeBytes(Leb128.encodeUnsigned(bytes.length));
    values.writeBytes(bytes);
  }

  private void text(String s, String path) {
    byte[] utf8;
    try {
      ByteBuffer bb = StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(java.nio.CharBuffer.wrap(s));
      utf8 = new byte[bb.remaining()];
      bb.get(utf8);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("text is not valid Unicode (lone surrogate) at " + path, e);
    }
    values.writeBytes(Leb128.encodeUnsigned(utf8.length));
    values.writeBytes(utf8);
  }

  private static String label(IdlType.Field f) {
    return f.name() != null ? f.name() : Long.toString(f.id());
  }

  private static long bad(IdlType.Prim p, IdlValue v, String path) {
    throw mismatch(p, v, path);
  }

  private static void expect(boolean ok, IdlType.Prim p, IdlValue v, String path) {
    if (!ok) {
      throw mismatch(p, v, path);
    }
  }

  private static IllegalArgumentException mismatch(IdlType t, IdlValue v, String path) {
    return new IllegalArgumentException("value " + v.getClass().getSimpleName() + " does not match type "
        + CandidText.renderType(t) + " at " + path);
  }
}
