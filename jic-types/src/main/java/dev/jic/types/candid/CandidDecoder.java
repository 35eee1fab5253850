package dev.jic.types.candid;

import dev.jic.types.encoding.ByteReader;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.id.PrincipalId;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Parses a Candid message into its wire types and the values at those types (the first half of
 * the spec's "Deserialisation"; {@link Coercion} does the second). Every malformation is a
 * {@link DecodeException} naming the offset: bad magic, truncation, trailing bytes, LEB128 beyond
 * 64 bits where a count or id is read, out-of-range type references, primitive opcodes in the
 * table, unsorted or duplicate field ids or method names, service methods that are not
 * functions, bad annotations, invalid UTF-8, bad bool/opt/reference tags, values of type
 * {@code empty}, nesting beyond {@link DecodeLimits#maxDepth()} and work beyond the value budget.
 * In the binary format every type-table cycle passes through a type constructor, so definitions
 * like {@code type t = t} cannot be expressed; uninhabited types such as
 * {@code type t = record { t }} fail when a value is read, by the depth bound.
 */
final class CandidDecoder {
  private final ByteReader in;
  private final DecodeLimits limits;
  private long budget;

  private CandidDecoder(byte[] bytes, DecodeLimits limits) {
    this.in = new ByteReader(bytes);
    this.limits = limits;
    this.budget = limits.budgetFor(bytes.length);
  }

  static DecodedArgs decode(byte[] bytes, DecodeLimits limits) throws DecodeException {
    if (bytes == null) {
      throw new DecodeException("no bytes");
    }
    CandidDecoder d = new CandidDecoder(bytes, limits);
    try {
      return d.message();
    } catch (StackOverflowError e) {
      // Defence in depth: the depth bound should prevent this on normal stacks.
      throw new DecodeException("Candid value nested too deeply for the thread stack");
    }
  }

  private DecodedArgs message() throws DecodeException {
    byte[] magic = in.readBytes(4);
    if (magic[0] != 'D' || magic[1] != 'I' || magic[2] != 'D' || magic[3] != 'L') {
      throw new DecodeException("not a Candid message: bad magic (expected DIDL)");
    }
    IdlType.Rec[] table = typeTable();
    long argc = count("argument count");
    List<IdlType> types = new ArrayList<>();
    for (long i = 0; i < argc; i++) {
      types.add(typeRef(table));
    }
    List<IdlValue> values = new ArrayList<>();
    for (IdlType t : types) {
      values.add(value(t, 0));
    }
    if (!in.atEnd()) {
      throw new DecodeException(in.remaining() + " trailing bytes after the last value at offset " + in.position());
    }
    return new DecodedArgs(types, values);
  }

  // ---------------------------------------------------------------- type table

  private IdlType.Rec[] typeTable() throws DecodeException {
    int n = (int) count("type table length");
    IdlType.Rec[] table = new IdlType.Rec[n];
    for (int i = 0; i < n; i++) {
      table[i] = new IdlType.Rec("table" + i);
    }
    for (int i = 0; i < n; i++) {
      int at = in.position();
      long op = in.readSleb64();
      IdlType body = switch ((int) Math.max(Integer.MIN_VALUE, Math.min(0, op))) {
        case -18 -> new IdlType.Opt(typeRef(table));
        case -19 -> new IdlType.Vec(typeRef(table));
        case -20 -> new IdlType.Record(fields(table));
        case -21 -> new IdlType.Variant(fields(table));
        case -22 -> func(table);
        case -23 -> service(table);
        default -> {
          if (op >= -24) {
            throw new DecodeException("type table entry " + i + " at offset " + at + " has opcode " + op
                + ", which is not a type constructor");
          }
          long len = count("future type length");
          in.readBytes(len);
          table[i].futureOpcode = op;
          yield IdlType.Prim.RESERVED;
        }
      };
      table[i].define(body);
    }
    for (IdlType.Rec r : table) {
      if (r.body() instanceof IdlType.Service s) {
        for (IdlType.Method m : s.methods()) {
          if (!(IdlType.resolve(m.type()) instanceof IdlType.Func) || isFuture(m.type())) {
            throw new DecodeException("method " + m.name() + " of " + r.name() + " is not a function type");
          }
        }
      }
    }
    return table;
  }

  private static boolean isFuture(IdlType t) {
    return t instanceof IdlType.Rec r && r.futureOpcode != 0;
  }

  private IdlType typeRef(IdlType.Rec[] table) throws DecodeException {
    int at = in.position();
    long ref = in.readSleb64();
    if (ref >= 0) {
      if (ref >= table.length) {
        throw new DecodeException("type reference " + ref + " at offset " + at + " is outside the table of "
            + table.length);
      }
      return table[(int) ref];
    }
    IdlType.Prim p = IdlType.Prim.ofOpcode(ref);
    if (p == null) {
      throw new DecodeException("type reference " + ref + " at offset " + at + " is not a primitive type");
    }
    return p;
  }

  private List<IdlType.Field> fields(IdlType.Rec[] table) throws DecodeException {
    long n = count("field count");
    List<IdlType.Field> fs = new ArrayList<>();
    long prev = -1;
    for (long i = 0; i < n; i++) {
      int at = in.position();
      long id = in.readUleb64();
      if (id < 0 || id > 0xffff_ffffL) {
        throw new DecodeException("field id at offset " + at + " exceeds 32 bits");
      }
      if (id <= prev) {
        throw new DecodeException("field ids not strictly increasing at offset " + at + " (" + id + " after " + prev + ")");
      }
      prev = id;
      fs.add(IdlType.Field.id(id, typeRef(table)));
    }
    return fs;
  }

  private IdlType.Func func(IdlType.Rec[] table) throws DecodeException {
    List<IdlType> args = refList(table, "function argument count");
    List<IdlType> rets = refList(table, "function result count");
    long n = count("annotation count");
    EnumSet<IdlType.FuncMode> modes = EnumSet.noneOf(IdlType.FuncMode.class);
    for (long i = 0; i < n; i++) {
      int at = in.position();
      IdlType.FuncMode m = IdlType.FuncMode.ofCode(in.readU8());
      if (m == null || !modes.add(m)) {
        throw new DecodeException("unknown or repeated function annotation at offset " + at);
      }
    }
    return new IdlType.Func(args, rets, modes);
  }

  private List<IdlType> refList(IdlType.Rec[] table, String what) throws DecodeException {
    long n = count(what);
    List<IdlType> ts = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      ts.add(typeRef(table));
    }
    return ts;
  }

  private IdlType.Service service(IdlType.Rec[] table) throws DecodeException {
    long n = count("method count");
    List<IdlType.Method> ms = new ArrayList<>();
    byte[] prev = null;
    for (long i = 0; i < n; i++) {
      int at = in.position();
      byte[] name = in.readBytes(count("method name length"));
      if (prev != null && java.util.Arrays.compareUnsigned(prev, name) >= 0) {
        throw new DecodeException("method names not strictly increasing at offset " + at);
      }
      prev = name;
      ms.add(new IdlType.Method(utf8(name, at), typeRef(table)));
    }
    return new IdlType.Service(ms);
  }

  /** A LEB128 count that cannot exceed the bytes left (each counted item takes at least one). */
  private long count(String what) throws DecodeException {
    int at = in.position();
    long n = in.readUleb64();
    if (n < 0 || n > in.remaining()) {
      throw new DecodeException(what + " " + Long.toUnsignedString(n) + " at offset " + at + " exceeds the "
          + in.remaining() + " remaining bytes");
    }
    return n;
  }

  // ---------------------------------------------------------------- values

  private void charge(long units) throws DecodeException {
    budget -= units;
    if (budget < 0) {
      throw new DecodeException("decoding work exceeds the budget at offset " + in.position()
          + " (too many values; see DecodeLimits)");
    }
  }

  private IdlValue value(IdlType type, int depth) throws DecodeException {
    if (depth > limits.maxDepth()) {
      throw new DecodeException("value nested deeper than " + limits.maxDepth() + " at offset " + in.position());
    }
    charge(1);
    if (isFuture(type)) {
      long m = in.readUleb64();
      long refs = in.readUleb64();
      if (refs != 0) {
        throw new DecodeException("future value with references is not supported at offset " + in.position());
      }
      in.readBytes(m);
      return IdlValue.RESERVED;
    }
    IdlType t = IdlType.resolve(type);
    return switch (t) {
      case IdlType.Prim p -> prim(p);
      case IdlType.Opt o -> {
        int at = in.position();
        int tag = in.readU8();
        if (tag == 0) {
          yield IdlValue.NONE;
        } else if (tag == 1) {
          yield IdlValue.Opt.some(value(o.inner(), depth + 1));
        }
        throw new DecodeException("opt tag " + tag + " at offset " + at + " is neither 0 nor 1");
      }
      case IdlType.Vec v -> vec(v, depth);
      case IdlType.Record r -> {
        List<IdlValue.FieldValue> fs = new ArrayList<>(r.fields().size());
        for (IdlType.Field f : r.fields()) {
          fs.add(new IdlValue.FieldValue(IdlValue.Label.id(f.id()), value(f.type(), depth + 1)));
        }
        yield new IdlValue.Record(fs);
      }
      case IdlType.Variant v -> {
        int at = in.position();
        long idx = in.readUleb64();
        if (idx < 0 || idx >= v.fields().size()) {
          throw new DecodeException("variant index " + Long.toUnsignedString(idx) + " at offset " + at
              + " is outside the " + v.fields().size() + " cases");
        }
        IdlType.Field f = v.fields().get((int) idx);
        yield new IdlValue.Variant(IdlValue.Label.id(f.id()), value(f.type(), depth + 1));
      }
      case IdlType.Func f -> {
        reference("func");
        reference("service");
        PrincipalId service = principalBody();
        String method = text();
        yield new IdlValue.Func(service, method);
      }
      case IdlType.Service s -> {
        reference("service");
        yield new IdlValue.Service(principalBody());
      }
      case IdlType.Rec r -> throw new IllegalStateException("unresolved " + r);
    };
  }

  private IdlValue vec(IdlType.Vec v, int depth) throws DecodeException {
    int at = in.position();
    long n = in.readUleb64();
    IdlType elem = IdlType.resolve(v.element());
    if (elem == IdlType.Prim.NAT8 && !isFuture(v.element())) {
      if (n < 0 || n > in.remaining()) {
        throw new DecodeException("blob length " + Long.toUnsignedString(n) + " at offset " + at + " exceeds the "
            + in.remaining() + " remaining bytes");
      }
      return new IdlValue.Blob(in.readBytes(n));
    }
    if (n < 0 || (n > in.remaining() && !(elem instanceof IdlType.Prim p && isZeroSized(p)) && !(elem instanceof IdlType.Record))) {
      throw new DecodeException("vector length " + Long.toUnsignedString(n) + " at offset " + at + " exceeds the "
          + in.remaining() + " remaining bytes");
    }
    charge(n);
    List<IdlValue> out = new ArrayList<>((int) Math.min(n, 1024));
    for (long i = 0; i < n; i++) {
      out.add(value(v.element(), depth + 1));
    }
    return new IdlValue.Vec(out);
  }

  private static boolean isZeroSized(IdlType.Prim p) {
    return p == IdlType.Prim.NULL || p == IdlType.Prim.RESERVED || p == IdlType.Prim.EMPTY;
  }

  private void reference(String what) throws DecodeException {
    int at = in.position();
    int tag = in.readU8();
    if (tag == 0) {
      throw new DecodeException("opaque " + what + " reference at offset " + at + " is not supported");
    }
    if (tag != 1) {
      throw new DecodeException(what + " reference tag " + tag + " at offset " + at + " is neither 0 nor 1");
    }
  }

  private PrincipalId principalBody() throws DecodeException {
    int at = in.position();
    long len = in.readUleb64();
    if (len < 0 || len > PrincipalId.MAX_LENGTH) {
      throw new DecodeException("principal length " + Long.toUnsignedString(len) + " at offset " + at + " exceeds 29");
    }
    return PrincipalId.of(in.readBytes(len));
  }

  private IdlValue prim(IdlType.Prim p) throws DecodeException {
    return switch (p) {
      case NULL -> IdlValue.NULL;
      case RESERVED -> IdlValue.RESERVED;
      case EMPTY -> throw new DecodeException("a value of type empty cannot exist (offset " + in.position() + ")");
      case BOOL -> {
        int at = in.position();
        int b = in.readU8();
        if (b > 1) {
          throw new DecodeException("bool byte " + b + " at offset " + at + " is neither 0 nor 1");
        }
        yield new IdlValue.Bool(b == 1);
      }
      case NAT -> new IdlValue.Nat(leb(false));
      case INT -> new IdlValue.Int(leb(true));
      case NAT8 -> new IdlValue.Nat8(in.readLittleEndian(1));
      case NAT16 -> new IdlValue.Nat16(in.readLittleEndian(2));
      case NAT32 -> new IdlValue.Nat32(in.readLittleEndian(4));
      case NAT64 -> new IdlValue.Nat64(in.readLittleEndian(8));
      case INT8 -> new IdlValue.Int8((byte) in.readLittleEndian(1));
      case INT16 -> new IdlValue.Int16((short) in.readLittleEndian(2));
      case INT32 -> new IdlValue.Int32((int) in.readLittleEndian(4));
      case INT64 -> new IdlValue.Int64(in.readLittleEndian(8));
      case FLOAT32 -> new IdlValue.Float32(Float.intBitsToFloat((int) in.readLittleEndian(4)));
      case FLOAT64 -> new IdlValue.Float64(Double.longBitsToDouble(in.readLittleEndian(8)));
      case TEXT -> new IdlValue.Text(text());
      case PRINCIPAL -> {
        reference("principal");
        yield new IdlValue.Principal(principalBody());
      }
    };
  }

  private String text() throws DecodeException {
    int at = in.position();
    long len = in.readUleb64();
    if (len < 0 || len > in.remaining()) {
      throw new DecodeException("text length " + Long.toUnsignedString(len) + " at offset " + at + " exceeds the "
          + in.remaining() + " remaining bytes");
    }
    return utf8(in.readBytes(len), at);
  }

  private static String utf8(byte[] bytes, int at) throws DecodeException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new DecodeException("invalid UTF-8 in text at offset " + at);
    }
  }

  /**
   * An unbounded (S)LEB128 number in time linear in its length (the bytes it may take are bounded
   * by the message).
   */
  private BigInteger leb(boolean signed) throws DecodeException {
    int start = in.position();
    byte[] groups = new byte[16];
    int n = 0;
    while (true) {
      int b = in.readU8();
      if (n == groups.length) {
        groups = java.util.Arrays.copyOf(groups, n * 2);
      }
      groups[n++] = (byte) (b & 0x7f);
      if ((b & 0x80) == 0) {
        break;
      }
    }
    if (n <= 9) {
      long v = 0;
      for (int i = n - 1; i >= 0; i--) {
        v = (v << 7) | groups[i];
      }
      if (signed && (groups[n - 1] & 0x40) != 0) {
        v -= 1L << (7 * n);
      }
      return BigInteger.valueOf(v);
    }
    // pack 7-bit groups into a little-endian bit string, then into a big-endian magnitude
    int bits = 7 * n;
    byte[] be = new byte[(bits + 7) / 8 + 1];
    for (int i = 0; i < n; i++) {
      int g = groups[i];
      for (int k = 0; k < 7; k++) {
        if ((g & (1 << k)) != 0) {
          int bit = 7 * i + k;
          be[be.length - 1 - bit / 8] |= (byte) (1 << (bit % 8));
        }
      }
    }
    BigInteger v = new BigInteger(1, be);
    if (signed && (groups[n - 1] & 0x40) != 0) {
      v = v.subtract(BigInteger.ONE.shiftLeft(bits));
    }
    if (in.position() - start != n) {
      throw new IllegalStateException("leb length mismatch");
    }
    return v;
  }
}
