package dev.jic.types.candid;

import dev.jic.types.id.PrincipalId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Seeded random Candid types and values for the property tests. */
final class CandidGen {
  private final Random rnd;

  CandidGen(long seed) {
    this.rnd = new Random(seed);
  }

  List<IdlType> types() {
    int n = rnd.nextInt(4);
    List<IdlType> ts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ts.add(type(0));
    }
    return ts;
  }

  List<IdlValue> values(List<IdlType> ts) {
    List<IdlValue> vs = new ArrayList<>();
    for (IdlType t : ts) {
      vs.add(value(t, 0));
    }
    return vs;
  }

  private static final IdlType.Prim[] PRIMS = {
    IdlType.Prim.NULL, IdlType.Prim.BOOL, IdlType.Prim.NAT, IdlType.Prim.INT, IdlType.Prim.NAT8, IdlType.Prim.NAT16,
    IdlType.Prim.NAT32, IdlType.Prim.NAT64, IdlType.Prim.INT8, IdlType.Prim.INT16, IdlType.Prim.INT32, IdlType.Prim.INT64,
    IdlType.Prim.FLOAT32, IdlType.Prim.FLOAT64, IdlType.Prim.TEXT, IdlType.Prim.RESERVED, IdlType.Prim.PRINCIPAL,
  };

  IdlType type(int depth) {
    if (depth >= 4 || rnd.nextInt(10) < 4) {
      return PRIMS[rnd.nextInt(PRIMS.length)];
    }
    return switch (rnd.nextInt(10)) {
      case 0 -> IdlType.opt(type(depth + 1));
      case 1 -> IdlType.vec(type(depth + 1));
      case 2 -> IdlType.BLOB;
      case 3 -> new IdlType.Record(fields(depth, false));
      case 4 -> new IdlType.Variant(fields(depth, true));
      case 5 -> {
        IdlType[] ts = new IdlType[rnd.nextInt(4)];
        for (int i = 0; i < ts.length; i++) {
          ts[i] = type(depth + 1);
        }
        yield IdlType.Record.tuple(ts);
      }
      case 6 -> func();
      case 7 -> new IdlType.Service(List.of(new IdlType.Method("b", func()), new IdlType.Method("a", func())));
      default -> {
        IdlType.Rec list = new IdlType.Rec("list" + depth);
        list.define(IdlType.opt(IdlType.record(IdlType.Field.named("head", type(depth + 1)), IdlType.Field.named("tail", list))));
        yield list;
      }
    };
  }

  private IdlType.Func func() {
    return new IdlType.Func(List.of(PRIMS[rnd.nextInt(PRIMS.length)]), List.of(), rnd.nextBoolean() ? Set.of(IdlType.FuncMode.QUERY) : Set.of());
  }

  private List<IdlType.Field> fields(int depth, boolean variant) {
    int n = variant ? 1 + rnd.nextInt(4) : rnd.nextInt(5);
    List<IdlType.Field> fs = new ArrayList<>();
    java.util.Set<Long> ids = new java.util.HashSet<>();
    for (int i = 0; i < n; i++) {
      IdlType t = type(depth + 1);
      IdlType.Field f = rnd.nextBoolean()
          ? IdlType.Field.named("f" + rnd.nextInt(100), t)
          : IdlType.Field.id(rnd.nextInt(3) == 0 ? 0xffff_ffffL - rnd.nextInt(3) : rnd.nextInt(20), t);
      if (ids.add(f.id())) {
        fs.add(f);
      }
    }
    return fs;
  }

  IdlValue value(IdlType type, int depth) {
    return switch (type) {
      case IdlType.Prim p -> prim(p);
      case IdlType.Rec r -> {
        // bound recursive lists to a few elements
        IdlType.Opt o = (IdlType.Opt) r.body();
        if (depth > 8 || rnd.nextInt(3) == 0) {
          yield IdlValue.NONE;
        }
        IdlType.Record rec = (IdlType.Record) o.inner();
        IdlType.Field head = rec.fields().get(rec.fields().get(0).name().equals("head") ? 0 : 1);
        yield IdlValue.Opt.some(IdlValue.record("head", value(head.type(), depth + 1), "tail", value(r, depth + 1)));
      }
      case IdlType.Opt o -> rnd.nextInt(3) == 0 ? IdlValue.NONE : IdlValue.Opt.some(value(o.inner(), depth + 1));
      case IdlType.Vec v -> {
        if (IdlType.resolve(v.element()) == IdlType.Prim.NAT8) {
          byte[] b = new byte[rnd.nextInt(6)];
          rnd.nextBytes(b);
          yield new IdlValue.Blob(b);
        }
        int n = rnd.nextInt(4);
        List<IdlValue> vs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          vs.add(value(v.element(), depth + 1));
        }
        yield new IdlValue.Vec(vs);
      }
      case IdlType.Record r -> {
        List<IdlValue.FieldValue> fs = new ArrayList<>();
        for (IdlType.Field f : r.fields()) {
          fs.add(new IdlValue.FieldValue(new IdlValue.Label(f.id(), f.name()), value(f.type(), depth + 1)));
        }
        yield new IdlValue.Record(fs);
      }
      case IdlType.Variant v -> {
        IdlType.Field f = v.fields().get(rnd.nextInt(v.fields().size()));
        yield new IdlValue.Variant(new IdlValue.Label(f.id(), f.name()), value(f.type(), depth + 1));
      }
      case IdlType.Func f -> new IdlValue.Func(principal(), rnd.nextBoolean() ? "go" : "with space");
      case IdlType.Service s -> new IdlValue.Service(principal());
    };
  }

  private PrincipalId principal() {
    byte[] b = new byte[rnd.nextInt(30)];
    rnd.nextBytes(b);
    return PrincipalId.of(b);
  }

  private IdlValue prim(IdlType.Prim p) {
    return switch (p) {
      case NULL -> IdlValue.NULL;
      case RESERVED -> IdlValue.RESERVED;
      case EMPTY -> throw new IllegalStateException("no values of type empty");
      case BOOL -> new IdlValue.Bool(rnd.nextBoolean());
      case NAT -> new IdlValue.Nat(new BigInteger(rnd.nextInt(130), rnd));
      case INT -> new IdlValue.Int(new BigInteger(rnd.nextInt(130), rnd).multiply(BigInteger.valueOf(rnd.nextBoolean() ? 1 : -1)));
      case NAT8 -> new IdlValue.Nat8(rnd.nextInt(256));
      case NAT16 -> new IdlValue.Nat16(rnd.nextInt(65536));
      case NAT32 -> new IdlValue.Nat32(rnd.nextLong() & 0xffff_ffffL);
      case NAT64 -> new IdlValue.Nat64(rnd.nextLong());
      case INT8 -> new IdlValue.Int8((byte) rnd.nextInt());
      case INT16 -> new IdlValue.Int16((short) rnd.nextInt());
      case INT32 -> new IdlValue.Int32(rnd.nextInt());
      case INT64 -> new IdlValue.Int64(rnd.nextLong());
      case FLOAT32 -> new IdlValue.Float32(rnd.nextBoolean() ? Float.intBitsToFloat(rnd.nextInt()) : rnd.nextInt(1000) / 8f);
      case FLOAT64 -> new IdlValue.Float64(rnd.nextBoolean() ? Double.longBitsToDouble(rnd.nextLong()) : rnd.nextInt(1000) / 4.0);
      case TEXT -> new IdlValue.Text(text());
      case PRINCIPAL -> new IdlValue.Principal(principal());
    };
  }

  private String text() {
    StringBuilder sb = new StringBuilder();
    int n = rnd.nextInt(8);
    for (int i = 0; i < n; i++) {
      int cp = switch (rnd.nextInt(4)) {
        case 0 -> rnd.nextInt(0x80);
        case 1 -> "\"'\\\n\t{}".charAt(rnd.nextInt(7));
        case 2 -> 0x80 + rnd.nextInt(0xd800 - 0x80);
        default -> 0xe000 + rnd.nextInt(0x10ffff - 0xe000);
      };
      sb.appendCodePoint(cp);
    }
    return sb.toString();
  }
}
