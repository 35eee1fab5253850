package dev.jic.wasm.binary;

import java.util.List;
import java.util.OptionalLong;

/** The type-level records of the module model: function, table, memory and global types and limits. */
public final class Types {
  private Types() {}

  /** A function type {@code [params] -> [results]} (multi-value allowed). */
  public record FuncType(List<ValType> params, List<ValType> results) {
    public FuncType {
      params = List.copyOf(params);
      results = List.copyOf(results);
    }
  }

  /**
   * Limits of a memory or table. {@code is64} marks a memory64/table64 limit (flags 0x04/0x05),
   * whose bounds are u64; otherwise they are u32. {@code max} is absent when unbounded.
   */
  public record Limits(long min, OptionalLong max, boolean is64) {}

  /** A table: element reference type and limits. */
  public record TableType(ValType elementType, Limits limits) {}

  /** A linear memory: limits in 64 KiB pages; {@code limits.is64()} marks a wasm64 memory. */
  public record MemoryType(Limits limits) {}

  /** A global's value type and mutability. */
  public record GlobalType(ValType type, boolean mutable) {}
}
