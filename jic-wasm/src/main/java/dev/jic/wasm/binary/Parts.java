package dev.jic.wasm.binary;

import dev.jic.wasm.binary.Types.GlobalType;
import dev.jic.wasm.binary.Types.MemoryType;
import dev.jic.wasm.binary.Types.TableType;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** The entries of a module's sections, as immutable records. */
public final class Parts {
  private Parts() {}

  /** What an import brings in. */
  public sealed interface ImportDesc {
    /** A function of the type at {@code typeIndex}. */
    record Func(int typeIndex) implements ImportDesc {}

    record Table(TableType type) implements ImportDesc {}

    record Memory(MemoryType type) implements ImportDesc {}

    record Global(GlobalType type) implements ImportDesc {}
  }

  /** {@code (import "module" "name" desc)}. */
  public record Import(String module, String name, ImportDesc desc) {}

  /** The four kinds of external values, with their binary codes. */
  public enum ExternalKind {
    FUNC, TABLE, MEMORY, GLOBAL;

    public int code() {
      return ordinal();
    }
  }

  /** {@code (export "name" (kind index))}. */
  public record Export(String name, ExternalKind kind, int index) {}

  /** A module-defined global and its constant initialiser (ending with {@code end}). */
  public record Global(GlobalType type, List<Instruction> init) {
    public Global {
      init = List.copyOf(init);
    }
  }

  /** How an element or data segment is used. */
  public sealed interface SegmentMode {
    /** Copied into table/memory {@code index} at {@code offset} during instantiation. */
    record Active(int index, List<Instruction> offset) implements SegmentMode {
      public Active {
        offset = List.copyOf(offset);
      }
    }

    /** Available to {@code table.init} / {@code memory.init}. */
    record Passive() implements SegmentMode {}

    /** Element segments only: declares functions for {@code ref.func}, then dropped. */
    record Declarative() implements SegmentMode {}
  }

  /** An element segment's contents: plain function indices, or constant expressions. */
  public sealed interface ElementItems {
    record Functions(List<Integer> indices) implements ElementItems {
      public Functions {
        indices = List.copyOf(indices);
      }
    }

    record Expressions(List<List<Instruction>> exprs) implements ElementItems {
      public Expressions {
        exprs = exprs.stream().map(List::copyOf).toList();
      }
    }
  }

  /** An element segment: mode, reference type and items. */
  public record ElementSegment(SegmentMode mode, ValType type, ElementItems items) {}

  /** A data segment; the bytes are copied in and out, never shared. */
  public record DataSegment(SegmentMode mode, byte[] bytes) {
    public DataSegment {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    /** Length without copying. */
    public int size() {
      return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof DataSegment d && mode.equals(d.mode) && Arrays.equals(bytes, d.bytes);
    }

    @Override
    public int hashCode() {
      return mode.hashCode() * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "DataSegment[" + mode + ", " + bytes.length + " bytes]";
    }
  }

  /** A run of {@code count} locals of one type, as declared. */
  public record Locals(long count, ValType type) {}

  /** A function body: local declarations and instructions, the last being the final {@code end}. */
  public record FunctionBody(List<Locals> locals, List<Instruction> code) {
    public FunctionBody {
      locals = List.copyOf(locals);
      code = List.copyOf(code);
    }
  }

  /**
   * A custom section, kept verbatim. {@code after} is the id of the last non-empty standard
   * section before it (0 if none), so the encoder puts it back in the same place.
   */
  public record CustomSection(String name, byte[] content, int after) {
    public CustomSection {
      content = content.clone();
    }

    @Override
    public byte[] content() {
      return content.clone();
    }

    /** Length without copying. */
    public int size() {
      return content.length;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof CustomSection c && name.equals(c.name) && after == c.after
          && Arrays.equals(content, c.content);
    }

    @Override
    public int hashCode() {
      return name.hashCode() * 31 + Arrays.hashCode(content) + after;
    }

    @Override
    public String toString() {
      String head = HexFormat.of().formatHex(content, 0, Math.min(16, content.length));
      return "CustomSection[" + name + ", after " + after + ", " + content.length + " bytes " + head + "]";
    }
  }
}
