package dev.jic.wasm.binary;

import dev.jic.wasm.binary.Parts.CustomSection;
import dev.jic.wasm.binary.Parts.DataSegment;
import dev.jic.wasm.binary.Parts.ElementItems;
import dev.jic.wasm.binary.Parts.ElementSegment;
import dev.jic.wasm.binary.Parts.Export;
import dev.jic.wasm.binary.Parts.FunctionBody;
import dev.jic.wasm.binary.Parts.Global;
import dev.jic.wasm.binary.Parts.Import;
import dev.jic.wasm.binary.Parts.ImportDesc;
import dev.jic.wasm.binary.Parts.SegmentMode;
import dev.jic.wasm.binary.Types.FuncType;
import dev.jic.wasm.binary.Types.GlobalType;
import dev.jic.wasm.binary.Types.Limits;
import dev.jic.wasm.binary.Types.TableType;
import java.util.List;

/**
 * Encodes a {@link WasmModule} to the binary format, in canonical form: shortest LEB128s, empty
 * vector sections omitted, custom sections placed after the section recorded in their
 * {@code after} field. Guarantee: {@code decode(encode(m)).equals(m)} for every module {@code m}
 * that {@link WasmDecoder} produced. Deterministic: equal models give identical bytes.
 */
public final class WasmEncoder {
  private WasmEncoder() {}

  /** The binary encoding of {@code m}. */
  public static byte[] encode(WasmModule m) {
    ByteSink out = new ByteSink();
    out.fixed(0x6D736100L, 4);
    out.fixed(1, 4);
    customs(out, m, 0);
    for (int id : WasmDecoder.SECTION_ORDER) {
      ByteSink s = section(m, id);
      if (s != null) {
        out.u8(id);
        out.uleb(s.size());
        out.bytes(s);
      }
      customs(out, m, id);
    }
    return out.toByteArray();
  }

  private static void customs(ByteSink out, WasmModule m, int after) {
    for (CustomSection c : m.customSections()) {
      if (c.after() == after) {
        ByteSink s = new ByteSink();
        s.name(c.name());
        s.bytes(c.content());
        out.u8(0);
        out.uleb(s.size());
        out.bytes(s);
      }
    }
  }

  private interface Writer<T> {
    void write(ByteSink s, T t);
  }

  private static <T> ByteSink vec(List<T> items, Writer<T> w) {
    if (items.isEmpty()) {
      return null;
    }
    ByteSink s = new ByteSink();
    writeVec(s, items, w);
    return s;
  }

  private static <T> void writeVec(ByteSink s, List<T> items, Writer<T> w) {
    s.uleb(items.size());
    for (T t : items) {
      w.write(s, t);
    }
  }

  private static ByteSink section(WasmModule m, int id) {
    return switch (id) {
      case 1 -> vec(m.types(), WasmEncoder::funcType);
      case 2 -> vec(m.imports(), WasmEncoder::importEntry);
      case 3 -> vec(m.functions(), (s, i) -> s.uleb(Integer.toUnsignedLong(i)));
      case 4 -> vec(m.tables(), WasmEncoder::tableType);
      case 5 -> vec(m.memories(), (s, mem) -> limits(s, mem.limits()));
      case 6 -> vec(m.globals(), WasmEncoder::global);
      case 7 -> vec(m.exports(), WasmEncoder::export);
      case 8 -> {
        if (m.start().isEmpty()) {
          yield null;
        }
        ByteSink s = new ByteSink();
        s.uleb(m.start().getAsInt());
        yield s;
      }
      case 9 -> vec(m.elements(), WasmEncoder::element);
      case 12 -> {
        if (m.dataCount().isEmpty()) {
          yield null;
        }
        ByteSink s = new ByteSink();
        s.uleb(m.dataCount().getAsLong());
        yield s;
      }
      case 10 -> vec(m.code(), WasmEncoder::body);
      case 11 -> vec(m.data(), WasmEncoder::data);
      default -> throw new IllegalArgumentException("no section " + id);
    };
  }

  private static void funcType(ByteSink s, FuncType t) {
    s.u8(0x60);
    writeVec(s, t.params(), (o, v) -> o.u8(v.code()));
    writeVec(s, t.results(), (o, v) -> o.u8(v.code()));
  }

  private static void importEntry(ByteSink s, Import i) {
    s.name(i.module());
    s.name(i.name());
    switch (i.desc()) {
      case ImportDesc.Func f -> {
        s.u8(0);
        s.uleb(f.typeIndex());
      }
      case ImportDesc.Table t -> {
        s.u8(1);
        tableType(s, t.type());
      }
      case ImportDesc.Memory mem -> {
        s.u8(2);
        limits(s, mem.type().limits());
      }
      case ImportDesc.Global g -> {
        s.u8(3);
        globalType(s, g.type());
      }
    }
  }

  private static void tableType(ByteSink s, TableType t) {
    s.u8(t.elementType().code());
    limits(s, t.limits());
  }

  private static void limits(ByteSink s, Limits l) {
    s.u8((l.is64() ? 0x04 : 0) | (l.max().isPresent() ? 0x01 : 0));
    s.uleb(l.min());
    if (l.max().isPresent()) {
      s.uleb(l.max().getAsLong());
    }
  }

  private static void globalType(ByteSink s, GlobalType g) {
    s.u8(g.type().code());
    s.u8(g.mutable() ? 1 : 0);
  }

  private static void global(ByteSink s, Global g) {
    globalType(s, g.type());
    CodeEncoder.instructions(s, g.init());
  }

  private static void export(ByteSink s, Export e) {
    s.name(e.name());
    s.u8(e.kind().code());
    s.uleb(e.index());
  }

  private static void element(ByteSink s, ElementSegment e) {
    boolean exprs = e.items() instanceof ElementItems.Expressions;
    switch (e.mode()) {
      case SegmentMode.Active a -> {
        boolean implicit = a.index() == 0 && e.type() == ValType.FUNCREF;
        s.uleb((implicit ? 0 : 2) | (exprs ? 4 : 0));
        if (!implicit) {
          s.uleb(a.index());
        }
        CodeEncoder.instructions(s, a.offset());
        if (!implicit) {
          elementKind(s, e, exprs);
        }
      }
      case SegmentMode.Passive p -> {
        s.uleb(1 | (exprs ? 4 : 0));
        elementKind(s, e, exprs);
      }
      case SegmentMode.Declarative d -> {
        s.uleb(3 | (exprs ? 4 : 0));
        elementKind(s, e, exprs);
      }
    }
    switch (e.items()) {
      case ElementItems.Functions f -> writeVec(s, f.indices(), (o, i) -> o.uleb(Integer.toUnsignedLong(i)));
      case ElementItems.Expressions x -> writeVec(s, x.exprs(), CodeEncoder::instructions);
    }
  }

  private static void elementKind(ByteSink s, ElementSegment e, boolean exprs) {
    s.u8(exprs ? e.type().code() : 0x00);
  }

  private static void body(ByteSink s, FunctionBody b) {
    ByteSink f = new ByteSink();
    writeVec(f, b.locals(), (o, l) -> {
      o.uleb(l.count());
      o.u8(l.type().code());
    });
    CodeEncoder.instructions(f, b.code());
    s.uleb(f.size());
    s.bytes(f);
  }

  private static void data(ByteSink s, DataSegment d) {
    switch (d.mode()) {
      case SegmentMode.Active a -> {
        if (a.index() == 0) {
          s.u8(0);
        } else {
          s.u8(2);
          s.uleb(a.index());
        }
        CodeEncoder.instructions(s, a.offset());
      }
      case SegmentMode.Passive p -> s.u8(1);
      case SegmentMode.Declarative x -> throw new IllegalArgumentException("a data segment cannot be declarative");
    }
    s.uleb(d.size());
    s.bytes(d.bytes());
  }

}
